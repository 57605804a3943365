import DocumentModel

/// A page's words as Tesseract laid them out: paragraphs of lines of words, in reading
/// order.
///
/// Its ``text`` is Tesseract's own page text (lines end in a newline, a blank line
/// between paragraphs), so a zone of the page can be read a second time and its words put in
/// place of the first reading's while the page's text and its word boxes still hold the
/// same words in the same order, as the syllable repair and the searchable PDF expect.
struct WordLayout: Equatable {
    var paragraphs: [[[RecognizedWord]]]

    var words: [RecognizedWord] { paragraphs.flatMap { $0.flatMap { $0 } } }

    var text: String {
        paragraphs.map { lines in
            lines.map { Self.text(of: $0) + "\n" }.joined()
        }.joined(separator: "\n")
    }

    /// A line's words as its text, one space between.
    static func text(of line: [RecognizedWord]) -> String { line.map(\.text).joined(separator: " ") }

    /// The same words moved by (`x`, `y`) pixels: from a zone's own corner to the page's.
    /// A zone read at `scale` times its size has its boxes shrunk back first.
    func moved(x: Int, y: Int, scale: Int = 1) -> WordLayout {
        WordLayout(paragraphs: paragraphs.map { $0.map { $0.map { word in
            var word = word
            word.left = word.left / scale + x; word.right = word.right / scale + x
            word.top = word.top / scale + y; word.bottom = word.bottom / scale + y
            return word
        } } })
    }

    /// This layout with `reading`, the zone read on its own, taken line by line where it
    /// reads better: a line of the reading replaces the words of this layout that lie in
    /// the zone at its height when their mean confidence (over words with a letter, so a
    /// speck read as "¬" counts for nothing) is higher. It takes the place of the first
    /// line it replaces; a line this layout lacks becomes a paragraph of its own, before
    /// the first paragraph that begins below it. Words of `reading` that touch the zone's
    /// edge were cut by it and are left out, and so are its lines whose text runs on out of
    /// the zone at either end (the body's lines above a signature): the page read those
    /// whole. A word of this layout in the zone at the height of no line of `reading`, and
    /// which Tesseract itself doubted, goes: the zone's own reading found no text there (a
    /// seal's star or lettering read as "Na").
    ///
    /// Line by line, because neither reading is the better everywhere: on the generated
    /// tuning scans the zone read on its own gave 13 signers' names the page had wrong and
    /// lost 7 the page had right, and the higher confidence picks the right one in 16 of
    /// those 20 (BENCHMARKS.md, "A second reading under the seal").
    func replacing(_ zone: PixelZone, with reading: WordLayout) -> WordLayout {
        let outside = words.filter { !zone.holds($0) }
        let read = reading.uncutLines(in: zone)
        let bands = read.map { line in line.map(\.top).min()!...line.map(\.bottom).max()! }
        let lines = read.filter { line in
            let first = line.min { $0.left < $1.left }!, last = line.max { $0.right < $1.right }!
            let reach = first.bottom - first.top
            return !outside.contains { word in
                let runsIn = word.left < zone.left && word.right >= zone.left - reach
                    && (word.top...word.bottom).contains((first.top + first.bottom) / 2)
                let runsOut = word.right > zone.right && word.left <= zone.right + reach
                    && (word.top...word.bottom).contains((last.top + last.bottom) / 2)
                return runsIn || runsOut
            }
        }
        let paragraphs = paragraphs.map { $0.map { $0.filter { word in
            !(zone.holds(word) && word.confidence < Self.doubted && !bands.contains { $0.contains((word.top + word.bottom) / 2) })
        } }.filter { !$0.isEmpty } }.filter { !$0.isEmpty }
        var layout = WordLayout(paragraphs: paragraphs)
        for line in lines where Self.score(line) > Self.score(layout.words.filter(Self.rival(of: line, in: zone))) {
            layout = layout.placing(line, in: zone)
        }
        return layout
    }

