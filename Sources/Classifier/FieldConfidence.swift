import DocumentModel

/// How far each field can be trusted, 0–1: what the classifier tells a person beside the
/// value, and what sends a document to review.
///
/// A field read from a text layer is as sure as the text (1). A field read by OCR is as
/// sure as the least confident word it was made of: Tesseract's word confidence is low
/// exactly where it guessed between look-alike letters and marks, and one guessed word
/// is enough to make a name or a number wrong.
struct FieldConfidence {
    private let words: [RecognizedWord]
    /// Each word `squeezed`, computed once for every field looked up in these lines.
    private let keys: [String]
    private let isTextLayer: Bool

    init(_ lines: [TextLine]) {
        words = lines.flatMap(\.words)
        keys = words.map { FieldConfidence.squeezed($0.text) }
        isTextLayer = words.isEmpty && !lines.isEmpty
    }

    /// The confidence of `value` as found in the lines, or nil when its words are not
    /// there (a value rebuilt from pieces the lines no longer show whole).
    func of(_ value: String?) -> Double? {
        guard let value else { return nil }
        let wanted = FieldConfidence.squeezed(value)
        guard !wanted.isEmpty else { return nil }
        // A text layer: nothing was guessed.
        if isTextLayer { return 1 }
        var best: (covered: Int, lowest: Double)?
        for start in keys.indices where !keys[start].isEmpty && wanted.hasPrefix(keys[start]) {
            var position = wanted.startIndex
            var lowest = 100.0
            for index in keys.indices[start...] {
                let key = keys[index]
                if key.isEmpty { continue }
                guard wanted[position...].hasPrefix(key) else { break }
                position = wanted.index(position, offsetBy: key.count)
                lowest = min(lowest, words[index].confidence)
                if position == wanted.endIndex { break }
            }
            let covered = wanted.distance(from: wanted.startIndex, to: position)
            if covered > (best?.covered ?? 0) { best = (covered, lowest) }
        }
        // Less than half found: the value is not what these words say as such (joined
        // from several places, or restored from a lexicon), so they do not vouch for it.
        guard let best, best.covered * 2 >= wanted.count else { return nil }
        return best.lowest / 100
    }

    /// Folded, uppercased, without spaces or the marks around words, so that OCR's word
    /// splits ("24 /TTr -UBND") and the field's ("24/TTr-UBND") compare.
    private static func squeezed(_ text: String) -> String {
        Fold.key(text).filter { !$0.isWhitespace }
    }
}
