
/// The issuing agency (ô 2): the block of capitals top left, beside the national motto.
///
/// OCR and `pdftotext` put the left and right blocks on the same lines ("ỦY BAN NHÂN DÂN
/// CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), so the motto is cut off each line first. The lines
/// left are then grouped into body names: a line that starts with a place level (TỈNH,
/// HUYỆN, THÀNH PHỐ …) after a name without a place is that name wrapped; a line that starts
/// a new body (SỞ, CỤC, VĂN PHÒNG …) is a unit under the one above.
enum HeaderBlock {
    struct Agency: Sendable, Equatable {
        var agency: String
        var parent: String?
    }

    /// - Parameters:
    ///   - lines: the head of the first page.
    ///   - numberLine: where "Số:" sits; the block ends above it.
    static func find(in lines: ArraySlice<TextLine>, numberLine: Int?) -> Agency? {
        let end = numberLine ?? min(lines.endIndex, lines.startIndex + 12)
        guard let motto = lines[..<end].firstIndex(where: { mottoStart(in: $0.key) != nil }) else {
            return nil
        }
        var start = motto
        // OCR may lose the Quốc hiệu line; the agency's first line is then one above "Độc lập".
        if motto > lines.startIndex, let previous = agencyPart(of: lines[motto - 1]),
           startsBody(Fold.key(previous)) {
            start = motto - 1
        }
        var names: [String] = []
        for line in lines[start..<max(start, end)] {
            // A speck beside the motto (":", "Ñ") leaves a left part without a word: as blank.
            if line.isBlank || leftPart(of: line).filter(\.isLetter).count < 2 { continue }
            guard let part = agencyPart(of: line) else {
                if names.isEmpty { continue } else { break }
            }
            // A body's words OCR glued ("BANQUẢNLÝ") are set apart first: glued, they do
            // not open a body, and the agency ran on from its parent's line.
            names.append(HeaderLexicon.restore(part))
            if names.count == 4 { break }
        }
        let groups = group(names)
        guard let agency = groups.last else { return nil }
        return Agency(agency: agency, parent: groups.dropLast().last)
    }

    /// The left-hand capitals of a header line, or nil for a line with none.
    private static func agencyPart(of line: TextLine) -> String? {
        if line.key.firstMatch(of: Patterns.numberOrDateField) != nil { return nil }
        let left = leftPart(of: line)
        guard left.filter(\.isLetter).count >= 2, Fold.isUppercase(left) else { return nil }
        return left
    }

    /// What a header line holds left of the motto, junk trimmed from its ends.
    private static func leftPart(of line: TextLine) -> String {
        var left = line.columns.count > 1 ? line.firstColumn : line.text
        let leftKey = Fold.key(left)
        if let cut = mottoStart(in: leftKey) {
            let offset = leftKey.distance(from: leftKey.startIndex, to: cut)
            left = String(left.prefix(offset))
        }
        return Fold.collapse(Fold.trimJunk(left))
    }

    /// Where the Quốc hiệu or Tiêu ngữ starts in a folded line, OCR-mangled letters allowed
    /// ("CQNG HOA", "ĐỌC LẠP").
    private static func mottoStart(in key: String) -> String.Index? {
        key.firstMatch(of: Patterns.nationalMotto)?
            .range.lowerBound
    }

    private static func group(_ names: [String]) -> [String] {
        var groups: [String] = []
        for name in names {
            let key = Fold.key(name)
            if let last = groups.last, awaitsItsBody(Fold.key(last)) || !startsBody(key),
               startsPlace(key) ? !hasPlace(Fold.key(last)) : true {
                groups[groups.count - 1] = last + " " + name
            } else {
                groups.append(name)
            }
        }
        return groups
    }

    /// "ỦY BAN THƯỜNG VỤ" / "QUỐC HỘI", "BAN THƯỜNG VỤ" / "TỈNH ỦY": a standing body's
    /// name is only whole with the body it belongs to on the next line.
    private static func awaitsItsBody(_ key: String) -> Bool {
        key.hasSuffix(" THUONG VU") || key.hasSuffix(" THUONG TRUC")
    }

    private static func startsBody(_ key: String) -> Bool {
        bodyWords.contains { key == $0 || key.hasPrefix($0 + " ") }
    }

    /// Whether the folded text opens with an administrative level ("TINH …", "THANH PHO …").
    static func startsPlace(_ key: String) -> Bool {
        placeWords.contains { key.hasPrefix($0 + " ") || key.hasPrefix($0 + ".") }
    }

    /// The text without the administrative level it opens with ("Thành phố Hồ Chí Minh",
    /// "TP. Hồ Chí Minh" → "Hồ Chí Minh"); the text itself when it opens with none.
    static func withoutPlaceLevel(_ text: String) -> Substring {
        // The key has one character for each of the text's, so the level's length holds in both.
        let key = Fold.key(text)
        guard let level = placeWords.first(where: { key.hasPrefix($0 + " ") || key.hasPrefix($0 + ".") }) else {
            return Substring(text)
        }
        return text.dropFirst(level.count).drop { $0 == "." || $0 == " " }
    }

    private static func hasPlace(_ key: String) -> Bool {
        let words = " " + key + " "
        return placeWords.contains { words.contains(" " + $0 + " ") }
    }

    /// First words of the bodies that appear in headers (folded). Party committees (TỈNH ỦY)
    /// are listed so they are not read as a place wrapping the line above.
    private static let bodyWords: [String] = [
        "BO", "UBND", "UY BAN", "HDND", "HOI DONG", "TINH UY", "THANH UY", "HUYEN UY", "DANG UY",
        "THI UY", "QUAN UY", "CHINH PHU", "THU TUONG", "QUOC HOI", "CHU TICH", "SO", "CUC",
        "TONG CUC", "CHI CUC", "VAN PHONG", "BAN", "PHONG", "TRUNG TAM", "VU", "VIEN", "TRUONG",
        "BENH VIEN", "THANH TRA", "KHO BAC", "CONG AN", "TOA AN", "NGAN HANG", "BAO HIEM",
        "DAI HOC", "HOC VIEN", "TAP DOAN", "TONG CONG TY", "CONG TY", "KIEM TOAN", "MAT TRAN",
        "BO CHI HUY", "BO TU LENH", "DOAN", "HOI", "LIEN DOAN", "THUE",
    ]

    /// Administrative levels that continue a name wrapped after "ỦY BAN NHÂN DÂN".
    private static let placeWords: [String] = [
        "TINH", "THANH PHO", "TP", "HUYEN", "QUAN", "THI XA", "THI TRAN", "XA", "PHUONG", "DAC KHU",
    ]
}
