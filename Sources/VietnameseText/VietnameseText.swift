import Foundation

/// Text rules every stage shares, so that OCR output, the classifier and the search index
/// agree on what "the same word" means.
///
/// Vietnamese has two traps that generic Unicode folding misses: `đ`/`Đ` has no
/// decomposition (so "strip diacritics" leaves it alone), and the same letter may arrive
/// precomposed (NFC) or decomposed (NFD). Everything sohoa stores is NFC; everything it
/// compares for search is folded with ``fold(_:)``.
public enum VietnameseText {
    /// Canonical composition, the one form sohoa stores.
    public static func nfc(_ text: String) -> String {
        isSurelyNFC(text) ? text : text.precomposedStringWithCanonicalMapping
    }

    /// True when every scalar is one that NFC leaves alone whatever surrounds it: ASCII,
    /// precomposed Latin letters (all of Vietnamese), common punctuation. Most text passes,
    /// and skips Foundation's normalisation, which costs more than everything else done to
    /// a page before indexing. Read as UTF-8 bytes, the form Swift strings are kept in.
    private static func isSurelyNFC(_ text: String) -> Bool {
        var utf8 = text.utf8.makeIterator()
        while let lead = utf8.next() {
            switch lead {
            case 0..<0x80: continue
            case 0xC2..<0xCC: _ = utf8.next()  // U+0080..U+02FF
            case 0xE1:  // U+1E00..U+1EFF: Latin Extended Additional
                guard let second = utf8.next(), (0xB8...0xBB).contains(second) else { return false }
                _ = utf8.next()
            case 0xE2:  // U+2010..U+206F punctuation, U+20A0..U+20CF currency signs
                guard let second = utf8.next(), let third = utf8.next() else { return false }
                switch (second, third) {
                case (0x80, 0x90...), (0x81, ...0xAF), (0x82, 0xA0...), (0x83, ...0x8F): continue
                default: return false
                }
            default: return false
            }
        }
        return true
    }

    /// Removes the tone mark only, NFC: hats, horns and breves are parts of letters (a, ă
    /// and â are three of the alphabet's 29), and đ stays đ. "Quyết" → "Quyêt".
    public static func removingTone(_ text: String) -> String {
        let scalars = text.decomposedStringWithCanonicalMapping.unicodeScalars.filter { Spelling.toneMarks[$0] == nil }
        return nfc(String(String.UnicodeScalarView(scalars)))
    }

    /// Removes tone and vowel marks and maps `đ`→`d`, `Đ`→`D`, keeping case.
    ///
    /// The result has exactly one `Character` for each `Character` of the input, so a
    /// position found in the folded text is the same position in the original — which is
    /// how search highlights the original, accented words.
    ///
    ///     VietnameseText.fold("Quyết định Đà Nẵng")  // "Quyet dinh Da Nang"
    public static func fold(_ text: String) -> String {
        // Scalar by scalar, straight to UTF-8, while every letter is precomposed (any NFC
        // Vietnamese text); character by character as soon as a combining mark shows up.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                bytes.append(UInt8(truncatingIfNeeded: scalar.value))
            } else if let folded = foldedScalar(scalar) {
                bytes.append(contentsOf: UTF8.encode(folded)!)
            } else if scalar.properties.canonicalCombiningClass != .notReordered {
                return foldCharacters(text)
            } else {
                bytes.append(contentsOf: UTF8.encode(scalar)!)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Folds one scalar of precomposed text: the folding of ``fold(_:)-(String)`` at the
    /// level search snippets and tokenisers work at.
    public static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        scalar.isASCII ? scalar : foldedScalar(scalar) ?? scalar
    }

    /// The folded form of a precomposed Latin letter, by array index rather than hashing.
    private static func foldedScalar(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        guard scalar.value < UInt32(foldedScalarTable.count) else { return nil }
        let folded = foldedScalarTable[Int(scalar.value)]
        return folded == 0 ? nil : Unicode.Scalar(folded)
    }

    private static func foldCharacters(_ text: String) -> String {
        var out = String()
        out.reserveCapacity(text.utf8.count)
        for character in text {
            out.append(fold(character))
        }
        return out
    }

    /// Folds one character; see ``fold(_:)-(String)``.
    public static func fold(_ character: Character) -> Character {
        if character.isASCII { return character }
        if let folded = foldedLetters[character] { return folded }
        return foldByUnicode(character)
    }

    /// Every precomposed Latin letter (Latin-1 to Latin Extended Additional, where all of
    /// Vietnamese lives) folded once: folding is a lookup, not a Unicode decomposition.
    private static let foldedLetters: [Character: Character] = {
        var table: [Character: Character] = [:]
        for range in [UInt32(0x00C0)...0x024F, 0x1E00...0x1EFF] {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                table[Character(scalar)] = foldByUnicode(Character(scalar))
            }
        }
        return table
    }()

    private static let foldedScalarTable: [UInt32] = foldedLetters.reduce(into: Array(repeating: 0, count: 0x1F00)) { table, entry in
        if let from = entry.key.unicodeScalars.first, let to = entry.value.unicodeScalars.first { table[Int(from.value)] = to.value }
    }

    private static func foldByUnicode(_ character: Character) -> Character {
        guard let first = String(character).decomposedStringWithCanonicalMapping.unicodeScalars.first else {
            return character
        }
        switch first {
        case "đ", "ð": return "d"
        case "Đ", "Ð", "Ɖ": return "D"
        default: return Character(first)
        }
    }

    /// Maps look-alikes that OCR and some keyboards produce to the Vietnamese letter:
    /// Eth (`Ð`, U+00D0) and African D (`Ɖ`, U+0189) to `Đ`, `ð` to `đ`.
    public static func repairLookalikes(_ text: String) -> String {
        // Ð and ð are C3 90 and C3 B0 in UTF-8, Ɖ is C6 89: byte pairs are quicker to spot.
        var previous: UInt8 = 0
        guard text.utf8.contains(where: { byte in
            defer { previous = byte }
            return (previous == 0xC3 && (byte == 0x90 || byte == 0xB0)) || (previous == 0xC6 && byte == 0x89)
        }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(lookalikes[scalar] ?? scalar)
        }
        return String(scalars)
    }

    /// NFC plus look-alike repair: the form in which any text enters the archive.
    public static func normalize(_ text: String) -> String {
        repairLookalikes(nfc(text))
    }

    private static let lookalikes: [Unicode.Scalar: Unicode.Scalar] = [
        "\u{00D0}": "\u{0110}", "\u{0189}": "\u{0110}", "\u{00F0}": "\u{0111}",
    ]
}
