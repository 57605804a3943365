import Foundation

/// One Vietnamese syllable split into onset, medial glide, nucleus, coda and tone.
///
/// Vietnamese writes one syllable per word, and which syllables can exist is a small, closed
/// grammar (phonotactics plus spelling rules). Checking a word against that grammar needs no
/// word list and catches most of what OCR breaks: a lost hat ("Viẹt"), a tone no stop coda
/// can carry ("càp"), a misplaced mark ("tòan"), a dropped letter ("ngĩa").
///
/// Parts hold letters as written, lowercase, without the tone mark: "quyết" is
/// `q` + `u` + `yê` + `t`, tone `.sac`; "người" is `ng` + `` + `ươ` + `i`, tone `.huyen`.
/// A nucleus is written `ia`/`ua`/`ưa` without a coda and `iê`/`yê`/`uô`/`ươ` with one;
/// `gi` + `i…` shares its `i` ("gì", "giếng"), and then the nucleus holds it.
public struct VietnameseSyllable: Sendable, Hashable {
    public enum Tone: Int, Sendable, CaseIterable {
        case ngang, huyen, sac, hoi, nga, nang
    }

    /// What a pipeline may do with a word.
    public enum Kind: Sendable, Equatable {
        /// A possible Vietnamese syllable.
        case vietnamese
        /// No tone or vowel marks and either all capitals (abbreviations such as "UBND",
        /// "QĐ", "TTg"), a single letter (list markers "a)", "đ)"), or not parseable
        /// (English words). Also anything that is not a word of letters. Leave alone.
        case foreignOrAbbreviation
        /// Carries Vietnamese marks (or a lowercase `đ`) but breaks the grammar: an OCR or typing error.
        case invalid
    }

    public let onset: String
    public let medial: String
    public let nucleus: String
    public let coda: String
    public let tone: Tone

    /// Parses one word (NFC or NFD, any case, surrounding punctuation stripped); nil if it is
    /// not a possible Vietnamese syllable.
    public init?(_ word: String) {
        guard let core = Words.core(of: Substring(word)),
              let spelling = Spelling(core),
              let parsed = Grammar.parse(spelling, anyTonePosition: false) else { return nil }
        self = parsed.syllable
    }

    init(onset: String, medial: String, nucleus: String, coda: String, tone: Tone) {
        self.onset = onset
        self.medial = medial
        self.nucleus = nucleus
        self.coda = coda
        self.tone = tone
    }

    /// Whether the word is a possible Vietnamese syllable (letters only, any case).
    public static func isValid(_ word: String) -> Bool {
        VietnameseSyllable(word) != nil
    }

    public static func kind(of word: String) -> Kind {
        guard let core = Words.core(of: Substring(word)) else { return .foreignOrAbbreviation }
        return kind(ofCore: core)
    }

    static func kind(ofCore core: Substring) -> Kind {
        let spelling = Spelling(core)
        let parses = spelling.flatMap { Grammar.parse($0, anyTonePosition: false) } != nil
        if Spelling.hasToneOrHat(core) { return parses ? .vietnamese : .invalid }
        if core.filter(\.isUppercase).count >= 2 || core.count == 1 { return .foreignOrAbbreviation }
        if parses { return .vietnamese }
        return core.lowercased().contains("đ") ? .invalid : .foreignOrAbbreviation
    }
}

/// A word as letters (lowercase, vowel hats kept) plus one tone and the letter it sits on.
struct Spelling: Hashable {
    var letters: [Character]
    var tone: VietnameseSyllable.Tone
    /// Index into `letters` of the mark; nil exactly when the tone is ngang.
    var toneIndex: Int?

