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
            guard let spelling = Spelling(word), let index = spelling.toneIndex,
                  let parse = Grammar.parse(spelling, anyTonePosition: true),
                  parse.canonicalToneIndex != index else { return nil }
            var moved = spelling
            moved.toneIndex = parse.canonicalToneIndex
            return moved.rendered(upper: Spelling.upperMask(word))
        }
    }
}
