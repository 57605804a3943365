extension VietnameseText {
    /// Puts every tone mark where sohoa writes it: "hoà"→"hòa", "thuỷ"→"thủy", "khoẻ"→"khỏe",
    /// "HOÀ"→"HÒA", keeping case; a mark off its vowel altogether moves too ("qúy"→"quý",
    /// "tòan"→"toàn", "gìa"→"già").
    ///
    /// Only open oa, oe, uy have two accepted placements. sohoa writes the mark on the first
    /// vowel ("hòa", "thủy"): it is the placement Nghị định 30's own text mostly uses ("CỘNG
    /// HÒA", "Hỏa tốc"), the one most keyboards and government sites produce, and one style
    /// makes stored text comparable byte for byte. Search folds both anyway. Syllables with a
    /// coda ("hoàng", "thuyết", "quyết") and qu- syllables ("quý", "quà") have one placement only.
    /// Words that are not Vietnamese syllables even with the mark moved are left as they are.
    public static func normalizeTonePlacement(_ text: String) -> String {
        Words.map(text) { word, _ in
            guard mayPlaceToneElsewhere(word), let spelling = Spelling(word), let index = spelling.toneIndex,
                  let parse = Grammar.parse(spelling, anyTonePosition: true),
                  parse.canonicalToneIndex != index else { return nil }
            var moved = spelling
            moved.toneIndex = parse.canonicalToneIndex
            return moved.rendered(upper: Spelling.upperMask(word))
        }
    }

    /// Only a word with a tone mark and two vowels side by side can carry its mark in another
    /// place; most words are neither, and this cheap test spares them the full parse (it
    /// makes indexing a page several times faster).
    private static func mayPlaceToneElsewhere(_ word: Substring) -> Bool {
        var marked = false, previousIsVowel = false, adjacentVowels = false
        for character in word {
            let isVowel = ToneMarks.vowels.contains(character)
            if isVowel && previousIsVowel { adjacentVowels = true }
            if ToneMarks.marked.contains(character) { marked = true }
            previousIsVowel = isVowel
        }
        return marked && adjacentVowels
    }
}

/// Vowel letters in every tone and case, precomposed (NFC).
private enum ToneMarks {
    static let bases = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
    static let marks = ["\u{0300}", "\u{0301}", "\u{0303}", "\u{0309}", "\u{0323}"]

    static let marked: Set<Character> = Set(bases.flatMap { base in
        marks.flatMap { mark in
            let lower = (base + mark).precomposedStringWithCanonicalMapping
            return [Character(lower), Character(lower.uppercased())]
        }
    })

    static let vowels: Set<Character> = marked.union(bases.flatMap { [Character($0), Character($0.uppercased())] })
}
