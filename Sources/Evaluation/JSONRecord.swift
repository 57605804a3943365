import Classifier
import DocumentModel
import Foundation

/// One line of a JSON Lines file — a truth line or an export line — with its scalar values
/// as text, so that truth and export compare field by field whatever JSON type each used
/// (`"pages": 2` and `"pages": "2"` agree).
public struct JSONRecord: Sendable, Equatable {
    /// Every scalar key on the line; a JSON `null` is a present key with a nil value.
    public var values: [String: String?]

    public init(_ values: [String: String?]) {
        self.values = values
    }

    /// The value of `key`, nil when the line has no such key or it is null.
    public subscript(key: String) -> String? {
        values[key] ?? nil
    }

    public func has(_ key: String) -> Bool {
        values[key] != nil
    }

    /// Parses JSON Lines, skipping blank lines; a list of strings becomes its items joined by
    /// a line feed, other arrays and objects are left out.
    public static func parseLines(_ data: Data) throws -> [JSONRecord] {
        let decoder = JSONDecoder()
        var records: [JSONRecord] = []
        for (index, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
            guard line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") }) else { continue }
            do {
                let object = try decoder.decode([String: Scalar].self, from: Data(line))
                records.append(JSONRecord(object.compactMapValues { $0.text }))
            } catch {
                throw JSONLinesError(line: index + 1, reason: "\(error)")
            }
        }
        return records
    }

    /// A JSON value reduced to what scoring needs: its text, or nothing for a container.
    private enum Scalar: Decodable {
        case text(String?)
        case container

        init(from decoder: Decoder) throws {
            let value = try decoder.singleValueContainer()
            if value.decodeNil() {
                self = .text(nil)
            } else if let bool = try? value.decode(Bool.self) {
                self = .text(bool ? "true" : "false")
            } else if let int = try? value.decode(Int.self) {
                self = .text(String(int))
            } else if let double = try? value.decode(Double.self) {
                self = .text(String(double))
            } else if let string = try? value.decode(String.self) {
                self = .text(string)
            } else if let list = try? value.decode([String].self) {
                // `review_fields`: kept as its items joined by a line feed.
                self = .text(list.joined(separator: "\n"))
            } else {
                self = .container
            }
        }

        /// nil for a container (left out); `.some(nil)` for JSON null.
        var text: String?? {
            switch self {
            case .text(let text): .some(text)
            case .container: nil
            }
        }
    }
}

public struct JSONLinesError: Error, CustomStringConvertible {
    public var line: Int
    public var reason: String

    public var description: String { "line \(line): not a JSON object (\(reason))" }
}

extension JSONRecord {
    /// The export line the classifier's metadata would give, for scoring a classifier
    /// run in memory (`sohoa evaluate --reclassify`) exactly as an export is scored.
    public init(source: String, pages: [RecognizedPage], metadata m: DocumentMetadata) {
        var fields: [String: String?] = [
            "source": source, "status": "ok", "pages": String(pages.count),
            "text": pages.map(\.text).joined(separator: "\u{0C}"),
            "needs_review": m.needsReview ? "true" : "false",
            "review_fields": m.reviewFields.map(\.rawValue).joined(separator: "\n"),
            "review_reasons": m.reviewReasons.joined(separator: "\n"),
        ]
        for field in MetadataField.allCases {
            fields[field.rawValue] = m.value(of: field)
        }
        self.init(fields)
    }
}
