import DocumentModel
import Foundation

/// JSON written from the values the API and `--json` build — strings, numbers, booleans,
/// `NSNull`, arrays and dictionaries — keys sorted by their UTF-8 bytes, slashes left as
/// they are, one line.
///
/// Foundation's `JSONSerialization` sorted keys by a locale-aware string comparison that
/// took a fifth of a search's answer time at 100,000 documents; byte order gives the same
/// order for the snake_case keys sohoa writes, at a fraction of the cost.
struct JSONText {
    private(set) var output = ""

    mutating func write(_ value: Any) {
        switch value {
        case let text as String: write(string: text)
        case let flag as Bool: output += flag ? "true" : "false"
        case let number as Int: output += String(number)
        case let number as Double: write(number: number)
        case let number as Float: write(number: Double(number))
        case let number as any BinaryInteger: output += String(describing: number)
        case let object as [String: Any]:
            output += "{"
            for (index, key) in object.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                if index > 0 { output += "," }
                write(string: key)
                output += ":"
                write(object[key]!)
            }
            output += "}"
        case let array as [Any]:
            output += "["
            for (index, element) in array.enumerated() {
                if index > 0 { output += "," }
                write(element)
            }
            output += "]"
        default:
            // NSNull, and a nil that reached an `Any`.
            if let wrapped = Mirror(reflecting: value).children.first, Mirror(reflecting: value).displayStyle == .optional {
                write(wrapped.value)
            } else {
                output += "null"
            }
        }
    }

    /// Whole numbers without a fraction (`2`, as JSON writers commonly give them), others
    /// in Swift's shortest exact form; JSON has no NaN or infinity, so those are null.
    private mutating func write(number: Double) {
        guard number.isFinite else {
            output += "null"
            return
        }
        if number == number.rounded(), abs(number) < 1e15 {
            output += String(Int64(number))
        } else {
            output += number.description
        }
    }

    private mutating func write(string: String) {
        output += jsonQuoted(string)
    }
}
