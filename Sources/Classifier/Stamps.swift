import DocumentModel

/// Secrecy (ô 10a) and urgency (ô 10b) stamps.
///
/// A stamp is a short line of capitals on its own; the same words in prose ("bí mật nhà
/// nước", "khẩn trương") are lowercase and ignored. Single words (MẬT, KHẨN) must stand alone;
/// the two-word stamps are distinctive enough to be found inside an OCR line that merged
/// them with a neighbouring block.
enum Stamps {
    static func secrecy(in lines: [TextLine]) -> Secrecy? {
        let found = stamps(in: lines, table: secrecyStamps)
        return found.max { rank($0) < rank($1) }
    }

    static func urgency(in lines: [TextLine]) -> Urgency? {
        let found = stamps(in: lines, table: urgencyStamps)
        return found.max { rank($0) < rank($1) }
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

    private static func stamps<Value>(in lines: [TextLine], table: [String: Value]) -> [Value] {
        var found: [Value] = []
        for line in lines {
            for block in Set([line.text] + line.columns) {
                let original = Fold.trimJunk(block)
                guard Fold.isUppercase(original, tolerance: 0) else { continue }
                let folded = words(Fold.key(original))
                if let value = table[folded.joined(separator: " ")] {
                    found.append(value)
                    continue
                }
                // Two-word stamps merged into a longer caps line by OCR.
                for (stamp, value) in table where stamp.contains(" ") {
                    let parts = stamp.split(separator: " ").map(String.init)
                    if folded.indices.contains(where: { Array(folded.dropFirst($0).prefix(parts.count)) == parts }) {
                        found.append(value)
                    }
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
