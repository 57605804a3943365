import ArchiveStore
import DocumentModel
import Foundation

/// A person's correction as given to the command line or the web app: the values typed,
/// the fields to clear by name, who and why.
public struct CorrectionRequest: Sendable {
    public var id: DocumentID
    public var values: [MetadataField: String] = [:]
    /// Fields to empty, by their export key as typed (`agency-parent` is `agency_parent`).
    public var clearedNames: [String] = []
    /// Who corrects; nil is `$SOHOA_USER`, else the login name.
    public var correctedBy: String?
    public var note: String?
    public var keepsReview = false
    /// Every field checked and right: the document leaves the review list unchanged.
    public var confirmsAll = false

    public init(id: DocumentID) {
        self.id = id
    }

    /// The correction as given; throws ``CorrectionError/unknownField(_:)`` for a field
    /// to clear that names no field.
    public func correction() throws -> MetadataCorrection {
        MetadataCorrection(values: values, cleared: Set(try clearedNames.map(MetadataCorrection.field(named:))),
                           correctedBy: correctedBy ?? CorrectionRequest.loginName ?? "", note: note, keepsReview: keepsReview,
                           confirmsAll: confirmsAll)
    }

    /// Why the correction would be refused, before the archive is opened; nil when it would not.
    public var problem: String? {
        do {
            _ = try correction().normalized()
            return nil
        } catch let error as CorrectionError {
            return error.description
        } catch {
            return "\(error)"
        }
    }

    /// Corrects the document. An unknown id, or one above `clearance`, is
    /// ``CommandFailure/Kind/notFound``, a value the archive refuses is bad usage; either way
    /// nothing is written.
    public func run(on archive: some ReviewDesk, visibleTo clearance: Clearance) throws -> CorrectionOutcome {
        do {
            return try archive.correct(id, try correction(), visibleTo: clearance)
        } catch CorrectionError.noSuchDocument {
            throw CommandFailure(.notFound, "no document with id \(id)")
        } catch let error as CorrectionError {
            throw CommandFailure(.invalidValue, "\(error)", command: "correct")
        } catch {
            throw CommandFailure(.unusable, "nothing was written: \(error)", command: "correct")
        }
    }

    /// `$SOHOA_USER`, else the name of the session's login (under sudo, the person's own),
    /// else the account's.
    public static var loginName: String? {
        if let name = ProcessInfo.processInfo.environment["SOHOA_USER"], !name.allSatisfy(\.isWhitespace) { return name }
        if let login = getlogin() { return String(cString: login) }
        return getpwuid(geteuid()).map { String(cString: $0.pointee.pw_name) }
    }
}

extension CorrectionOutcome {
    /// The JSON object `correct --json` prints.
    public func jsonLine(id: DocumentID) -> String {
        let changes = self.changes.map { ["field": $0.field.rawValue, "old": $0.old ?? NSNull(), "new": $0.new ?? NSNull()] as [String: Any] }
        return jsonText([
            "id": id.rawValue, "changes": changes, "corrected_at": correctedAt ?? NSNull(),
            "corrected_by": correctedAt == nil ? NSNull() : correctedBy,
            "cleared_review_reasons": clearedReviewReasons ?? NSNull(),
        ])
    }

    /// What changed, as a person reads it.
    public func text(id: DocumentID) -> String {
        guard let at = correctedAt else { return "Nothing to change: document \(id) already has these values." }
        var lines = ["Corrected \(id) (by \(correctedBy), \(at)):"]
        for change in changes {
            lines.append("  \(CorrectionTrail.pad(change.field.rawValue)) \(CorrectionTrail.shown(change.old)) → \(CorrectionTrail.shown(change.new))")
        }
        if let reasons = clearedReviewReasons {
            lines.append("  off the review list (was: \(reasons.joined(separator: "; ")))")
        }
        return lines.joined(separator: "\n")
    }
}

extension ReviewDesk where Self: DocumentStore {
    /// The audit trail of an existing document open at `clearance`, oldest first.
    public func correctionHistory(of id: DocumentID, visibleTo clearance: Clearance) throws -> [Correction] {
        _ = try existingDocument(id, visibleTo: clearance)
        return try corrections(of: id, visibleTo: clearance)
    }
}

/// The audit trail as people read it, for `correct --history` and `show`.
public enum CorrectionTrail {
    /// One line per row: when, who, the field from its value before to the corrected one,
    /// the machine's value when that was not the value before, and the note.
    public static func lines(_ trail: [Correction]) -> [String] {
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
