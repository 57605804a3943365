import ArgumentParser
import DocumentModel
import SohoaKit

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

    private var request: CorrectionRequest {
        var request = CorrectionRequest(id: id)
        let given: [(MetadataField, String?)] = [
            (.docType, docType), (.legalForm, legalForm), (.number, number), (.issuedDate, issuedDate),
            (.place, place), (.agency, agency), (.agencyParent, agencyParent), (.subject, subject), (.signer, signer),
            (.signerTitle, signerTitle), (.signingAuthority, signingAuthority), (.secrecy, secrecy), (.urgency, urgency),
        ]
        request.values = given.reduce(into: [:]) { $0[$1.0] = $1.1 }
        request.clearedNames = cleared
        request.correctedBy = by
        request.note = note
        request.keepsReview = keepReview
        return request
    }

    func validate() throws {
        if history {
            guard request.values.isEmpty, cleared.isEmpty, by == nil, note == nil, !keepReview else {
                throw ValidationError("--history lists the corrections; give it no values")
            }
            return
        }
        if let problem = request.problem { throw ValidationError(problem) }
    }

    func run() throws {
        try reportingFailures {
            let archive = try options.workspace.openExistingArchive()
            if history {
                let trail = try archive.correctionHistory(of: id, visibleTo: .unrestricted)
                if json {
                    for correction in trail { print(try jsonLine(correction)) }
                } else {
                    print(trail.isEmpty ? "Document \(id) has not been corrected."
                        : (["Corrections of \(id):"] + CorrectionTrail.lines(trail)).joined(separator: "\n"))
                }
                return
            }
            let outcome = try request.run(on: archive, visibleTo: .unrestricted)
            print(json ? outcome.jsonLine(id: id) : outcome.text(id: id))
        }
    }
}
