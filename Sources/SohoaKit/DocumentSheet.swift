import ArchiveStore
import DocumentModel
import Foundation

extension StoredDocument {
    /// A person's view: metadata first, then where the original is, then the text by page.
    public func describe(archiveDirectory: URL, includeText: Bool) -> String {
        var lines = ["Document \(id)"]
        for field in MetadataField.allCases {
            guard let value = metadata[field] else { continue }
            // A field read uncertainly shows how sure it is.
            let doubt = fieldConfidence[field].flatMap { $0 < 1 ? String(format: "   (%.0f%% sure)", $0 * 100) : nil } ?? ""
            let check = reviewFields.contains(field) ? "   ← check" : ""
            lines.append("  \(field.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)) \(value)\(doubt)\(check)")
        }
        if needsReview { lines.append("  needs review       \(reviewReasons.joined(separator: "; "))") }
        if !corrections.isEmpty {
            lines.append("  corrections        by a person, oldest first (the values above are the corrected ones):")
            lines += CorrectionTrail.lines(corrections).map { "  " + $0 }
        }
        if let place { lines.append("  filed in           \(place.describe)") }
        if let sourcePages { lines.append("  source pages       \(sourcePages) of its input, a bound scan of several documents") }
        if let modelVersion { lines.append("  type model         version \(modelVersion) voted (sohoa train)") }
        lines.append("  original           \(archiveDirectory.appendingPathComponent(originalPath).path)")
        lines.append("  sha256             \(sha256) (\(byteCount) bytes, \(mediaType))")
        if let searchablePDF {
            lines.append("  searchable PDF     \(archiveDirectory.appendingPathComponent(searchablePDF).path)")
        }
        lines.append("  sources            \(sources.map(\.printableSource).joined(separator: ", "))")
        let confidence = ocrConfidence.map { String(format: ", mean OCR confidence %.0f", $0) } ?? ""
        let blanks = pages.filter(\.blank).map { String($0.number) }
        let blankNote = blanks.isEmpty ? "" : "; blank: \(blanks.joined(separator: ", "))"
        lines.append("  text               \(pages.count) page(s) from \(textSource)\(confidence)\(blankNote)")
        if includeText {
            for page in pages {
                lines.append("")
                lines.append("── page \(page.number) (\(page.blank ? "blank" : page.source)) ──")
                lines.append(page.text.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        return lines.joined(separator: "\n")
    }
}

extension DocumentPlace {
    /// "phông UBND tỉnh › box 05 › hồ sơ HS017 (Tài liệu năm 2018) › document 3".
    public var describe: String {
        var parts: [String] = []
        if let fonds { parts.append("phông \(fonds.printable)") }
        if let box { parts.append("box \(box.rawValue.printable)") }
        if let hoSo { parts.append("hồ sơ \(hoSo.rawValue.printable)" + (hoSoTitle.map { " (\($0.printable))" } ?? "")) }
        if let ordinal { parts.append("document \(ordinal)") }
        return parts.joined(separator: " › ")
    }
}

extension DocumentStore {
    /// The document with this id; an id that names none, or a document above `clearance`,
    /// is ``CommandFailure/Kind/notFound`` (alike, so that the answer tells nothing).
    public func existingDocument(_ id: DocumentID, visibleTo clearance: Clearance) throws -> StoredDocument {
        guard let document = try document(id: id, visibleTo: clearance) else { throw CommandFailure(.notFound, "no document with id \(id)") }
        return document
    }
}
