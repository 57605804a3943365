import DocumentModel
import ArchiveStore
import ArgumentParser
import Foundation

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a document: its metadata, where its original is stored, and its text.")

    @OptionGroup var options: ArchiveOptions

    @Argument(help: "Document id, as printed by ingest and search.")
    var id: DocumentID

    @Flag(help: "Print the document as one JSON object.")
    var json = false

    @Flag(name: .customLong("no-text"), help: "Leave the text out.")
    var noText = false

    func run() throws {
        let archive = try options.openExistingArchive()
        guard let document = try archive.document(id: id) else {
            printError("sohoa: no document with id \(id)")
            throw ExitCode(1)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(document), as: UTF8.self))
        } else {
            print(document.describe(archiveDirectory: archive.directory, includeText: !noText))
        }
    }
}

extension StoredDocument {
    /// A person's view: metadata first, then where the original is, then the text by page.
    func describe(archiveDirectory: URL, includeText: Bool) -> String {
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
        if let modelVersion { lines.append("  type model         version \(modelVersion) voted (sohoa train)") }
        lines.append("  original           \(archiveDirectory.appendingPathComponent(originalPath).path)")
        lines.append("  sha256             \(sha256) (\(byteCount) bytes, \(mediaType))")
        if let searchablePDF {
            lines.append("  searchable PDF     \(archiveDirectory.appendingPathComponent(searchablePDF).path)")
        }
        lines.append("  sources            \(sources.joined(separator: ", "))")
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
