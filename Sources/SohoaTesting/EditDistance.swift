/// How far recognised text is from the text drawn on the page: the measure both the OCR
/// stage's and the ingest's clean-up tests compare with and without a clean-up step.
public enum EditDistance {
    /// Levenshtein distance in Unicode scalars, so a lost or wrong diacritic counts as one edit.
    public static func scalars(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
