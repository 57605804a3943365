/// `string` as a JSON string literal: quotes, backslashes and control characters escaped,
/// everything else (slashes, Vietnamese letters) as it is. The one quoting of the export,
/// the API and `--json`, so that they agree on every character.
public func jsonQuoted(_ string: String) -> String {
    var out = "\""
    for scalar in string.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{0C}": out += "\\f"
        case "\u{08}": out += "\\b"
        default:
            if scalar.value < 0x20 {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
