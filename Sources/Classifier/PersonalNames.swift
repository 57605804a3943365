import Foundation
import VietnameseText

/// A signer's name checked against the names Vietnamese people bear (``surnames``,
/// ``givenNames``, ``middleNames``: generated from a published list, see
/// `PersonalNameList.swift`).
///
/// OCR slips a tone on a name as easily as on any word (Trân for Trần, Tuân for Tuấn), and
/// then the name is still a possible syllable, so the syllable grammar cannot see it. Names
/// are a nearly closed class: a surname outside the common ones that differs from one only
/// by its tone is that one, and is put back; a middle or given name that is not a name, or
/// is nearly unknown while its tone twin is common, is named for review, never changed,
/// because rare names are real (Nguyễn Tuân). Only tones are put back, never letters.
enum PersonalNames {
    struct Check {
        /// The name with its surname's marks put back, when they were.
        var name: String
        /// Every change made, and every doubt, as review reasons.
        var changes: [String] = []
        var doubts: [String] = []
    }

    /// A read name found at most this often in the lists (2,534 names: once is noise) is
    /// doubted when its tone twin is found ``twinAtLeast`` times or more.
    static let unattested = 1
    static let twinAtLeast = 10

    /// Văn for men and Thị for women: the middle names most Vietnamese bear, which the
    /// published list leaves out because they say nothing of a person.
    static let genderMiddleNames: Set<String> = ["Văn", "Thị"]

    static func check(_ name: String) -> Check {
        var syllables = name.split(separator: " ").map(String.init)
        var check = Check(name: name)
        guard syllables.count >= 2, syllables.allSatisfy({ $0.first?.isUppercase == true }) else { return check }
        let surname = syllables[0]
        if !surnames.contains(surname) {
            if let restored = variants(of: surname, in: surnameSet).only {
                syllables[0] = restored
                check.changes.append("signer's surname \(surname) read as \(restored), the surname its letters spell")
            } else if syllables.count == 2, count(of: surname) > 0 {
                check.doubts.append("signer “\(name)” seems to lack its surname")
            }
        }
        for (index, syllable) in syllables.enumerated().dropFirst() {
            let isGiven = index == syllables.count - 1
            if !isGiven, genderMiddleNames.contains(key(syllable)) { continue }
            let table = isGiven ? givenNames : middleNames
            let seen = table[key(syllable)] ?? 0
            let best = variants(of: syllable, in: table).max { (table[key($0)] ?? 0) < (table[key($1)] ?? 0) }
            let bestCount = best.map { table[key($0)] ?? 0 } ?? 0
            if seen == 0 && count(of: syllable) == 0 {
                check.doubts.append("signer's name “\(syllable)” is in no list of names" + (best.map { "; \($0) is" } ?? ""))
            } else if let best, seen <= unattested, bestCount >= twinAtLeast {
                check.doubts.append("signer's name “\(syllable)” is nearly unknown; \(best) is common")
            }
        }
        check.name = syllables.joined(separator: " ")
        return check
    }

    /// How often a syllable is any part of a name.
    private static func count(of syllable: String) -> Int {
        (givenNames[key(syllable)] ?? 0) + (middleNames[key(syllable)] ?? 0)
    }

    /// The syllables of `names` spelt with the same letters as `syllable` and another tone.
    private static func variants(of syllable: String, in names: [String: Int]) -> [String] {
        let wanted = letters(of: syllable)
        return (byLetters[wanted] ?? []).filter { names[$0] != nil && $0 != key(syllable) }
    }

    private static let surnameSet = Dictionary(uniqueKeysWithValues: surnames.map { (key($0), 1) })

    /// Every known syllable under its letters.
    private static let byLetters: [String: [String]] = {
        var index: [String: [String]] = [:]
        for name in Set(surnames.map(key)).union(givenNames.keys.map(key)).union(middleNames.keys.map(key)) {
            index[letters(of: name), default: []].append(name)
        }
        return index
    }()

    /// The form names are compared in: NFC, one tone placement, capitalised as names are.
    private static func key(_ syllable: String) -> String {
        let placed = VietnameseText.normalizeTonePlacement(VietnameseText.nfc(syllable)).lowercased()
        return placed.prefix(1).uppercased() + placed.dropFirst()
    }

    /// The letters without the tone: hats, horns and breves are parts of letters (a, ă and
    /// â are three of the alphabet's 29), and đ is not d.
    private static func letters(of syllable: String) -> String {
        let tones: Set<Unicode.Scalar> = ["\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}"]
        let scalars = key(syllable).lowercased().decomposedStringWithCanonicalMapping.unicodeScalars.filter { !tones.contains($0) }
        return VietnameseText.nfc(String(String.UnicodeScalarView(scalars)))
    }
}

private extension Array {
    /// The one element, or nil when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}