    /// The line of `readings` (each a reading of `zone`, moved onto the page) that holds a
    /// name `names` places, leaving out the words the zone's edge cut; when the readings
    /// give different names, the one most of them give, the earliest reading's on a tie.
    /// Nil when none gives one.
    static func placedName(among readings: [WordLayout], of zone: PixelZone, names: NameCheck) -> [RecognizedWord]? {
        let found = readings.flatMap { $0.uncutLines(in: zone) }.filter { names(text(of: $0)) }
        let counts = Dictionary(found.map { (text(of: $0), 1) }, uniquingKeysWith: +)
        return found.max { counts[text(of: $0)]! < counts[text(of: $1)]! }
    }

    /// The lines of this reading of `zone`, each without the words that touch the zone's
    /// edge: the edge cut those (a recipient's line on the left), and the page read them
    /// whole. Lines left with no word are dropped.
    private func uncutLines(in zone: PixelZone) -> [[RecognizedWord]] {
        let inner = PixelZone(left: zone.left + 1, top: zone.top + 1, right: zone.right - 1, bottom: zone.bottom - 1)
        return paragraphs.flatMap { $0 }.map { $0.filter(inner.holds) }.filter { !$0.isEmpty }
    }

    /// This layout with `line` in place of the words of the zone at its height: in the
    /// place of the first of them, or, when there are none, as a paragraph of its own
    /// before the first paragraph that begins below it.
    func placing(_ line: [RecognizedWord], in zone: PixelZone) -> WordLayout {
        let isRival = Self.rival(of: line, in: zone)
        var paragraphs = self.paragraphs
        guard let (p, l) = paragraphs.indices.lazy.compactMap({ p in
            paragraphs[p].firstIndex { $0.contains(where: isRival) }.map { (p, $0) }
        }).first else {
            let top = line.map(\.top).min() ?? 0
            let before = paragraphs.firstIndex { ($0.first?.first?.top ?? 0) >= top } ?? paragraphs.count
            paragraphs.insert([line], at: before)
            return WordLayout(paragraphs: paragraphs)
        }
        paragraphs = paragraphs.map { $0.map { $0.filter { !isRival($0) } } }
        paragraphs[p].insert(line, at: paragraphs[p][l].isEmpty ? l : l + 1)
        return WordLayout(paragraphs: paragraphs.map { $0.filter { !$0.isEmpty } }.filter { !$0.isEmpty })
    }

    /// Whether a word lies in `zone` with its middle at the height of `line`.
    private static func rival(of line: [RecognizedWord], in zone: PixelZone) -> (RecognizedWord) -> Bool {
        let top = line.map(\.top).min() ?? 0, bottom = line.map(\.bottom).max() ?? 0
        return { zone.holds($0) && (top...bottom).contains(($0.top + $0.bottom) / 2) }
    }

    /// Below this confidence Tesseract doubts a word.
    static let doubted = 50.0

    /// The mean confidence of the words that hold a letter; 0 when none does.
    private static func score(_ words: [RecognizedWord]) -> Double {
        let lettered = words.filter { $0.text.contains(where: \.isLetter) }
        return lettered.isEmpty ? 0 : lettered.map(\.confidence).reduce(0, +) / Double(lettered.count)
    }
}

/// A rectangle of a page, in pixels from its top-left corner; right and bottom excluded.
struct PixelZone: Equatable {
    var left: Int, top: Int, right: Int, bottom: Int

    var width: Int { right - left }
    var height: Int { bottom - top }

    /// Whether the word lies wholly inside.
    func holds(_ word: RecognizedWord) -> Bool {
        word.left >= left && word.right <= right && word.top >= top && word.bottom <= bottom
    }

    /// The part of the zone on a page of `width` × `height` pixels.
    func clipped(width: Int, height: Int) -> PixelZone {
        PixelZone(left: max(0, left), top: max(0, top), right: min(width, right), bottom: min(height, bottom))
    }
}
