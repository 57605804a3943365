import DocumentModel

/// Markup for a page, safe by construction: the literal parts are the code's own markup,
/// every interpolated `String` (OCR text, a file name, a user's input) is escaped, and only
/// another `HTML` value is inserted as it is. No page can put a document's `<script>` into
/// the markup without going through a literal written here.
///
///     let row: HTML = "<td>\(hit.subject ?? "")</td>"     // the subject is escaped
struct HTML: ExpressibleByStringInterpolation, Sendable, CustomStringConvertible {
    private(set) var rendered: String

    init(stringLiteral literal: String) {
        rendered = literal
    }

    init(stringInterpolation: Interpolation) {
        rendered = stringInterpolation.rendered
    }

    /// Nothing, for an absent optional part.
    static let empty: HTML = ""

    var description: String { rendered }

    struct Interpolation: StringInterpolationProtocol {
        var rendered = ""

        init(literalCapacity: Int, interpolationCount: Int) {
            rendered.reserveCapacity(literalCapacity * 2)
        }

        mutating func appendLiteral(_ literal: String) {
            rendered += literal
        }

        mutating func appendInterpolation(_ text: String) {
            rendered += htmlEscaped(text)
        }

        mutating func appendInterpolation(_ number: Int) {
            rendered += String(number)
        }

        mutating func appendInterpolation(_ markup: HTML) {
            rendered += markup.rendered
        }

        mutating func appendInterpolation(_ parts: [HTML]) {
            for part in parts { rendered += part.rendered }
        }
    }
}
