import DocumentModel

/// Secrecy (ô 10a) and urgency (ô 10b) stamps.
///
/// A stamp is a short line of capitals on its own; the same words in prose ("bí mật nhà
/// nước", "khẩn trương") are lowercase and ignored. Single words (MẬT, KHẨN) must stand alone;
/// the two-word stamps are distinctive enough to be found inside an OCR line that merged
/// them with a neighbouring block.
enum Stamps {
    /// A stamp, and the words as read when OCR garbled one of them by a letter ("TỔỐI
    /// MẬT"): such a reading is a guess between stamps, for a person to check.
    struct Reading<Value: Sendable>: Sendable {
        let value: Value
        let garbled: String?
    }

    static func secrecy(in lines: [TextLine]) -> Reading<Secrecy>? {
        let found = stamps(in: lines, table: secrecyStamps)
        return found.max { rank($0.value) < rank($1.value) }
    }

    static func urgency(in lines: [TextLine]) -> Reading<Urgency>? {
        let found = stamps(in: lines, table: urgencyStamps)
        return found.max { rank($0.value) < rank($1.value) }
    }

    /// True for folded text that is one of the stamps, so a type line may follow it.
    static func isStampText(_ folded: String) -> Bool {
        secrecyStamps.keys.contains(folded) || urgencyStamps.keys.contains(folded)
    }

    private static let secrecyStamps: [String: Secrecy] = [
        "MAT": .mat, "TOI MAT": .toiMat, "TUYET MAT": .tuyetMat,
    ]
    private static let urgencyStamps: [String: Urgency] = [
        "KHAN": .khan, "THUONG KHAN": .thuongKhan, "HOA TOC": .hoaToc,
    ]

    private static func stamps<Value>(in lines: [TextLine], table: [String: Value]) -> [Reading<Value>] {
        var found: [Reading<Value>] = []
        for line in lines {
            for block in Set([line.text] + line.columns) {
                let original = Fold.trimJunk(block)
                guard Fold.isUppercase(original, tolerance: 0) else { continue }
                let folded = words(Fold.key(original))
                if let value = table[folded.joined(separator: " ")] {
                    found.append(Reading(value: value, garbled: nil))
                    continue
                }
                // Two-word stamps merged into a longer caps line by OCR.
                for (stamp, value) in table where stamp.contains(" ") {
                    let parts = stamp.split(separator: " ").map(String.init)
                    if folded.indices.contains(where: { Array(folded.dropFirst($0).prefix(parts.count)) == parts }) {
                        found.append(Reading(value: value, garbled: nil))
                    }
                }
                // A two-word stamp alone on its line with one word a letter off: one-word
                // stamps are not guessed so, since MẬT and KHẨN are a letter from other words.
                guard folded.count == 2 else { continue }
                let near = table.filter { stamp, _ in
                    let parts = stamp.split(separator: " ").map(String.init)
                    return parts.count == 2 && zip(parts, folded).allSatisfy { $0 == $1 || Fold.oneEditApart($0, $1) }
                }
                if near.count == 1, let value = near.first?.value {
                    found.append(Reading(value: value, garbled: original))
                }
            }
        }
        return found
    }

    private static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { !$0.isLetter }).map(String.init)
    }

    private static func rank(_ secrecy: Secrecy) -> Int {
        switch secrecy {
        case .mat: 0
        case .toiMat: 1
        case .tuyetMat: 2
        }
    }

    private static func rank(_ urgency: Urgency) -> Int {
        switch urgency {
        case .khan: 0
        case .thuongKhan: 1
        case .hoaToc: 2
        }
    }
}
