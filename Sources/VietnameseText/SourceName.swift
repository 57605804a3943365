import Foundation

/// How a file's name is written where sohoa names an input (`source`), and how it is shown.
///
/// A name in UTF-8 is written as it is, NFC. A name with bytes that are not UTF-8 (a CP1258,
/// TCVN3 or VNI disk copied as bytes) is written with each such byte as `%XX` and each `%`
/// as `%25`, valid UTF-8 sequences as they are: the same bytes always give the same
/// `source`, and two names never print alike. Such a name is shown as its legacy
/// encoding reads it (``display(of:)``) when one does.
public enum SourceName {
    /// `bytes` as a `source` component: valid UTF-8 sequences as they are, every other byte
    /// and `%` itself as `%XX`.
    public static func escaped(_ bytes: [UInt8]) -> String {
        var out = ""
        var index = 0
        while index < bytes.count {
            let length = utf8Length(bytes, at: index)
            if length > 0, let text = String(bytes: bytes[index..<index + length], encoding: .utf8), text != "%" {
                out += text
                index += length
            } else {
                out += String(format: "%%%02X", bytes[index])
                index += 1
            }
        }
        return out
    }

    /// The bytes an escaped component stands for: each `%XX` as its byte.
    public static func bytes(of escaped: Substring) -> [UInt8] {
        var out: [UInt8] = []
        var utf8 = Array(escaped.utf8)[...]
        while let byte = utf8.first {
            let digits = utf8.dropFirst().prefix(2)
            if byte == UInt8(ascii: "%"), digits.count == 2, digits.allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit }),
               let value = UInt8(String(decoding: digits, as: UTF8.self), radix: 16) {
                out.append(value)
                utf8 = utf8.dropFirst(3)
            } else {
                out.append(byte)
                utf8 = utf8.dropFirst()
            }
        }
        return out
    }

    /// The Unicode reading of a `source` whose components are in a legacy encoding, each
    /// such component read in the encoding that makes it Vietnamese (``LegacyEncoding``):
    /// components holding escaped bytes, and UTF-8 components that are such bytes decoded
    /// once already as Windows' Latin code page, the mojibake of a copy that guessed wrong
    /// ("Bieân baûn hoïp" is VNI's "Biên bản họp"). Nil when no component is either, or an
    /// escaped one reads as Vietnamese in no encoding.
    public static func display(of source: String) -> String? {
        var read = false
        var components: [String] = []
        for component in source.split(separator: "/", omittingEmptySubsequences: false) {
            let bytes = component.contains("%") ? bytes(of: component) : Array(component.utf8)
            if String(bytes: bytes, encoding: .utf8) == nil {
                guard let reading = LegacyEncoding.reading(of: bytes) else { return nil }
                components.append(reading.text)
                read = true
            } else if let reading = mojibakeReading(of: String(component)) {
                components.append(reading)
                read = true
            } else {
                components.append(String(component))
            }
        }
        return read ? components.joined(separator: "/") : nil
    }

    /// The legacy reading of a UTF-8 name that is not Vietnamese as it stands (a sign such
    /// as "«" inside it, or a word with marks that is no syllable) but whose Windows Latin
    /// bytes are; nil for a name that reads as it is.
    private static func mojibakeReading(of name: String) -> String? {
        let broken = name.contains { !$0.isASCII && !$0.isLetter }
            || name.split(whereSeparator: { !$0.isLetter }).contains {
                !$0.allSatisfy(\.isASCII) && VietnameseSyllable.kind(of: String($0)) != .vietnamese
            }
        guard broken, let latin = name.data(using: .windowsCP1252) else { return nil }
        return LegacyEncoding.reading(of: Array(latin))?.text
    }

    /// `source` as people read it: followed by its legacy reading in parentheses when there
    /// is one ("Quy%EA%ECt.pdf (Quyết.pdf)"), so that both the name as stored and the name
    /// as its author typed it can be found.
    public static func readable(_ source: String) -> String {
        display(of: source).map { "\(source) (\($0))" } ?? source
    }

    /// The length of the valid UTF-8 sequence starting at `index`, or 0.
    private static func utf8Length(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let length = lead < 0x80 ? 1 : lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 0
        guard length > 0, index + length <= bytes.count else { return 0 }
        guard bytes[(index + 1)..<(index + length)].allSatisfy({ $0 >> 6 == 0b10 }) else { return 0 }
        return length
    }
}
