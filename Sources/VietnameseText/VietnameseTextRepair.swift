/// Repairs OCR'd words that cannot be Vietnamese syllables, using only the syllable grammar.
///
/// Tesseract's errors on Vietnamese are mostly in the small marks: a tone swapped or moved,
/// a hat lost (ư→u, ơ→o, ê→e), đ→d, plus a few letter shapes (rn→m, c/e, n/u, a dropped h).
/// A word is changed only when it is invalid, OCR was unsure of it, and exactly one valid
/// syllable is nearest; otherwise it is flagged and left as read. "Nearest" is fewest edits,
/// then fewest base-letter edits, then fewest marks removed: OCR loses marks far more often
/// than it invents them, so a mark it did read is evidence ("tòan" is "toàn", not "toan").
/// Without a word list the grammar cannot tell "đước" from "được", so ties are never guessed.
public struct VietnameseTextRepair: Sendable {
    public struct Result: Sendable, Equatable {
        public var text: String
        /// Words of letters looked at (numbers, document numbers and punctuation are not words).
        public var wordsExamined = 0
        /// Words classified ``VietnameseSyllable/Kind/invalid``.
        public var invalidSyllables = 0
        public var wordsChanged = 0
        /// Invalid words left unchanged: confident OCR, no candidate, or a tie.
        public var wordsFlagged = 0
    }

    /// Tesseract word confidence (0–100) at or above which an invalid word is kept as read.
    public var confidenceThreshold: Double

    public init(confidenceThreshold: Double = 60) {
        self.confidenceThreshold = confidenceThreshold
    }

    /// `confidences[n]` belongs to the n-th whitespace-separated token of `text` (Tesseract's
    /// word order); a missing entry means unknown, which counts as unsure.
    public func repair(_ text: String, confidences: [Double]? = nil) -> Result {
        var counts = Result(text: text)
        let repaired = Words.map(text) { word, number in
            counts.wordsExamined += 1
            guard VietnameseSyllable.kind(ofCore: word) == .invalid else { return nil }
            counts.invalidSyllables += 1
            let confidence = confidences.flatMap { number < $0.count ? $0[number] : nil }
            if confidence.map({ $0 < confidenceThreshold }) ?? true, let fixed = Self.bestCandidate(for: word) {
                counts.wordsChanged += 1
                return fixed
            }
            counts.wordsFlagged += 1
            return nil
        }
        counts.text = repaired
        return counts
    }

    /// Share of words carrying Vietnamese marks (tone, hat or đ) that are invalid; 0 when there are none.
    public static func invalidShare(_ text: String) -> Double {
        var marked = 0
        var invalid = 0
        _ = Words.map(text) { word, _ in
            let kind = VietnameseSyllable.kind(ofCore: word)
            if kind != .foreignOrAbbreviation, Spelling.hasToneOrHat(word) || word.lowercased().contains("đ") {
                marked += 1
                if kind == .invalid { invalid += 1 }
            }
            return nil
        }
        return marked == 0 ? 0 : Double(invalid) / Double(marked)
    }

    /// The single nearest valid syllable, or nil when there is none within two edits or several tie.
    static func bestCandidate(for word: Substring) -> String? {
        guard let original = Spelling(word) else { return nil }
        var frontier = [Candidate(spelling: original, upper: Spelling.upperMask(word), letterEdits: 0, marksRemoved: 0)]
        var seen: Set<Spelling> = [original]
        for _ in 1...2 {
            // Per spelling, the cheapest way there.
            var next: [Spelling: Candidate] = [:]
            for candidate in frontier {
                for edit in candidate.neighbours() where edit.letterEdits <= 1 && !seen.contains(edit.spelling) {
                    if let known = next[edit.spelling], known.rank <= edit.rank { continue }
                    next[edit.spelling] = edit
                }
            }
            let valid = next.values.filter { Grammar.parse($0.spelling, anyTonePosition: false) != nil }
            if let cheapest = valid.map(\.rank).min(by: <) {
                let best = valid.filter { $0.rank == cheapest }
                return best.count == 1 ? best[0].spelling.rendered(upper: best[0].upper) : nil
            }
            seen.formUnion(next.keys)
            frontier = Array(next.values)
        }
        return nil
    }
}

/// A spelling reached from the OCR'd word by some edits, counting those that changed base letters.
private struct Candidate {
    var spelling: Spelling
    var upper: [Bool]
    var letterEdits: Int
    /// Tones, hats or strokes taken away.
    var marksRemoved: Int

    var rank: Rank { Rank(letterEdits: letterEdits, marksRemoved: marksRemoved) }

