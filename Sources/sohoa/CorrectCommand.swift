import ArchiveStore
import ArgumentParser
import DocumentModel
import Foundation

struct CorrectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correct",
        abstract: "Correct a document's type or metadata, keeping the machine's values in an audit trail.",
        discussion: """
            The corrected values replace the machine's everywhere: search and its filters, \
            number lookup, show, review and export (which adds corrected_fields and \
            machine_values). Every correction is kept with who made it and when; --history \
            lists them, and so does 'sohoa show'. A correction takes the document off the \
            review list (its reasons stay in the trail) unless --keep-review. A doc_type \
            other than van_ban_qppl clears legal_form. Text is stored NFC with Đ repaired \
            and spaces collapsed; a number without spaces. Re-ingesting the file keeps the \
            corrections. Exit codes: 0 corrected (or nothing to change); 1 no document with \
            that id; 64 a field, value or option that is not valid (nothing is written).
            """)

    @OptionGroup var options: ArchiveOptions

    @Argument(help: "Document id, as printed by ingest, search and review.")
    var id: DocumentID

    @Option(name: .customLong("doc-type"), help: ArgumentHelp("Type code, e.g. cong_van, quyet_dinh, van_ban_qppl.", valueName: "code"))
    var docType: String?

    @Option(name: .customLong("legal-form"), help: ArgumentHelp("Legal form of a van_ban_qppl, e.g. nghi_dinh, thong_tu.", valueName: "code"))
    var legalForm: String?

    @Option(help: ArgumentHelp("Số và ký hiệu, e.g. 28/2018/QĐ-TTg.", valueName: "text"))
    var number: String?

    @Option(name: .customLong("issued-date"), help: ArgumentHelp("The document's own date.", valueName: "yyyy-mm-dd"))
    var issuedDate: String?

    @Option(help: ArgumentHelp("Place name before the date.", valueName: "text"))
    var place: String?

    @Option(help: ArgumentHelp("Issuing agency.", valueName: "text"))
    var agency: String?

    @Option(name: .customLong("agency-parent"), help: ArgumentHelp("The issuing agency's parent body.", valueName: "text"))
    var agencyParent: String?

    @Option(help: ArgumentHelp("Trích yếu, without V/v.", valueName: "text"))
    var subject: String?

    @Option(help: ArgumentHelp("The signer's full name.", valueName: "text"))
    var signer: String?

    @Option(name: .customLong("signer-title"), help: ArgumentHelp("The signer's position, e.g. PHÓ CHỦ TỊCH.", valueName: "text"))
    var signerTitle: String?

    @Option(name: .customLong("signing-authority"), help: ArgumentHelp("The TM./KT./TL./TUQ./Q. line, e.g. KT. CHỦ TỊCH.", valueName: "text"))
    var signingAuthority: String?

    @Option(help: ArgumentHelp("Secrecy: mat, toi_mat, tuyet_mat.", valueName: "level"))
    var secrecy: String?

    @Option(help: ArgumentHelp("Urgency: khan, thuong_khan, hoa_toc.", valueName: "level"))
    var urgency: String?

    @Option(name: .customLong("clear"), parsing: .singleValue, help: ArgumentHelp(
        "Empty a field, by its export key, e.g. secrecy, agency_parent (repeatable).", valueName: "field"))
    var cleared: [String] = []

    @Option(help: ArgumentHelp("Who corrects (default: $SOHOA_USER, else the login name).", valueName: "name"))
    var by: String?

    @Option(help: ArgumentHelp("Why, or on what authority; kept in the trail.", valueName: "text"))
    var note: String?

    @Flag(name: .customLong("keep-review"), help: "Leave the document on the review list.")
    var keepReview = false

    @Flag(help: "List the document's corrections instead of making one.")
    var history = false

    @Flag(help: "Print the result as one JSON object (with --history, one per correction and line).")
    var json = false

    private var values: [MetadataField: String] {
        let given: [(MetadataField, String?)] = [
            (.docType, docType), (.legalForm, legalForm), (.number, number), (.issuedDate, issuedDate),
            (.place, place), (.agency, agency), (.agencyParent, agencyParent), (.subject, subject), (.signer, signer),
            (.signerTitle, signerTitle), (.signingAuthority, signingAuthority), (.secrecy, secrecy), (.urgency, urgency),
        ]
        return given.reduce(into: [:]) { $0[$1.0] = $1.1 }
    }

    /// The correction as given; throws ``CorrectionError/unknownField(_:)`` for a `--clear`
    /// that names no field.
    private func correction() throws -> MetadataCorrection {
        MetadataCorrection(values: values, cleared: Set(try cleared.map(MetadataCorrection.field(named:))),
                           correctedBy: by ?? CorrectCommand.loginName ?? "", note: note, keepsReview: keepReview)
    }

    /// `$SOHOA_USER`, else the name of the session's login (under sudo, the person's own),
    /// else the account's.
    private static var loginName: String? {
        if let name = ProcessInfo.processInfo.environment["SOHOA_USER"], !name.allSatisfy(\.isWhitespace) { return name }
        if let login = getlogin() { return String(cString: login) }
        return getpwuid(geteuid()).map { String(cString: $0.pointee.pw_name) }
    }

    func validate() throws {
        if history {
            guard values.isEmpty, cleared.isEmpty, by == nil, note == nil, !keepReview else {
                throw ValidationError("--history lists the corrections; give it no values")
            }
            return
        }
        do {
            _ = try correction().normalized()
        } catch let error as CorrectionError {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let archive = try options.openExistingArchive()
        guard !history else { return try printHistory(archive) }
        let outcome: CorrectionOutcome
        do {
            outcome = try archive.correct(id, try correction())
        } catch CorrectionError.noSuchDocument {
            printError("sohoa: no document with id \(id)")
            throw ExitCode(1)
        } catch let error as CorrectionError {
            printError("sohoa correct: \(error)")
            throw Exit.badUsage
        } catch {
            printError("sohoa correct: nothing was written: \(error)")
            throw Exit.unusable
        }
        if json {
            let changes = outcome.changes.map { ["field": $0.field.rawValue, "old": $0.old ?? NSNull(), "new": $0.new ?? NSNull()] as [String: Any] }
            print(jsonText([
                "id": id.rawValue, "changes": changes, "corrected_at": outcome.correctedAt ?? NSNull(),
                "corrected_by": outcome.correctedAt == nil ? NSNull() : outcome.correctedBy,
                "cleared_review_reasons": outcome.clearedReviewReasons ?? NSNull(),
            ]))
            return
        }
        guard let at = outcome.correctedAt else {
            print("Nothing to change: document \(id) already has these values.")
            return
        }
        print("Corrected \(id) (by \(outcome.correctedBy), \(at)):")
        for change in outcome.changes {
            print("  \(CorrectionTrail.pad(change.field.rawValue)) \(CorrectionTrail.shown(change.old)) → \(CorrectionTrail.shown(change.new))")
        }
        if let reasons = outcome.clearedReviewReasons {
            print("  off the review list (was: \(reasons.joined(separator: "; ")))")
        }
    }

    private func printHistory(_ archive: Archive) throws {
        guard try archive.document(id: id) != nil else {
            printError("sohoa: no document with id \(id)")
            throw ExitCode(1)
        }
        let trail = try archive.corrections(of: id)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for correction in trail { print(String(decoding: try encoder.encode(correction), as: UTF8.self)) }
        } else {
            print(trail.isEmpty ? "Document \(id) has not been corrected." : (["Corrections of \(id):"] + CorrectionTrail.lines(trail)).joined(separator: "\n"))
        }
    }
}

/// The audit trail as people read it, for `correct --history` and `show`.
enum CorrectionTrail {
    /// One line per row: when, who, the field from its value before to the corrected one,
    /// the machine's value when that was not the value before, and the note.
    static func lines(_ trail: [Correction]) -> [String] {
        var current: [CorrectedField: String?] = [:]
        return trail.map { row in
            let before = current[row.field] ?? row.machineValue
            current[row.field] = row.correctedValue
            var line = "  \(row.correctedAt)  \(row.correctedBy)  \(row.field): \(shown(before)) → \(shown(row.correctedValue))"
            if before != row.machineValue { line += " (machine: \(shown(row.machineValue)))" }
            if let note = row.note { line += " — \(note)" }
            return line
        }
    }

    static func shown(_ value: String?) -> String { value ?? "(none)" }

    static func pad(_ field: String) -> String { field.padding(toLength: 18, withPad: " ", startingAt: 0) }
}
