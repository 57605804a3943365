import Foundation
import VietnameseText

/// How likely each Vietnamese syllable is after another: a bigram model over text the
/// project ships (`SyllableCountList.swift`, from underthesea's VLSP 2013 words and its
/// word list), used to put back the tone or the đ stroke that OCR slipped in a trích yếu.
///
/// A slip such as "tố chức" for "tổ chức" or "địch vụ" for "dịch vụ" still spells a real
/// syllable, so the syllable grammar cannot see it; only the words around it can. A syllable
/// is changed to its twin (the same letters with another tone, or d for đ and back) only
/// when the twin is at least ``evidence`` times likelier beside its neighbours: with so
/// little text behind the counts, a weaker preference is as often the counts' gaps as the
/// reader's slip. Words with a capital inside a sentence are names and are left alone.
///
/// Probabilities are Witten–Bell smoothed: a syllable seen before few distinct others
/// trusts its pairs less than one seen before many, so a pair the short text happens to
/// hold ("bàn tính") does not outvote a likelier syllable that it happens to lack.
struct SyllableModel: Sendable {
    /// How much likelier a twin must be to replace what was read. Chosen on the tuning
    /// split's own subjects with tone and stroke slips put in at random (BENCHMARKS.md,
    /// "The syllable model"): from 1,000 up, no right subject of corpus-real's truth or the
    /// tuning split's was changed.
    static let evidence = 1_000.0

    /// How much likelier two syllables side by side must be, both changed, than the pair
    /// read ("chuyền đối" → "chuyển đổi", where neither twin alone is likelier beside the
    /// other slip). Two changes at once have more ways to fit by chance, so they need
    /// more: ``evidence`` to the power 1.5. On the tuning split's subjects with two
    /// adjacent slips put in (BENCHMARKS.md, "The tuning split's silent errors"), it put
    /// back 29 of 53 pairs and none wrong, where single changes alone put back 10.
    static let pairEvidence = pow(evidence, 1.5)

    /// How much likelier a twin left in place must be for the field to be named for review:
    /// too weak to change what was read, strong enough to doubt it. On the tuning splits'
    /// subjects with one slip put in, 33 of the 47 slips left wrong were named, and 9 of 332
    /// right subjects (BENCHMARKS.md, "The tuning split's silent errors").
    static let doubtEvidence = 100.0

    /// How much likelier than what was read a spelling OCR itself weighed must be for the
    /// field to be named for review: the recogniser's hesitation is evidence of its own, so
    /// less is asked of the counts than of a twin it never weighed (``doubtEvidence``). Only
    /// named, never changed: taken as changes at 10 or at 100 times, such spellings put
    /// back no slip on the tuning draws and broke right words ("tỉnh" read as "tính", three
    /// of corpus-real's subjects) (BENCHMARKS.md, "What the recogniser weighed").
    static let weighedEvidence = 10.0

    /// The model over the shipped counts, built on first use.
    static let shipped = SyllableModel(syllables: syllableCounts, pairs: pairCounts)

    private let singles: [String: Int]
    private let pairs: [String: Int]
    /// For each syllable: how many pairs open with it, and how many distinct syllables follow it.
    private let followers: [String: (total: Int, distinct: Int)]
    /// Every known syllable under its letters without tone, d and đ as one.
    private let twins: [String: [String]]
    private let total: Double
    private let vocabulary: Double