    struct Rank: Comparable {
        let letterEdits: Int
        let marksRemoved: Int
        static func < (a: Rank, b: Rank) -> Bool {
            (a.letterEdits, a.marksRemoved) < (b.letterEdits, b.marksRemoved)
        }
    }

    /// Vowel hats and the stroke of đ that OCR drops or adds.
    static let hatSwaps: [Character: [Character]] = [
        "a": ["ă", "â"], "ă": ["a", "â"], "â": ["a", "ă"], "e": ["ê"], "ê": ["e"],
        "o": ["ô", "ơ"], "ô": ["o", "ơ"], "ơ": ["o", "ô"], "u": ["ư"], "ư": ["u"], "d": ["đ"], "đ": ["d"],
    ]
    /// Letter shapes Tesseract confuses, both ways.
    static let letterSwaps: [Character: [Character]] = {
        let pairs: [(Character, Character)] = [("c", "e"), ("c", "o"), ("e", "o"), ("n", "u"), ("n", "h"),
                                               ("h", "b"), ("i", "l"), ("i", "t"), ("l", "t"), ("y", "v"), ("g", "q"), ("a", "o")]
        var table: [Character: [Character]] = [:]
        for (a, b) in pairs {
            table[a, default: []].append(b)
            table[b, default: []].append(a)
        }
        return table
    }()
    /// Two letters read for one.
    static let splits: [(String, Character)] = [("rn", "m"), ("ri", "n"), ("cl", "d")]

    func neighbours() -> [Candidate] {
        var out: [Candidate] = []
        let letters = spelling.letters
        func add(_ s: Spelling, upper: [Bool]? = nil, letter: Bool, removesMark: Bool = false) {
            out.append(Candidate(spelling: s, upper: upper ?? self.upper, letterEdits: letterEdits + (letter ? 1 : 0),
                                 marksRemoved: marksRemoved + (removesMark ? 1 : 0)))
        }
        let vowelIndices = letters.indices.filter { Spelling.vowels.contains(letters[$0]) }
        // Tone: another tone on the same vowel, the same tone on another vowel, or a tone added.
        for tone in VietnameseSyllable.Tone.allCases where tone != spelling.tone {
            var s = spelling
            s.tone = tone
            if tone == .ngang {
                s.toneIndex = nil
                add(s, letter: false, removesMark: true)
            } else if spelling.toneIndex != nil {
                add(s, letter: false)
            } else {
                for i in vowelIndices {
                    s.toneIndex = i
                    add(s, letter: false)
                }
            }
        }
        if let current = spelling.toneIndex {
            for i in vowelIndices where i != current {
                var s = spelling
                s.toneIndex = i
                add(s, letter: false)
            }
        }
        for (i, letter) in letters.enumerated() {
            for swap in Candidate.hatSwaps[letter] ?? [] {
                var s = spelling
                s.letters[i] = swap
                add(s, letter: false, removesMark: !Spelling.hatted.contains(swap) && swap != "đ")
            }
            for swap in Candidate.letterSwaps[letter] ?? [] where spelling.toneIndex != i || Spelling.vowels.contains(swap) {
                var s = spelling
                s.letters[i] = swap
                add(s, letter: true)
            }
        }
        // A dropped or added h: ng/ngh, g/gh, c/ch, t/th, n/nh…
        for i in 1...letters.count where !Spelling.vowels.contains(letters[i - 1]) {
            var s = spelling
            s.letters.insert("h", at: i)
            if let t = s.toneIndex, t >= i { s.toneIndex = t + 1 }
            var u = upper
            u.insert(upper.count > 1 && upper.allSatisfy { $0 }, at: i)
            add(s, upper: u, letter: true)
        }
        for (i, letter) in letters.enumerated() where letter == "h" && letters.count > 1 {
            var s = spelling
            s.letters.remove(at: i)
            if let t = s.toneIndex, t > i { s.toneIndex = t - 1 }
            var u = upper
            u.remove(at: i)
            add(s, upper: u, letter: true)
        }
        let word = String(letters)
        for (pair, single) in Candidate.splits {
            var search = word.startIndex
            while let range = word[search...].range(of: pair) {
                let i = word.distance(from: word.startIndex, to: range.lowerBound)
                var s = spelling
                s.letters.replaceSubrange(i...(i + 1), with: [single])
                if let t = s.toneIndex, t > i { s.toneIndex = t - 1 }
                var u = upper
                u.remove(at: i + 1)
                add(s, upper: u, letter: true)
                search = range.upperBound
            }
        }
        return out
    }
}