    static let vowels: Set<Character> = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
    static let hatted: Set<Character> = ["ă", "â", "ê", "ô", "ơ", "ư"]
    static let alphabet: Set<Character> = vowels.union(["b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "q", "r", "s", "t", "v", "x"])
    static let toneMarks: [Unicode.Scalar: VietnameseSyllable.Tone] = [
        "\u{0300}": .huyen, "\u{0301}": .sac, "\u{0309}": .hoi, "\u{0303}": .nga, "\u{0323}": .nang,
    ]
    static let hatMarks: Set<Unicode.Scalar> = ["\u{0302}", "\u{0306}", "\u{031B}"]

    init(letters: [Character], tone: VietnameseSyllable.Tone, toneIndex: Int?) {
        self.letters = letters
        self.tone = tone
        self.toneIndex = toneIndex
    }

    /// Fails on letters outside the Vietnamese alphabet (f j w z, foreign accents) and on two tones.
    init?(_ word: some StringProtocol) {
        var letters: [Character] = []
        var tone = VietnameseSyllable.Tone.ngang
        var toneIndex: Int?
        for character in VietnameseText.repairLookalikes(String(word)) {
            guard let (letter, mark) = Spelling.decompose(character) else { return nil }
            if let mark {
                guard toneIndex == nil, Spelling.vowels.contains(letter) else { return nil }
                tone = mark
                toneIndex = letters.count
            }
            letters.append(letter)
        }
        guard !letters.isEmpty else { return nil }
        self.init(letters: letters, tone: tone, toneIndex: toneIndex)
    }

    /// A letter of the alphabet without its tone, and the tone. Table lookup for every
    /// Vietnamese letter in either case; Unicode decomposition only for anything else.
    static func decompose(_ character: Character) -> (Character, VietnameseSyllable.Tone?)? {
        if let known = decomposedLetters[character] { return known }
        return decomposeByUnicode(character)
    }

    private static let decomposedLetters: [Character: (Character, VietnameseSyllable.Tone?)] = {
        var table: [Character: (Character, VietnameseSyllable.Tone?)] = [:]
        for letter in alphabet {
            for mark in [""] + toneMarks.keys.map(String.init) {
                let lower = (String(letter) + mark).precomposedStringWithCanonicalMapping
                for form in [lower, lower.uppercased()] where form.count == 1 {
                    table[Character(form)] = decomposeByUnicode(Character(form))
                }
            }
        }
        return table
    }()

    private static func decomposeByUnicode(_ character: Character) -> (Character, VietnameseSyllable.Tone?)? {
        let scalars = String(character).lowercased().decomposedStringWithCanonicalMapping.unicodeScalars
        guard let base = scalars.first else { return nil }
        var tone: VietnameseSyllable.Tone?
        var letter = String(base)
        var hasHat = false
        for mark in scalars.dropFirst() {
            if let t = toneMarks[mark] {
                guard tone == nil else { return nil }
                tone = t
            } else if hatMarks.contains(mark), !hasHat {
                hasHat = true
                letter.unicodeScalars.append(mark)
            } else {
                return nil
            }
        }
        let composed = letter.precomposedStringWithCanonicalMapping
        guard composed.count == 1, let result = composed.first, alphabet.contains(result) else { return nil }
        return (result, tone)
    }

    /// Tone marks or vowel hats anywhere — the marks that say "this was meant as Vietnamese".
    /// `đ` alone does not count: abbreviations such as "QĐ" and "HĐND" carry it.
    static func hasToneOrHat(_ word: some StringProtocol) -> Bool {
        String(word).decomposedStringWithCanonicalMapping.unicodeScalars.contains {
            $0.properties.generalCategory == .nonspacingMark
        }
    }

    /// Writes the letters back, with the tone on `toneIndex` and capitals where `upper` says.
    func rendered(upper: [Bool]) -> String {
        var out = ""
        for (i, letter) in letters.enumerated() {
            var piece = String(letter)
            if i == toneIndex, let mark = Spelling.toneMarks.first(where: { $0.value == tone })?.key {
                piece.unicodeScalars.append(mark)
                piece = piece.precomposedStringWithCanonicalMapping
            }
            out += i < upper.count && upper[i] ? piece.uppercased() : piece
        }
        return out
    }

    /// Which letters of `word` are capitals, one entry per letter.
    static func upperMask(_ word: some StringProtocol) -> [Bool] {
        word.map(\.isUppercase)
    }
}

/// The syllable grammar, built once from rules rather than listed.
enum Grammar {
    struct Rhyme: Hashable {
        let medial: String
        let nucleus: String
        let coda: String
        /// `qu` + a/ă/e/ô/i: after other onsets the glide before a, ă, e is written `o`.
        let afterQOnly: Bool
    }

    struct Parse {
        let syllable: VietnameseSyllable
        /// Where the tone belongs, as an index into the letters (style of "hòa", "thủy").
        let canonicalToneIndex: Int
    }

    /// Longest first, so "ngh" is tried before "ng" and "n".
    static let onsets = ["ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr",
                         "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "q", "r", "s", "t", "v", "x", ""]
    static let stopCodas: Set<String> = ["c", "ch", "p", "t"]
    static let semivowelCodas: Set<String> = ["i", "y", "o", "u"]

    /// Codas each nucleus takes without a medial glide. ă and â need a coda; ch/nh follow only
    /// a, ê, i; c/ng never follow ê, i; ơ takes no velar; the long diphthongs take no `ch`/`nh`.
    static let codas: [String: [String]] = [
        "a": ["", "c", "ch", "m", "n", "ng", "nh", "p", "t", "i", "o", "u", "y"],
        "ă": ["c", "m", "n", "ng", "p", "t"],
        "â": ["c", "m", "n", "ng", "p", "t", "u", "y"],
        "e": ["", "c", "m", "n", "ng", "p", "t", "o"],
        "ê": ["", "ch", "m", "n", "nh", "p", "t", "u"],
        "i": ["", "ch", "m", "n", "nh", "p", "t", "u"],
        "o": ["", "c", "m", "n", "ng", "p", "t", "i"],
        "oo": ["c", "ng"],
        "ô": ["", "c", "m", "n", "ng", "p", "t", "i"],
        "ơ": ["", "m", "n", "p", "t", "i"],
        "u": ["", "c", "m", "n", "ng", "p", "t", "i"],
        "ư": ["", "c", "m", "n", "ng", "t", "i", "u"],
        "iê": ["", "c", "m", "n", "ng", "p", "t", "u"],
        "uô": ["", "c", "m", "n", "ng", "t", "i"],
        "ươ": ["", "c", "m", "n", "ng", "p", "t", "i", "u"],
    ]

    /// Codas after the glide /w/ (hoa, quân, thuế, huy, khuya, thuở).
    static let codasAfterGlide: [String: [String]] = [
        "a": ["", "c", "ch", "m", "n", "ng", "nh", "p", "t", "i", "o", "y"],
        "ă": ["c", "m", "n", "ng", "t"],
        "e": ["", "n", "t", "o"],
        "â": ["n", "ng", "t", "y"],
        "ê": ["", "ch", "n", "nh", "t"],
        "i": ["", "ch", "nh", "t", "u", "p"],
        "iê": ["", "n", "t"],
        "ơ": [""],
    ]

    static let rhymes: [String: [Rhyme]] = {
        var table: [String: [Rhyme]] = [:]
        func add(_ medial: String, _ nucleus: String, _ coda: String, q: Bool = false) {
            table[medial + nucleus + coda, default: []].append(Rhyme(medial: medial, nucleus: nucleus, coda: coda, afterQOnly: q))
        }
        for (nucleus, list) in codas {
            for coda in list {
                switch (nucleus, coda.isEmpty) {
                case ("iê", true): add("", "ia", "")
                case ("iê", false): add("", "iê", coda); add("", "yê", coda)
                case ("uô", true): add("", "ua", "")
                case ("ươ", true): add("", "ưa", "")
                case ("i", true): add("", "i", ""); add("", "y", "")
                default: add("", nucleus, coda)
                }
            }
        }
        for (nucleus, list) in codasAfterGlide {
            for coda in list {
                switch nucleus {
                case "a", "ă", "e": add("o", nucleus, coda); add("u", nucleus, coda, q: true)
                case "i": add("u", "y", coda)
                case "iê": add("u", coda.isEmpty ? "ya" : "yê", coda)
                default: add("u", nucleus, coda)
                }
            }
        }
        add("u", "ô", "c", q: true) // quốc
        add("u", "i", "", q: true) // qui, older spelling of quy
        return table
    }()

    static let frontNuclei: Set<String> = ["i", "y", "e", "ê", "iê", "ia"]
    static let noGlideOnsets: Set<String> = ["c", "k", "gh", "ngh", "gi", "b", "m", "p", "ph", "v"]

    static func compatible(onset: String, rhyme: Rhyme, sharedI: Bool) -> Bool {
        if onset == "q" { return rhyme.medial == "u" }
        if rhyme.afterQOnly { return false }
        if !rhyme.medial.isEmpty, noGlideOnsets.contains(onset) { return false }
        let front = rhyme.medial.isEmpty && frontNuclei.contains(rhyme.nucleus)
        switch onset {
        case "k": return front
        case "gh", "ngh": return front && rhyme.nucleus != "y"
        case "c", "g", "ng": return !front
        case "gi": return sharedI ? (rhyme.nucleus == "i" || rhyme.nucleus == "iê") : !front
        case "": return rhyme.nucleus != "iê"
        default: return !(rhyme.nucleus == "yê" && rhyme.medial.isEmpty)
        }
    }

    /// Index within the rhyme of the letter that carries the tone, in the one style sohoa writes
    /// (see ``VietnameseText/normalizeTonePlacement(_:)``), and the other style's index where
    /// the two differ (open oa, oe, uy).
    static func tonePositions(rhyme: Rhyme, afterQ: Bool) -> (canonical: Int, alternate: Int?) {
        let nucleus = Array(rhyme.nucleus)
        let start = rhyme.medial.count
        if let hat = nucleus.lastIndex(where: Spelling.hatted.contains) { return (start + hat, nil) }
        if !rhyme.coda.isEmpty, !semivowelCodas.contains(rhyme.coda) { return (start + nucleus.count - 1, nil) }
        let skip = afterQ ? rhyme.medial.count : 0 // the u of qu belongs to the onset
        let vowelCount = rhyme.medial.count + nucleus.count + rhyme.coda.count - skip
        let canonical = vowelCount == 3 ? skip + 1 : skip
        let alternate = !afterQ && !rhyme.medial.isEmpty && rhyme.coda.isEmpty && nucleus.count == 1 ? 1 : nil
        return (canonical, alternate)
    }

    /// With `anyTonePosition` the mark may sit on any letter; the parse then says where it belongs.
    static func parse(_ spelling: Spelling, anyTonePosition: Bool) -> Parse? {
        let word = String(spelling.letters)
        for onset in onsets where word.hasPrefix(onset) {
            let rest = String(word.dropFirst(onset.count))
            var attempts = [(rhyme: rest, onsetLength: onset.count, sharedI: false)]
            if onset == "gi", rest.first.map({ $0 == "ê" || !Spelling.vowels.contains($0) }) ?? true {
                attempts.append(("i" + rest, 1, true))
            }
            for attempt in attempts {
                for rhyme in rhymes[attempt.rhyme] ?? [] where compatible(onset: onset, rhyme: rhyme, sharedI: attempt.sharedI) {
                    if stopCodas.contains(rhyme.coda), spelling.tone != .sac, spelling.tone != .nang { continue }
                    let positions = tonePositions(rhyme: rhyme, afterQ: onset == "q")
                    if !anyTonePosition, let index = spelling.toneIndex {
                        let offset = index - attempt.onsetLength
                        guard offset == positions.canonical || offset == positions.alternate else { continue }
                    }
                    let syllable = VietnameseSyllable(onset: onset, medial: rhyme.medial, nucleus: rhyme.nucleus,
                                                      coda: rhyme.coda, tone: spelling.tone)
                    return Parse(syllable: syllable, canonicalToneIndex: attempt.onsetLength + positions.canonical)
                }
            }
        }
        return nil
    }
}

/// Splits text into whitespace-separated tokens and finds the word inside each.
enum Words {
    /// The letters of a token without surrounding punctuation; nil for numbers, document numbers
    /// ("28/2018/QĐ-TTg"), hyphenated or dotted tokens — none of them is one syllable.
    static func core(of token: Substring) -> Substring? {
        guard let first = token.firstIndex(where: \.isLetter),
              let last = token.lastIndex(where: \.isLetter) else { return nil }
        let core = token[first...last]
        guard core.allSatisfy(\.isLetter), !token.contains(where: { $0.isNumber || $0 == "/" }) else { return nil }
        return core
    }

    /// Rebuilds `text`, replacing the word of the n-th token where `transform(word, n)` returns
    /// a new spelling; everything else, whitespace included, is kept byte for byte.
    static func map(_ text: String, _ transform: (Substring, Int) -> String?) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var index = text.startIndex
        var tokenNumber = 0
        while index < text.endIndex {
            if text[index].isWhitespace {
                out.append(text[index])
                index = text.index(after: index)
                continue
            }
            let end = text[index...].firstIndex(where: \.isWhitespace) ?? text.endIndex
            let token = text[index..<end]
            if let word = core(of: token), let replacement = transform(word, tokenNumber) {
                out += token[..<word.startIndex]
                out += replacement
                out += token[word.endIndex...]
            } else {
                out += token
            }
            tokenNumber += 1
            index = end
        }
        return out
    }
}