    /// Reads counts in the shipped form: one syllable and its count per line, and one pair
    /// and its count per line.
    init(syllables: String, pairs pairLines: String) {
        // Each spelling keyed once: the pairs name the same few thousand syllables again and again.
        var keys: [Substring: String] = [:]
        func key(_ spelling: Substring) -> String {
            if let known = keys[spelling] { return known }
            let made = SyllableModel.key(spelling)
            keys[spelling] = made
            return made
        }
        var singles: [String: Int] = [:]
        for line in syllables.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let count = Int(parts[1]) else { continue }
            singles[key(parts[0]), default: 0] += count
        }
        var pairs: [String: Int] = [:]
        var followers: [String: (total: Int, distinct: Int)] = [:]
        for line in pairLines.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 3, let count = Int(parts[2]) else { continue }
            let first = key(parts[0])
            let pair = first + " " + key(parts[1])
            if pairs[pair] == nil { followers[first, default: (0, 0)].distinct += 1 }
            pairs[pair, default: 0] += count
            followers[first, default: (0, 0)].total += count
        }
        var twins: [String: [String]] = [:]
        for syllable in singles.keys {
            twins[SyllableModel.letters(of: syllable), default: []].append(syllable)
        }
        self.singles = singles
        self.pairs = pairs
        self.followers = followers
        self.twins = twins
        total = Double(singles.values.reduce(0, +))
        vocabulary = Double(singles.count)
    }

    /// `text` with the syllables the model is sure OCR slipped put back, and each change as
    /// (read, restored), in reading order; and the syllables left as they stand though a twin
    /// is ``doubtEvidence`` times likelier, as (standing, twin). Spacing, punctuation and case
    /// are kept.
    ///
    /// `weighed` holds, by syllable read (in ``key(_:)`` form), the other spellings OCR
    /// weighed for it (``RecognizedWord/alternatives``); one of them ``weighedEvidence``
    /// times likelier than what stands is a doubt too.
    func restored(_ text: String, weighed: [String: [String]] = [:])
        -> (text: String, changes: [(read: String, restored: String)], doubts: [(standing: String, twin: String)]) {
        var tokens = SyllableModel.tokens(of: text)
        var keys = tokens.map { $0.isSyllable ? SyllableModel.key($0.text) : nil }
        var changes: [(read: String, restored: String)] = []
        let threshold = log(SyllableModel.evidence), pairThreshold = log(SyllableModel.pairEvidence)
        func change(_ index: Int, to key: String) {
            let read = tokens[index].text
            keys[index] = key
            tokens[index].text = SyllableModel.cased(key, like: read)
            changes.append((read.trimmingCharacters(in: .whitespaces), tokens[index].text.trimmingCharacters(in: .whitespaces)))
        }
        // Twice: a syllable put back can be the evidence its neighbour needed.
        for _ in 0..<2 {
            for index in tokens.indices {
                guard let best = likeliestTwin(at: index, tokens: tokens, keys: keys), best.gain > threshold else { continue }
                change(index, to: best.key)
            }
            // Two slips side by side: each twin is unlikely beside the other's slip.
            for index in tokens.indices.dropLast() {
                guard let first = otherTwins(at: index, tokens: tokens, keys: keys),
                      let second = otherTwins(at: index + 1, tokens: tokens, keys: keys) else { continue }
                let now = pairScore(first.current, second.current, at: index, in: keys)
                var best: (first: String, second: String, score: Double)?
                for a in first.twins {
                    for b in second.twins {
                        let score = pairScore(a, b, at: index, in: keys)
                        if score > best?.score ?? -.infinity { best = (a, b, score) }
                    }
                }
                guard let best, best.score - now > pairThreshold else { continue }
                change(index, to: best.first)
                change(index + 1, to: best.second)
            }
        }
        let doubts = tokens.indices.compactMap { index -> (standing: String, twin: String)? in
            let twin = likeliestTwin(at: index, tokens: tokens, keys: keys).flatMap { $0.gain > log(SyllableModel.doubtEvidence) ? $0 : nil }
            let spelling = likeliestWeighed(at: index, tokens: tokens, keys: keys, weighed: weighed)
                .flatMap { $0.gain > log(SyllableModel.weighedEvidence) ? $0 : nil }
            guard let best = twin ?? spelling else { return nil }
            let standing = tokens[index].text
            return (standing.trimmingCharacters(in: .whitespaces),
                    SyllableModel.cased(best.key, like: standing).trimmingCharacters(in: .whitespaces))
        }
        return (tokens.map(\.text).joined(), changes, doubts)
    }

    /// The likeliest of the spellings OCR weighed for the syllable at `index`, among those
    /// the counts know, and how much likelier than what stands (log odds); nil for a name.
    private func likeliestWeighed(at index: Int, tokens: [Token], keys: [String?], weighed: [String: [String]])
        -> (key: String, gain: Double)? {
        guard let read = keys[index], let others = weighed[read], !SyllableModel.isName(tokens[index].text, at: index) else {
            return nil
        }
        return likeliest(of: others.filter { singles[$0] != nil && $0 != read }, inPlaceOf: read, at: index, in: keys)
    }

    /// The likeliest twin of the syllable at `index` beside its neighbours, and how much
    /// likelier than what stands (log odds); nil for no syllable, a name, or no twin.
    private func likeliestTwin(at index: Int, tokens: [Token], keys: [String?]) -> (key: String, gain: Double)? {
        guard let read = otherTwins(at: index, tokens: tokens, keys: keys) else { return nil }
        return likeliest(of: read.twins, inPlaceOf: read.current, at: index, in: keys)
    }

    /// The likeliest of `candidates` at `index` beside its neighbours, and how much likelier
    /// than `read` (log odds); nil when there are none.
    private func likeliest(of candidates: [String], inPlaceOf read: String, at index: Int, in keys: [String?])
        -> (key: String, gain: Double)? {
        guard let best = candidates.map({ (key: $0, score: score($0, at: index, in: keys)) }).max(by: { $0.score < $1.score })
        else { return nil }
        return (best.key, best.score - score(read, at: index, in: keys))
    }

    /// The syllable read at `index` and its twins, unless it is no syllable or a name.
    private func otherTwins(at index: Int, tokens: [Token], keys: [String?]) -> (current: String, twins: [String])? {
        guard let current = keys[index], !SyllableModel.isName(tokens[index].text, at: index) else { return nil }
        return (current, (twins[SyllableModel.letters(of: current)] ?? []).filter { $0 != current })
    }

    /// log P(a | left) + log P(b | a) + log P(right | b), for `a` at `index` and `b` after it.
    private func pairScore(_ a: String, _ b: String, at index: Int, in keys: [String?]) -> Double {
        let left = SyllableModel.neighbour(of: index, step: -1, in: keys)
        let right = SyllableModel.neighbour(of: index + 1, step: 1, in: keys)
        var score = log(probability(of: a, after: left)) + log(probability(of: b, after: a))
        if let right { score += log(probability(of: right, after: b)) }
        return score
    }

    /// log P(syllable | left neighbour) + log P(right neighbour | syllable).
    private func score(_ syllable: String, at index: Int, in keys: [String?]) -> Double {
        let left = SyllableModel.neighbour(of: index, step: -1, in: keys)
        let right = SyllableModel.neighbour(of: index, step: 1, in: keys)
        var score = log(probability(of: syllable, after: left))
        if let right { score += log(probability(of: right, after: syllable)) }
        return score
    }

    private func probability(of syllable: String, after previous: String?) -> Double {
        let alone = (Double(singles[syllable] ?? 0) + 0.5) / (total + 0.5 * vocabulary)
        guard let previous, let seen = followers[previous] else { return alone }
        let together = Double(pairs[previous + " " + syllable] ?? 0)
        return (together + Double(seen.distinct) * alone) / Double(seen.total + seen.distinct)
    }

    /// The syllable next to `index` when only spaces part them (tokens keep those spaces);
    /// punctuation or a number between them breaks the chain.
    private static func neighbour(of index: Int, step: Int, in keys: [String?]) -> String? {
        keys.indices.contains(index + step) ? keys[index + step] : nil
    }

    private struct Token {
        var text: String
        let isSyllable: Bool
    }

    /// Runs of letters, and each other character alone, with spaces dropped between
    /// syllables: two syllables apart by spaces only are neighbours.
    private static func tokens(of text: String) -> [Token] {
        var tokens: [Token] = []
        var letters = ""
        func flush() {
            if !letters.isEmpty { tokens.append(Token(text: letters, isSyllable: true)) }
            letters = ""
        }
        for character in text {
            if character.isLetter {
                letters.append(character)
            } else {
                flush()
                if character == " ", let last = tokens.last, last.isSyllable {
                    tokens[tokens.count - 1].text.append(character)
                } else {
                    tokens.append(Token(text: String(character), isSyllable: false))
                }
            }
        }
        flush()
        return tokens
    }

    /// A word with a capital and small letters anywhere but the text's start: a name, which
    /// the counts know too little of to judge.
    private static func isName(_ token: String, at index: Int) -> Bool {
        let word = token.trimmingCharacters(in: .whitespaces)
        guard index > 0, let first = word.first, first.isUppercase else { return false }
        return word != word.uppercased()
    }

    /// `key` written in the case `read` was: capitals, a capital first, or small letters.
    private static func cased(_ key: String, like read: String) -> String {
        let word = read.trimmingCharacters(in: .whitespaces)
        let trailing = String(read.dropFirst(word.count))
        if word == word.uppercased() { return key.uppercased() + trailing }
        if word.first?.isUppercase == true { return key.prefix(1).uppercased() + key.dropFirst() + trailing }
        return key + trailing
    }

    /// The form counts are kept under: NFC, one tone placement, small letters.
    static func key(_ syllable: some StringProtocol) -> String {
        VietnameseText.normalizeTonePlacement(VietnameseText.nfc(String(syllable)))
            .lowercased().trimmingCharacters(in: .whitespaces)
    }

    /// The letters without the tone, and d for đ: the twins OCR confuses share them.
    private static func letters(of key: String) -> String {
        VietnameseText.removingTone(key).replacingOccurrences(of: "đ", with: "d")
    }
}
