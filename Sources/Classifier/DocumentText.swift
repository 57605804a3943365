import DocumentModel
import VietnameseText

/// One line of page text with a folded, uppercase twin of the same length.
///
/// Rules match on `key`, where OCR tone errors ("QUYÉT ĐỊNH") and Ð/Đ look-alikes vanish, and
/// then cut the original spelling out of `text` at the same character offsets.
struct TextLine: Sendable {
    /// Index of the page within the document (0-based).
    let page: Int
    /// Trimmed, inner whitespace collapsed, NFC with Đ repaired.
    let text: String
    /// `text` folded and uppercased, one `Character` per `Character` of `text`.
    let key: String
    /// Blocks separated by wide gaps: `pdftotext -layout` keeps the left and right halves of a
    /// header or signature line apart this way, while OCR text usually has just one block.
    let columns: [String]
    /// The OCR words of the line, left to right; empty for a text layer.
    let words: [RecognizedWord]

    init(page: Int, raw: String, words: [RecognizedWord] = []) {
        self.page = page
        self.words = words
        let normalized = VietnameseText.normalize(raw)
        text = Fold.collapse(normalized)
        key = Fold.key(text)
        columns = normalized
            .split(separator: Patterns.columnGap)
            .map { Fold.collapse(String($0)) }
            .filter { !$0.isEmpty }
    }

    var isBlank: Bool { text.isEmpty }

    /// The original text under a range found in `key`.
    func original(_ range: Range<String.Index>) -> String {
        let lower = key.distance(from: key.startIndex, to: range.lowerBound)
        let upper = key.distance(from: key.startIndex, to: range.upperBound)
        let start = text.index(text.startIndex, offsetBy: lower)
        let end = text.index(text.startIndex, offsetBy: upper)
        return String(text[start..<end])
    }

    /// The original text from a position found in `key` to the end of the line.
    func original(from index: String.Index) -> String {
        original(index..<key.endIndex)
    }

    /// The block a signature or stamp sits in: the right-most column when the layout kept
    /// columns apart, else the whole line.
    var lastColumn: String { columns.last ?? text }

    /// The left block (agency, number, V/v) when the layout kept columns apart.
    var firstColumn: String { columns.first ?? text }
}

/// A document's pages as lines, and the zones the rules look in.
struct DocumentText: Sendable {
    let pages: [[TextLine]]
    /// For each text-layer page into which OCR read stamped fields, the mean confidence of
    /// those words (see ``RecognizedPage/confidence``).
    let stampedReadings: [Int: Double]
    /// Where each page's text came from: OCR's reading, or a layer the author typed.
    let sources: [TextSource]

    init(_ pages: [RecognizedPage]) {
        sources = pages.map(\.source)
        stampedReadings = Dictionary(uniqueKeysWithValues: pages.enumerated().compactMap { index, page in
            page.source == .textLayer ? page.confidence.map { (index, $0) } : nil
        })
        self.pages = pages.enumerated().map { index, page in
            if let rows = PageLayout.rows(of: page) {
                return rows.map { TextLine(page: index, raw: $0.text, words: $0.words) }
            }
            return page.text
                .split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
                .map { TextLine(page: index, raw: String($0)) }
        }
    }

    /// The page that carries the header: the first one with real text (scans may open with
    /// a blank or near-blank side).
    var firstPage: [TextLine] {
        pages.first { page in page.filter { !$0.isBlank }.count >= 3 } ?? pages.first ?? []
    }

    /// Lines of the first page above the body: the header, number, date, type line and
    /// trích yếu. The body starts at "Căn cứ" or "Kính gửi"; a page without either is cut
    /// after a fixed number of lines so prose far below cannot pose as a header.
    var head: ArraySlice<TextLine> {
        let lines = firstPage
        let limit = min(lines.count, DocumentText.headLineLimit)
        let end = lines[..<limit].firstIndex { line in
            line.key.firstMatch(of: Patterns.bodyOpening) != nil
        } ?? limit
        return lines[..<end]
    }

    /// Headers run to about 25 lines even with stamps and a long trích yếu.
    static let headLineLimit = 45

    /// The header and title zones: the head, ending a few lines under the type line (or a
    /// công văn's V/v line), where the trích yếu ends. A body with no "Căn cứ" or "Kính gửi"
    /// — most chỉ thị, báo cáo, kế hoạch — would otherwise run on into the head, and what
    /// it cites ("Thông tư số 15/2020/TT-BGDĐT") says nothing of the document's own type.
    var headerAndTitle: ArraySlice<TextLine> {
        let head = self.head
        guard let anchor = TypeRules.typeLine(in: head)?.lineIndex ?? SubjectParser.vvLine(in: head) else { return head }
        var end = anchor + 1, subjectLines = 0
        while end < head.endIndex, subjectLines < DocumentText.titleSubjectLines {
            if !head[end].isBlank { subjectLines += 1 }
            end += 1
        }
        return head[..<end]
    }

    /// Trích yếu lines kept under the type line: most take one to three.
    static let titleSubjectLines = 3
}

/// Folding and whitespace helpers shared by the rules.
enum Fold {
    /// Folded and uppercased with exactly one `Character` per input `Character`, so offsets
    /// found in the key hold in the original.
    static func key(_ text: String) -> String {
        var out = String()
        out.reserveCapacity(text.utf8.count)
        for character in text {
            let folded = VietnameseText.fold(character)
            let upper = String(folded).uppercased()
            if upper.count == 1 { out.append(contentsOf: upper) } else { out.append(folded) }
        }
        return out
    }

    /// Trims and collapses every run of whitespace to one space.
    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The form every returned string takes: NFC, Đ repaired, trimmed, collapsed; nil if empty.
    static func clean(_ text: String?) -> String? {
        guard let text else { return nil }
        let cleaned = collapse(VietnameseText.normalize(text))
        return cleaned.isEmpty ? nil : cleaned
    }

    /// True when the letters of `text` are (nearly) all capitals; OCR may lower one or two.
    static func isUppercase(_ text: String, tolerance: Double = 0.1) -> Bool {
        let letters = text.filter(\.isLetter)
        guard letters.count >= 2 else { return false }
        let lower = letters.filter(\.isLowercase).count
        return Double(lower) <= Double(letters.count) * tolerance
    }

    /// Whether one letter inserted, deleted or replaced turns `a` into `b`.
    static func oneEditApart(_ a: String, _ b: String) -> Bool {
        let a = Array(a), b = Array(b)
        guard abs(a.count - b.count) <= 1, a != b else { return false }
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        guard let first = short.indices.first(where: { short[$0] != long[$0] }) else { return true }
        let skip = short.count == long.count ? 1 : 0
        return short[(first + skip)...] == long[(first + 1)...]
    }

    /// A letter a word can hold: not a modifier letter ("ˆ", "˜", "ˋ"), which OCR reads
    /// from specks and Unicode counts as a letter, though no Vietnamese word holds one.
    static func isWordLetter(_ character: Character) -> Bool {
        character.isLetter && character.unicodeScalars.first?.properties.generalCategory != .modifierLetter
    }

    /// Strips punctuation and stray OCR marks from both ends.
    static func trimJunk(_ text: String) -> String {
        let isJunk: (Character) -> Bool = { !(isWordLetter($0) || $0.isNumber) }
        guard let first = text.firstIndex(where: { !isJunk($0) }),
              let last = text.lastIndex(where: { !isJunk($0) }) else { return "" }
        return String(text[first...last])
    }
}
