import DocumentModel

/// A scanned page's lines rebuilt from its word boxes, side-by-side blocks kept apart.
///
/// Tesseract reads a header's two blocks sometimes as one line ("HĐND TỈNH HƯNG YÊN CỘNG
/// HÒA XÃ HỘI …"), sometimes block after block, and reads the recipients beside the
/// signature the same way. Rebuilt here by position, every row holds what sits at one
/// height, with a tab between blocks a wide gap separates — the layout `pdftotext -layout`
/// gives a text layer — so the rules find the agency in a row's left block, the motto and
/// date in its right block and the signature in the right block under "Nơi nhận:".
enum PageLayout {
    struct Row: Sendable {
        /// Blocks separated by a tab, words by a space.
        var text: String
        /// Left to right.
        var words: [RecognizedWord]
    }

    /// The page's rows top to bottom; nil when the page has no word boxes (a text layer),
    /// whose text is read as it is.
    static func rows(of page: RecognizedPage) -> [Row]? {
        let words = page.words.filter { !isNoise($0) }
        guard !words.isEmpty else { return nil }
        let height = medianHeight(words)
        var rows: [Band] = []
        for line in segments(words, height: height) {
            if let index = rows.firstIndex(where: { $0.sitsBeside(line) }) {
                rows[index].add(line)
            } else {
                rows.append(line)
            }
        }
        // A row of nothing but marks (a bracket read from a speck under a line) would
        // split the lines around it.
        rows.removeAll { band in !band.words.contains { $0.text.contains { $0.isLetter || $0.isNumber } } }
        rows.sort { $0.middle < $1.middle }
        var laidOut: [Row] = []
        for (index, band) in rows.enumerated() {
            // A blank row where a paragraph ends, as Tesseract's text has one: the rules
            // end a trích yếu or a signature block there.
            if index > 0, Double(band.top - rows[index - 1].bottom) > paragraphGap * height {
                laidOut.append(Row(text: "", words: []))
            }
            laidOut.append(row(band, height: height))
        }
        return laidOut
    }

    /// Space between lines of a paragraph runs to about half a line height.
    static let paragraphGap = 1.0

    private static func row(_ band: Band, height: Double) -> Row {
        let sorted = band.words.sorted { $0.left < $1.left }
        var text = ""
        for (index, word) in sorted.enumerated() {
            if index > 0 {
                let gap = word.left - sorted[index - 1].right
                text += Double(gap) > blockGap * height ? "\t" : " "
            }
            text += word.text
        }
        return Row(text: text, words: sorted)
    }

    /// A gap wider than this many line heights separates blocks; spaces between words run
    /// to about half a line height, the gap between a header's two blocks to two or more.
    static let blockGap = 1.5

    /// Stray marks OCR reads from specks, seal rims and lone accents ("ˆ", "'", "."): no
    /// letter or digit and a low confidence, or nothing but a spacing accent.
    static func isNoise(_ word: RecognizedWord) -> Bool {
        let text = word.text.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return true }
        let scalars = text.unicodeScalars
        if scalars.allSatisfy({ [.modifierSymbol, .modifierLetter, .nonspacingMark].contains($0.properties.generalCategory) }) {
            return true
        }
        return word.confidence < 50 && !text.contains { $0.isLetter || $0.isNumber }
    }

    private static func medianHeight(_ words: [RecognizedWord]) -> Double {
        let heights = words.filter { $0.text.contains(where: \.isLetter) }.map { $0.bottom - $0.top }.sorted()
        guard !heights.isEmpty else { return 30 }
        return Double(max(1, heights[heights.count / 2]))
    }

    /// Tesseract's own lines, cut where a wide gap separates blocks: its words come line by
    /// line, left to right, so a word left of the one before it, clear of its height, or
    /// across a gap wider than ``blockGap`` starts a new segment. Cutting first matters
    /// where Tesseract ran a line of one block into a slightly lower one of the other
    /// (the last recipient and the signer's larger name).
    private static func segments(_ words: [RecognizedWord], height: Double) -> [Band] {
        var lines: [Band] = []
        for word in words {
            if var last = lines.last, let previous = last.words.last,
               word.left >= previous.left, Double(word.left - previous.right) <= blockGap * height,
               last.overlaps(top: word.top, bottom: word.bottom) {
                last.add(word)
                lines[lines.count - 1] = last
            } else {
                lines.append(Band(word))
            }
        }
        return lines
    }

    /// Words at one height with the vertical extent of their line, measured without
    /// the tall boxes of stacked accents, and from its letters and digits: a dash, a rule
    /// or a speck beside a word ("_ KT.") sits low or high and would move the line.
    struct Band {
        var words: [RecognizedWord]
        var top: Int
        var bottom: Int

        init(_ word: RecognizedWord) {
            words = [word]
            top = word.top
            bottom = word.bottom
        }

        var middle: Int { (top + bottom) / 2 }

        mutating func add(_ word: RecognizedWord) {
            add([word])
        }

        mutating func add(_ band: Band) {
            add(band.words)
        }

        private mutating func add(_ more: [RecognizedWord]) {
            words += more
            let solid = words.filter { $0.text.contains { $0.isLetter || $0.isNumber } }
            let measured = solid.isEmpty ? words : solid
            let tops = measured.map(\.top).sorted(), bottoms = measured.map(\.bottom).sorted()
            top = tops[tops.count / 2]
            bottom = bottoms[bottoms.count / 2]
        }

        /// At least half of the lower of the two heights is shared.
        func overlaps(top otherTop: Int, bottom otherBottom: Int) -> Bool {
            let shared = min(bottom, otherBottom) - max(top, otherTop)
            return Double(shared) >= 0.5 * Double(min(bottom - top, otherBottom - otherTop))
        }

        /// Same height, and no word of one lies over a word of the other.
        func sitsBeside(_ other: Band) -> Bool {
            guard overlaps(top: other.top, bottom: other.bottom) else { return false }
            return !words.contains { word in
                other.words.contains { $0.left < word.right && word.left < $0.right }
            }
        }
    }
}
