import Foundation
import VietnameseText

/// A signer's name checked against the names Vietnamese people bear (``surnames``,
/// ``givenNames``, ``middleNames``: generated from a published list, see
/// `PersonalNameList.swift`).
///
/// OCR slips a tone on a name as easily as on any word (Trân for Trần, Tuân for Tuấn), and
/// then the name is still a possible syllable, so the syllable grammar cannot see it. Names
/// are a nearly closed class: a surname outside the common ones that differs from one only
/// by its tone is that one, and is put back; a middle or given name that is no name at all
/// is put back to the one common name its letters spell (Quáng → Quang), and named: the
/// lists are long enough that a name in none of them is far more often a slip than a rare
/// name. A name in them that is nearly unknown while its tone twin is common is named for
/// review, never changed, because rare names are real. Only marks are put back, never
/// letters: tones, and the hats, horns and breves OCR drops and adds as it does tones
/// (Cháu for Châu, Xưân for Xuân, Đúc for Đức); đ is a letter, and Ñ is N with a speck.
/// Every change names the field.
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
        if !knownSurnames.contains(key(surname)) {
            if let restored = variants(of: surname, where: knownSurnames.contains).only
                ?? (count(of: surname) == 0 ? sameBareLetters(as: surname, where: knownSurnames.contains).only : nil) {
                syllables[0] = restored
                check.changes.append("signer's surname \(surname) read as \(restored), the surname its letters spell")
            } else if syllables.count == 2, count(of: surname) > 0 {
                check.doubts.append("signer “\(name)” seems to lack its surname")
            } else if let other = crossed(surname), knownSurnames.contains(other) {
                // Đ and D are two letters: never changed, only named.
                check.doubts.append("signer's surname “\(surname)” is no surname; \(other) is")
            } else {
                check.doubts.append("signer's surname “\(surname)” is in no list of surnames")
            }
        }
        for (index, syllable) in syllables.enumerated().dropFirst() {
            let isGiven = index == syllables.count - 1
            if !isGiven, genderMiddleNames.contains(key(syllable)) { continue }
            let table = isGiven ? given : middle
            let seen = table[key(syllable)] ?? 0
            let twin = variants(of: syllable) { table[$0] != nil }.max { table[$0]! < table[$1]! }
            if count(of: syllable) == 0, let restored = likeliest(spelling: syllable, in: isGiven ? given : middleOrGender) {
                syllables[index] = restored
                check.changes.append("signer's name \(syllable) read as \(restored), the common name its letters spell")
            } else if count(of: syllable) == 0 {
                check.doubts.append("signer's name “\(syllable)” is in no list of names" + (twin.map { "; \($0) is" } ?? ""))
            } else if let twin, seen <= unattested, table[twin]! >= twinAtLeast {
                check.doubts.append("signer's name “\(syllable)” is nearly unknown; \(twin) is common")
            }
        }
        check.name = syllables.joined(separator: " ")
        return check
    }

    /// Whether the lists place `name` as it stands, marks and all: a known surname, then
    /// known middle names, then a known given name.
    static func places(_ name: String) -> Bool {
        let syllables = name.split(separator: " ").map(String.init)
        guard (2...5).contains(syllables.count), knownSurnames.contains(key(syllables[0])),
              given[key(syllables[syllables.count - 1])] != nil else { return false }
        return syllables.dropFirst().dropLast().allSatisfy { middleOrGender[key($0)] != nil || given[key($0)] != nil }
    }

    /// The middle and given names of `name` whose tone twin is as common a name in that
    /// place (Dũng and Dung, Thanh and Thành), each with its most common twin: a slip from
    /// one to the other leaves a name, so only the reading's confidence can tell.
    static func commonTwins(in name: String) -> [(read: String, twin: String)] {
        let syllables = name.split(separator: " ").map(String.init)
        return syllables.enumerated().dropFirst().compactMap { index, syllable in
            guard !genderMiddleNames.contains(key(syllable)) else { return nil }
            let table = index == syllables.count - 1 ? given : middleOrGender
            let twin = variants(of: syllable) { (table[$0] ?? 0) >= twinAtLeast }.max { table[$0]! < table[$1]! }
            return twin.map { (syllable, $0) }
        }
    }

    /// Surnames borne by most Vietnamese beyond the published list's 18: the common ones
    /// of Wikipedia's "Họ người Việt Nam" (some 90 surnames carry nearly the whole
    /// population), less those more often a middle or given name (Văn, Quang, Giang…),
    /// which would hide a lost surname. A fact about names, not a tuning: the list holds
    /// surnames sohoa's generator never draws as well as those it does.
    static let commonSurnames: Set<String> = [
        "Đinh", "Lâm", "Mai", "Trịnh", "Cao", "Lương", "Hà", "Tạ", "Chu", "Lưu", "Quách", "Kiều", "Thái", "Phùng",
        "Tô", "Tôn", "Châu", "Đào", "Vương", "Triệu", "La", "Lã", "Từ", "Thân", "Tăng", "Lại", "Khúc", "Hứa", "Doãn",
        "Diệp", "Nghiêm", "Âu", "Ông", "Mạc", "Lò", "Lục", "Quan", "Bạch", "Hầu", "Ninh",
        "Thạch", "Trình", "Ung", "Viên", "Đàm", "Đồng", "Khổng", "Lạc", "Mã", "Nông", "Tống", "Vi", "Hàn", "Cù",
        "Giáp", "Lữ", "Thiều", "Tiêu", "Khương", "Khuất", "Kha", "Cổ", "Đậu", "Lăng", "Nhữ",
        "Sầm", "Thiệu", "Ưng", "Bế", "Mẫn",
    ]

    /// The lists as they are compared: every name in ``key`` form, counts of one name
    /// written with either tone placement added together.
    private static let knownSurnames = Set((surnames.union(commonSurnames)).map(key))

    /// The syllable with Đ and D swapped at its start: OCR reads one for the other.
    private static func crossed(_ syllable: String) -> String? {
        let name = key(syllable)
        switch name.first {
        case "Đ": return "D" + name.dropFirst()
        case "D": return "Đ" + name.dropFirst()
        default: return nil
        }
    }
    private static let given = keyed(givenNames)
    private static let middle = keyed(middleNames)

    private static func keyed(_ table: [String: Int]) -> [String: Int] {
        Dictionary(table.map { (key($0.key), $0.value) }, uniquingKeysWith: +)
    }

    /// How often a syllable is any part of a name.
    private static func count(of syllable: String) -> Int {
        (given[key(syllable)] ?? 0) + (middle[key(syllable)] ?? 0)
    }

    /// The known syllables spelt with the same letters as `syllable` and another tone, among
    /// those `isKnown` accepts.
    private static func variants(of syllable: String, where isKnown: (String) -> Bool) -> [String] {
        (byLetters[letters(of: syllable)] ?? []).filter { isKnown($0) && $0 != key(syllable) }
    }

    /// The one common name of `table` spelt with the letters of `syllable`, whatever their
    /// marks: found at least ``twinAtLeast`` times and ``clearlyAhead`` times as often as any
    /// other; nil when there is none or the letters leave a real choice (Thu, Thư).
    private static func likeliest(spelling syllable: String, in table: [String: Int]) -> String? {
        let ranked = sameBareLetters(as: syllable) { table[$0] != nil }.sorted { table[$0]! > table[$1]! }
        guard let first = ranked.first, table[first]! >= twinAtLeast else { return nil }
        if ranked.count > 1, table[first]! < clearlyAhead * table[ranked[1]]! { return nil }
        return first
    }

    /// How much more common than any other name of the same letters a name must be for a
    /// syllable that is no name to be read as it.
    static let clearlyAhead = 5

    /// The middle names with Văn and Thị, which the list leaves out, counted as the most
    /// common of all.
    private static let middleOrGender: [String: Int] = {
        let most = middle.values.max() ?? 1
        return middle.merging(genderMiddleNames.map { (key($0), most) }) { max($0, $1) }
    }()

    /// The known syllables spelt with the same bare letters as `syllable`, among those
    /// `isKnown` accepts.
    private static func sameBareLetters(as syllable: String, where isKnown: (String) -> Bool) -> [String] {
        (byBareLetters[bareLetters(of: syllable)] ?? []).filter { isKnown($0) && $0 != key(syllable) }
    }

    /// Every known syllable, in ``key`` form, under its bare letters.
    private static let byBareLetters = Dictionary(grouping: knownSurnames.union(given.keys).union(middleOrGender.keys),
                                                  by: bareLetters(of:))

    /// The letters without any mark over or under them, lower case; đ stays đ. A final y
    /// after a consonant is the vowel i, spelt either way (Thị, Thỵ; Mỹ, Mĩ), and OCR
    /// reads one for the other under a dot ("Thỷ").
    private static func bareLetters(of syllable: String) -> String {
        var bare = String(key(syllable).lowercased().map { $0 == "đ" ? $0 : VietnameseText.fold($0) })
        if bare.count >= 2, bare.last == "y", let before = bare.dropLast().last, !"aeiouy".contains(before) {
            bare = bare.dropLast() + "i"
        }
        return bare
    }

    /// Every known syllable, in ``key`` form, under its letters.
    private static let byLetters = Dictionary(grouping: knownSurnames.union(given.keys).union(middle.keys), by: letters(of:))

    /// The form names are compared in: NFC, one tone placement, capitalised as names are.
    private static func key(_ syllable: String) -> String {
        let placed = VietnameseText.normalizeTonePlacement(VietnameseText.nfc(syllable)).lowercased()
        return placed.prefix(1).uppercased() + placed.dropFirst()
    }

    /// The letters without the tone: hats, horns and breves are parts of letters (a, ă and
    /// â are three of the alphabet's 29), and đ is not d.
    private static func letters(of syllable: String) -> String {
        VietnameseText.removingTone(key(syllable).lowercased())
    }
}

private extension Array {
    /// The one element, or nil when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}

/// A signature's line as OCR read it, judged by the name lists. The pipeline hands this
/// check to the OCR stage, which reads a seal's foot again when the name there is not one
/// the lists place (`PageCleanup.rereadSealNames`): the ring hides the print it crosses.
public enum SignerNameCheck {
    /// Whether `line` ends in a signer's name, 2 to 5 syllables opening with a family
    /// name, that the lists place as read.
    public static func holdsPlacedName(_ line: String) -> Bool {
        SignatureBlock.personName(in: VietnameseText.nfc(line), standalone: false).map(PersonalNames.places) ?? false
    }
}
