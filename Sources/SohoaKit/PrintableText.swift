import VietnameseText

extension String {
    /// An input's `source` as a line people read: ``printable``, with the legacy reading of a
    /// name that is not UTF-8 beside it (`SourceName.readable`).
    public var printableSource: String {
        SourceName.readable(self).printable
    }

    /// The text as one line a person can read: control characters (a newline or a tab in a
    /// file name copied from an old share, an escape sequence) written as `\n`, `\t`, `\r`
    /// or `\u{1B}`, and a backslash as `\\` so that an escape cannot be mistaken for one.
    ///
    /// For the lines people read (progress, summaries, status, lists); JSON output keeps the
    /// text exact.
    public var printable: String {
        guard unicodeScalars.contains(where: { $0 == "\\" || String.needsEscape($0) }) else { return self }
        var result = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case _ where String.needsEscape(scalar):
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// C0 and C1 controls, DEL, and the line and paragraph separators, which break a line
    /// as surely as a newline does.
    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
    }
}
