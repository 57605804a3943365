import ArchiveStore
import Foundation

/// The review queue as a person reads it: a line per document, the fields to check, why.
public struct ReviewList {
    public let text: String

    public init(_ items: [ReviewItem]) {
        guard !items.isEmpty else {
            text = "Nothing to review."
            return
        }
        var lines: [String] = []
        for item in items {
            let confidence = item.ocrConfidence.map { String(format: "OCR %.0f", $0) } ?? "text layer"
            let fields = [item.docType.rawValue, item.number ?? "no number", item.issuedDate ?? "no date", confidence]
            lines.append("\(item.id)  \(item.source.printableSource)  \(fields.joined(separator: " · "))")
            if !item.fields.isEmpty { lines.append("    check: " + item.fields.map(\.rawValue).joined(separator: ", ")) }
            lines.append("    " + item.reasons.joined(separator: "; "))
        }
        text = lines.joined(separator: "\n")
    }
}
