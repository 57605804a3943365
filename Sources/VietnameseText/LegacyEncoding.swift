import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The byte encodings Vietnamese was written in before Unicode. Old Windows shares, CDs and
/// zip files still name files in them, and copied onto Linux those names are bytes that are
/// not UTF-8.
///
/// - CP1258 (Windows' Vietnamese code page): base letters with the tone as a combining mark.
/// - TCVN3 (TCVN 5712 "ABC", the .VnTime fonts): one byte per letter with its marks.
/// - VNI (VNI-Windows fonts): a Latin-1 letter followed by Latin-1 signs for the marks
///   ("Quyeát" for "Quyết").
///
/// CP1258 and TCVN3 are read by glibc's iconv (`CP1258`, `TCVN5712-1`, whose lower half is
/// TCVN3's); VNI, which iconv lacks, by ``VNIReading``.
public enum LegacyEncoding: String, Sendable, CaseIterable {
    case cp1258 = "CP1258"
    case tcvn3 = "TCVN3"
    case vni = "VNI"

    /// `bytes` read in this encoding, NFC; nil when they are not text in it.
    public func decode(_ bytes: [UInt8]) -> String? {
        switch self {
        case .cp1258: return Iconv.decode(bytes, from: "CP1258")
        case .tcvn3: return Iconv.decode(bytes, from: "TCVN5712-1")
        case .vni: return VNIReading.decode(bytes)
        }
    }

    /// The reading of `bytes` in the one legacy encoding under which it is Vietnamese: its
    /// words with marks are all Vietnamese syllables, and it has more of them than under any
    /// other encoding. Nil when no encoding reads it so, or two read it equally well: a
    /// guess would print a wrong name as if it were right.
    public static func reading(of bytes: [UInt8]) -> (text: String, encoding: LegacyEncoding)? {
        var best: (text: String, encoding: LegacyEncoding, score: Int)?
        var tied = false
        for encoding in allCases {
            guard let text = encoding.decode(bytes), let score = vietnameseScore(text) else { continue }
            if score > best?.score ?? 0 {
                best = (text, encoding, score)
                tied = false
            } else if score == best?.score {
                tied = true
            }
        }
        guard let best, !tied else { return nil }
        return (best.text, best.encoding)
    }

    /// How many words of `text` are Vietnamese syllables with marks, or nil when a word
    /// carries marks but is no syllable, or a character is one no Vietnamese name holds.
    private static func vietnameseScore(_ text: String) -> Int? {
        // Outside ASCII, a name holds letters only: "»" or "“" is another encoding's byte.
        guard text.allSatisfy({ $0.isASCII || $0.isLetter }) else { return nil }
        var score = 0
        for word in text.split(whereSeparator: { !$0.isLetter }) {
            guard word.allSatisfy({ $0.isASCII || VietnameseText.fold($0) != $0 || $0 == "đ" || $0 == "Đ" }) else { return nil }
            if word.allSatisfy(\.isASCII) { continue }
            guard VietnameseSyllable.kind(of: String(word)) == .vietnamese else { return nil }
            score += 1
        }
        return score
    }
}

