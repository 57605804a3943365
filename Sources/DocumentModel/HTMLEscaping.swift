/// `text` with `& < > " '` as entities: safe in HTML element content and in quoted
/// attribute values. The one escaping of the web app's pages and of the printable box
/// report, so that text from OCR, folder names and catalogues is never markup.
public func htmlEscaped(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}
