/// Word errors regardless of order, summed over pages: per page, the larger of truth words
/// missing from the reading and read words missing from the truth (as multisets), over
/// truth words.
///
/// A text layer's reading order can differ from Tesseract's (two header columns, tables),
/// and WER charges a moved line once per word where it left and once where it arrived.
/// This measure never exceeds WER and equals it when every error is a word misread in
/// place, so WER minus it is, roughly, what order costs.
struct WordBagCount {
    private var errors = 0, words = 0

    var rate: Double { words > 0 ? Double(errors) / Double(words) : 0 }

    mutating func add(truth: String, read: String) {
        let truthWords = ErrorCount.words(truth)
        var balance: [String: Int] = [:]
        for word in truthWords { balance[word, default: 0] += 1 }
        for word in ErrorCount.words(read) { balance[word, default: 0] -= 1 }
        let missing = balance.values.filter { $0 > 0 }.reduce(0, +)
        let extra = -balance.values.filter { $0 < 0 }.reduce(0, +)
        errors += max(missing, extra)
        words += truthWords.count
    }
}