/// glibc's iconv, used only to read legacy names: one conversion per call, its handle
/// closed before returning.
private enum Iconv {
    static func decode(_ bytes: [UInt8], from encoding: String) -> String? {
        let converter = iconv_open("UTF-8", encoding)
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 4 + 16)
        let converted: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer = inBuffer.baseAddress
                var outPointer = outBuffer.baseAddress
                var inLeft = inBuffer.count
                var outLeft = outBuffer.count
                // Flush too: CP1258 holds a base letter back until it knows no mark follows.
                guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0,
                      iconv(converter, nil, nil, &outPointer, &outLeft) != -1 else { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let converted else { return nil }
        let text = String(decoding: output.prefix(converted).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return VietnameseText.nfc(text)
    }
}

/// VNI-Windows: each byte a Latin-1 character; a vowel is followed by the character of its
/// marks, and ơ, ư, đ and the marked i and y have characters of their own.
private enum VNIReading {
    /// Marks written after a vowel: the hat or breve (as a combining mark) and the tone.
    private static let marks: [Character: (shape: Unicode.Scalar?, tone: Unicode.Scalar?)] = {
        let acute: Unicode.Scalar = "\u{301}", grave: Unicode.Scalar = "\u{300}", hook: Unicode.Scalar = "\u{309}"
        let tilde: Unicode.Scalar = "\u{303}", dot: Unicode.Scalar = "\u{323}"
        let hat: Unicode.Scalar = "\u{302}", breve: Unicode.Scalar = "\u{306}"
        var table: [Character: (Unicode.Scalar?, Unicode.Scalar?)] = [:]
        for (upper, lower, shape, tone) in [
            ("Ù", "ù", nil, acute), ("Ø", "ø", nil, grave), ("Û", "û", nil, hook), ("Õ", "õ", nil, tilde), ("Ï", "ï", nil, dot),
            ("Â", "â", hat, nil), ("Á", "á", hat, acute), ("À", "à", hat, grave), ("Å", "å", hat, hook), ("Ã", "ã", hat, tilde), ("Ä", "ä", hat, dot),
            ("Ê", "ê", breve, nil), ("É", "é", breve, acute), ("È", "è", breve, grave), ("Ú", "ú", breve, hook), ("Ü", "ü", breve, tilde), ("Ë", "ë", breve, dot),
        ] as [(Character, Character, Unicode.Scalar?, Unicode.Scalar?)] {
            table[upper] = (shape, tone)
            table[lower] = (shape, tone)
        }
        return table
    }()

    /// Characters that are a letter of their own.
    private static let letters: [Character: String] = [
        "Ô": "Ơ", "ô": "ơ", "Ö": "Ư", "ö": "ư", "Ñ": "Đ", "ñ": "đ",
        "Í": "Í", "í": "í", "Ì": "Ì", "ì": "ì", "Æ": "Ỉ", "æ": "ỉ", "Ó": "Ĩ", "ó": "ĩ", "Ò": "Ị", "ò": "ị",
        "Î": "Ỵ", "î": "ỵ",
    ]

    static func decode(_ bytes: [UInt8]) -> String? {
        guard let latin = String(bytes: bytes, encoding: .windowsCP1252) else { return nil }
        var out = ""
        for character in latin {
            if let last = out.last, let mark = marks[character], let combined = combine(last, mark) {
                out.removeLast()
                out.append(combined)
            } else if let letter = letters[character] {
                out += letter
            } else if marks[character] != nil || !character.isASCII {
                // A mark with no vowel to sit on, or a character VNI gives no Vietnamese meaning.
                return nil
            } else {
                out.append(character)
            }
        }
        return VietnameseText.nfc(out)
    }

    /// `vowel` with the mark's shape and tone, or nil when the mark cannot sit on it (a hat
    /// only on a, e, o; a breve only on a).
    private static func combine(_ vowel: Character, _ mark: (shape: Unicode.Scalar?, tone: Unicode.Scalar?)) -> Character? {
        let base = String(vowel).decomposedStringWithCanonicalMapping.unicodeScalars
        guard let letter = base.first, base.count == 1 || mark.shape == nil,
              !base.contains(where: { Spelling.toneMarks[$0] != nil }) else { return nil }
        let plain = Character(letter).lowercased()
        if let shape = mark.shape {
            guard shape == "\u{302}" ? ["a", "e", "o"].contains(plain) : plain == "a" else { return nil }
        } else {
            guard ["a", "e", "i", "o", "u", "y", "ơ", "ư"].contains(String(vowel).lowercased()) else { return nil }
        }
        var scalars = String.UnicodeScalarView(base)
        if let shape = mark.shape { scalars.append(shape) }
        if let tone = mark.tone { scalars.append(tone) }
        return Character(String(scalars).precomposedStringWithCanonicalMapping)
    }
}
