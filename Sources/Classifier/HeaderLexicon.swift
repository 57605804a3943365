import VietnameseText

/// The names headers and signature blocks are made of — bodies, provinces and cities,
/// positions — for putting back the marks OCR slips on them ("ỦY BAN NHÂN DẬN", "TĨNH
/// QUẢNG NGAI", "HUNGYÊN", "CHU TỊCH").
///
/// A run of words is replaced by a name only when the two agree letter for letter once
/// marks, case and the spaces inside the run are ignored: the letters are OCR's evidence,
/// the lexicon only decides the marks. Names are matched whole ("TỈNH HÀ TĨNH", never a
/// lone "TĨNH"), and a word that differs only in where its tone mark sits is left as
/// printed ("UỶ BAN" stays).
enum HeaderLexicon {
    /// Replaces each run of words that spells a known name with the name's marks.
    static func restore(_ text: String) -> String {
        guard Fold.isUppercase(text) else { return text }
        return runs(of: text).flatMap { run in run.name == nil || run.asSpelt ? run.read : run.name!.words }
            .joined(separator: " ")
    }

    /// The words of `text` that lie in a known name spelt as the lexicon spells it ("ĐÀ
    /// NẴNG" of "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG"): their marks are the lexicon's, and
    /// no count of syllables side by side knows a name better.
    static func knownWords(in text: String) -> Set<String> {
        guard Fold.isUppercase(text) else { return [] }
        return Set(runs(of: text).filter { $0.name != nil && $0.asSpelt }.flatMap(\.read))
    }

    /// The words of `text` in runs: each longest run that spells a known name whatever its
    /// marks, with the name and whether it is spelt as the name is; each other word alone.
    private static func runs(of text: String) -> [(read: [String], name: Name?, asSpelt: Bool)] {
        let tokens = text.split(separator: " ").map(String.init)
        let keys = tokens.map { Fold.key($0) }
        var runs: [(read: [String], name: Name?, asSpelt: Bool)] = []
        var index = 0
        while index < tokens.count {
            guard let (end, name) = longestName(startingAt: index, in: keys) else {
                runs.append(([tokens[index]], nil, true))
                index += 1
                continue
            }
            let read = Array(tokens[index..<end])
            runs.append((read, name, read.count == name.words.count && zip(read, name.words).allSatisfy { sameSpelling($0, $1) }))
            index = end
        }
        return runs
    }

    /// Equal once the tone mark sits where sohoa writes it ("UỶ" and "ỦY").
    private static func sameSpelling(_ a: String, _ b: String) -> Bool {
        a == b || VietnameseText.normalizeTonePlacement(a) == VietnameseText.normalizeTonePlacement(b)
    }

    private struct Name {
        let words: [String]
        /// Folded and uppercased, without spaces.
        let joined: String
    }

    /// The longest name whose letters are those of `keys[start..<end]` for some `end`; nil
    /// when two names of that length spell those letters with other marks (the gazetteer
    /// has communes that differ only so), since the letters cannot choose between them.
    private static func longestName(startingAt start: Int, in keys: [String]) -> (Int, Name)? {
        var best: (Int, Name)?
        var ambiguous = false
        for name in byFirstLetter[keys[start].first ?? " "] ?? [] {
            var joined = ""
            var end = start
            while end < keys.count, joined.count < name.joined.count {
                joined += keys[end]
                end += 1
                guard name.joined.hasPrefix(joined) else { break }
            }
            guard joined == name.joined else { continue }
            if end - start > (best.map { $0.0 - start } ?? 0) {
                best = (end, name)
                ambiguous = false
            } else if let found = best, found.0 == end, found.1.words.count != name.words.count
                        || !zip(found.1.words, name.words).allSatisfy({ sameSpelling($0, $1) }) {
                ambiguous = true
            }
        }
        return ambiguous ? nil : best
    }

    /// The council's abbreviation a letter off before a place level ("DBND TỈNH THANH HÓA"):
    /// the name with UBND or HĐND put back, and the word as read. Letters change, so the
    /// caller names the field for review.
    static func mendingAbbreviation(_ name: String) -> (name: String, read: String, meant: String)? {
        var words = name.split(separator: " ").map(String.init)
        guard words.count >= 2, HeaderBlock.startsPlace(Fold.key(words.dropFirst().joined(separator: " ") + " ")) else {
            return nil
        }
        let read = words[0]
        let near = ["UBND", "HĐND"].filter { $0.count == read.count && Fold.oneEditApart($0, read) }
        guard near.count == 1, let meant = near.first else { return nil }
        words[0] = meant
        return (words.joined(separator: " "), read, meant)
    }

    /// The one known position these letters are with a letter lost, one added, or one read
    /// as another, whatever the spacing ("CC TRƯỞNG", "HỦ TỊCH": a seal's ring takes
    /// letters; "CHẺ TỊCH", "GIÝM ĐỐC": a blurred serif face turns them); nil for a title
    /// that opens with a known position, or when none or several are near. A title that
    /// goes on past its position keeps the rest ("CHẺ TỊCH QUỐC HỘI"). A word's first letter
    /// read as another is mended only where the rest still tells the word (G for C, "PHÓ
    /// GHỦ TỊCH"; a long word, "SIÁMĐỐC"; a title's other words, "THÓ CHỦ TỊCH": see
    /// `SpelledPosition.isALetterFrom`). A title that is also a known position with its first
    /// letters lost is left to that doubt unless both are the same: "ỨTRƯỞNG" is a letter
    /// from VỤ TRƯỞNG, and was THỨ TRƯỞNG.
    static func position(aLetterFrom text: String) -> String? {
        guard position(spelledBy: text) == nil, !opensWithPosition(text) else { return nil }
        let startLost = position(missingTheStartOf: text)
        let words = text.split(separator: " ").map(String.init)
        for count in stride(from: words.count, through: 1, by: -1) {
            let letters = Array(Fold.key(words.prefix(count).joined()).filter(\.isLetter))
            guard letters.count >= 5 else { break }
            let near = positionLetters.filter { $0.isALetterFrom(letters) }
            if near.count > 1 { return nil }
            if let known = near.first?.position {
                guard startLost == nil || startLost == known else { return nil }
                return ([known] + words.dropFirst(count)).joined(separator: " ")
            }
        }
        return nil
    }

    /// The authority line with its position mended as ``position(aLetterFrom:)`` mends a
    /// title ("KT. GIÁẤM ĐỐC", "TM. THƯỜNG TRỤỰC": a stacked mark read as a second vowel);
    /// nil when the line has no prefix or its position is not a letter off.
    static func authority(aLetterFrom authority: String) -> String? {
        let rest = SignatureBlock.withoutPrefix(authority)
        guard rest != authority, authority.hasSuffix(rest), let known = position(aLetterFrom: rest) else { return nil }
        return String(authority.dropLast(rest.count)) + known
    }

    /// The known position whose letters these are but for its first one or two, which a
    /// seal or speck took ("HỦ TỊCH", "ỤC TRƯỞNG"); nil for a known position itself.
    static func position(missingTheStartOf text: String) -> String? {
        let letters = Fold.key(text).filter(\.isLetter)
        guard !letters.isEmpty, position(spelledBy: text) == nil else { return nil }
        return positionLetters.first { (1...2).contains($0.letters.count - letters.count) && $0.letters.hasSuffix(letters) }?.position
    }

    /// Whether the title opens with a known position, whole words ("GIÁM ĐỐC SỞ Y TẾ" does;
    /// "PHÓ GIẢN ĐỐC" does not): a title that does not is OCR's noise or a position the list
    /// lacks, either way one for a person to check.
    static func opensWithPosition(_ title: String) -> Bool {
        let key = Fold.key(title)
        return positions.contains { position in
            let known = Fold.key(position)
            return key == known || key.hasPrefix(known + " ")
        }
    }

    /// Whether a date line's place is a province, district or commune of the gazetteer as
    /// spelt, after the level a date line may give it ("Thành phố Hồ Chí Minh").
    static func isKnownPlace(_ place: String) -> Bool {
        [Substring(place), HeaderBlock.withoutPlaceLevel(place)].contains { name in
            let spellings = placeNames[Fold.key(String(name)).filter { $0 != " " }] ?? []
            return spellings.contains { known in
                let read = name.split(separator: " "), words = known.split(separator: " ")
                return read.count == words.count && zip(read, words).allSatisfy { sameSpelling(String($0), String($1)) }
            }
        }
    }

    /// The listed body (of ten letters or more) that `agency` opens with but for one letter
    /// lost, added or read as another ("SƠ THOÒNG TIN VÀ TRUYỀN THÔNG"); nil when it opens
    /// with a listed body as spelt, or with none near. Marks are left aside: the lexicon
    /// puts those back. Only named, never mended: a body's name is not a closed list.
    static func body(aLetterFrom agency: String) -> String? {
        let letters = Fold.key(agency).filter(\.isLetter)
        guard !bodyLetters.contains(where: { letters.hasPrefix($0.letters) }) else { return nil }
        let near = bodyLetters.filter { known in
            known.letters.count >= 10 && (-1...1).contains { extra in
                let count = known.letters.count + extra
                return count <= letters.count && Fold.oneEditApart(String(letters.prefix(count)), known.letters)
            }
        }
        return near.count == 1 ? near.first?.body : nil
    }

    /// Each listed body with its letters folded, spaces and marks left out.
    private static let bodyLetters = bodies.map { (body: $0, letters: Fold.key($0).filter(\.isLetter)) }

    /// The head a deputy signs for, KT. (Phụ lục I, ô 7a): CHỦ TỊCH for PHÓ CHỦ TỊCH,
    /// BỘ TRƯỞNG for THỨ TRƯỞNG; nil for a title that is no known deputy's.
    static func head(ofDeputy title: String) -> String? {
        deputies.first { Fold.key($0.deputy) == Fold.key(title) }?.head
    }

    /// The deputy who signs for `head` (THỨ TRƯỞNG for BỘ TRƯỞNG, PHÓ GIÁM ĐỐC for GIÁM
    /// ĐỐC); nil for a position with no known deputy.
    static func deputy(of head: String) -> String? {
        deputies.first { Fold.key($0.head) == Fold.key(head) }?.deputy
    }

    private static let deputies: [(deputy: String, head: String)] = [("THỨ TRƯỞNG", "BỘ TRƯỞNG")]
        + positions.filter { $0.hasPrefix("PHÓ ") }.map { ($0, String($0.dropFirst(4))) }

    /// The known position spelt with these letters whatever the spacing: OCR glues the
    /// short words of a bold position line together ("PHÓGIÁM ĐỐC", "THỨTRƯỞNG").
    static func position(spelledBy text: String) -> String? {
        let letters = Fold.key(text).filter(\.isLetter)
        return positionLetters.first { $0.letters == letters }?.position
    }

    /// Each known position with its letters folded, spaces and marks left out.
    private static let positionLetters = positions.map(SpelledPosition.init)

    /// A known position's folded letters, and where its words begin among them.
    private struct SpelledPosition {
        let position: String
        let letters: String
        /// Each word's first letter's place among the letters, and the word's length.
        let wordStarts: [Int: Int]

        init(_ position: String) {
            self.position = position
            let words = Fold.key(position).split(separator: " ").map { $0.filter(\.isLetter) }
            letters = words.joined()
            wordStarts = Dictionary(uniqueKeysWithValues: words.indices.map { (words[..<$0].map(\.count).reduce(0, +), words[$0].count) })
        }

        /// `read` is these letters with one lost or added, or with one read as another.
        /// A word's first letter read as another counts only in a word of four letters or
        /// more, of three in a position of eight letters or more ("THÓ CHỦ TỊCH"), or as G
        /// for C: a short word's first letter is most of its evidence.
        func isALetterFrom(_ read: [Character]) -> Bool {
            let own = Array(letters)
            if abs(own.count - read.count) == 1 { return Fold.oneEditApart(letters, String(read)) }
            guard own.count == read.count else { return false }
            let differing = own.indices.filter { own[$0] != read[$0] }
            guard differing.count == 1, let at = differing.first else { return false }
            guard let length = wordStarts[at] else { return true }
            return length >= 4 || (length == 3 && own.count >= 8) || Set([own[at], read[at]]) == ["C", "G"]
        }
    }

    /// The place of a date line with the marks the gazetteer gives it, when exactly one
    /// province, district or commune is spelt with its letters ("Nghia Hành" → "Nghĩa
    /// Hành"); otherwise as read. Letters are OCR's evidence and are never changed.
    static func restorePlace(_ place: String) -> String {
        let letters = Fold.key(place).filter { $0 != " " }
        let spellings = Set(placeNames[letters] ?? [])
        guard spellings.count == 1, let name = spellings.first else { return place }
        let read = place.split(separator: " ").map(String.init), known = name.split(separator: " ").map(String.init)
        guard read.count != known.count || !zip(read, known).allSatisfy({ sameSpelling($0, $1) }) else { return place }
        return name
    }

    /// Place names as date lines print them ("Quảng Ngãi", "Nghĩa Hành"), under their letters.
    private static let placeNames: [String: [String]] = {
        let provinces = places.map { province in
            province.split(separator: " ").map { word in word.prefix(1) + word.dropFirst().lowercased() }.joined(separator: " ")
        }
        // One tone placement, so that "An Hòa" and "An Hoà" are one name, not two.
        let units = gazetteerEntries.map { VietnameseText.normalizeTonePlacement($0.name) }
        return Dictionary(grouping: provinces + units) { Fold.key($0).filter { $0 != " " } }
    }()

    /// The gazetteer's lines as (level, name).
    private static let gazetteerEntries: [(level: String, name: String)] = gazetteer.split(separator: "\n").compactMap { line in
        let parts = line.split(separator: "|", maxSplits: 1)
        return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
    }

    private static let byFirstLetter: [Character: [Name]] = {
        // Districts and communes only after their level ("HUYỆN NGHĨA HÀNH"): alone, a
        // commune's name is too often an ordinary pair of words.
        let units = gazetteerEntries.map { "\($0.level) \($0.name.uppercased())" }
        let names = (bodies + positions + places.flatMap(placeForms) + units).map { spelled in
            Name(words: spelled.split(separator: " ").map(String.init),
                 joined: Fold.key(spelled).filter { $0 != " " })
        }
        return Dictionary(grouping: names) { $0.joined.first ?? " " }
    }()

    /// A province or city as headers name it: alone, and after its level.
    private static func placeForms(_ place: String) -> [String] {
        let cities: Set<String> = ["HÀ NỘI", "HỒ CHÍ MINH", "HẢI PHÒNG", "ĐÀ NẴNG", "CẦN THƠ", "HUẾ"]
        return [place, (cities.contains(place) ? "THÀNH PHỐ " : "TỈNH ") + place]
    }

    /// The provinces and centrally-run cities before the 2025 merger (their names are still
    /// on decades of paper), and Huế, a city since 2025.
    private static let places = [
        "AN GIANG", "BÀ RỊA - VŨNG TÀU", "BẮC GIANG", "BẮC KẠN", "BẠC LIÊU", "BẮC NINH", "BẾN TRE",
        "BÌNH ĐỊNH", "BÌNH DƯƠNG", "BÌNH PHƯỚC", "BÌNH THUẬN", "CÀ MAU", "CAO BẰNG", "ĐẮK LẮK",
        "ĐẮK NÔNG", "ĐIỆN BIÊN", "ĐỒNG NAI", "ĐỒNG THÁP", "GIA LAI", "HÀ GIANG", "HÀ NAM", "HÀ TĨNH",
        "HẢI DƯƠNG", "HẬU GIANG", "HÒA BÌNH", "HƯNG YÊN", "KHÁNH HÒA", "KIÊN GIANG", "KON TUM",
        "LAI CHÂU", "LÂM ĐỒNG", "LẠNG SƠN", "LÀO CAI", "LONG AN", "NAM ĐỊNH", "NGHỆ AN", "NINH BÌNH",
        "NINH THUẬN", "PHÚ THỌ", "PHÚ YÊN", "QUẢNG BÌNH", "QUẢNG NAM", "QUẢNG NGÃI", "QUẢNG NINH",
        "QUẢNG TRỊ", "SÓC TRĂNG", "SƠN LA", "TÂY NINH", "THÁI BÌNH", "THÁI NGUYÊN", "THANH HÓA",
        "THỪA THIÊN HUẾ", "TIỀN GIANG", "TRÀ VINH", "TUYÊN QUANG", "VĨNH LONG", "VĨNH PHÚC", "YÊN BÁI",
        "HÀ NỘI", "HỒ CHÍ MINH", "HẢI PHÒNG", "ĐÀ NẴNG", "CẦN THƠ", "HUẾ",
    ]

    /// Issuing bodies as their header lines print them.
    private static let bodies = [
        "ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "UBND", "HĐND", "VĂN PHÒNG", "THANH TRA",
        "CHÍNH PHỦ", "THỦ TƯỚNG CHÍNH PHỦ", "QUỐC HỘI", "ỦY BAN THƯỜNG VỤ QUỐC HỘI", "CHỦ TỊCH NƯỚC",
        "VĂN PHÒNG CHÍNH PHỦ", "TỈNH ỦY", "THÀNH ỦY", "HUYỆN ỦY", "BAN THƯỜNG VỤ", "BAN CHẤP HÀNH",
        "KHO BẠC NHÀ NƯỚC", "CỤC THUẾ", "CHI CỤC THUẾ", "CỤC HẢI QUAN", "CÔNG AN", "BẢO HIỂM XÃ HỘI",
        "NGÂN HÀNG NHÀ NƯỚC VIỆT NAM", "KIỂM TOÁN NHÀ NƯỚC", "TÒA ÁN NHÂN DÂN", "VIỆN KIỂM SÁT NHÂN DÂN",
        "MẶT TRẬN TỔ QUỐC VIỆT NAM", "BỘ CHỈ HUY QUÂN SỰ", "TRUNG TÂM", "BAN QUẢN LÝ DỰ ÁN", "BAN QUẢN LÝ",
        "TRƯỜNG ĐẠI HỌC", "TRƯỜNG CAO ĐẲNG", "HỌC VIỆN", "BỆNH VIỆN", "TỔNG CỤC", "CHI CỤC",
        "BỘ NỘI VỤ", "BỘ TÀI CHÍNH", "BỘ Y TẾ", "BỘ TƯ PHÁP", "BỘ XÂY DỰNG", "BỘ CÔNG THƯƠNG",
        "BỘ QUỐC PHÒNG", "BỘ CÔNG AN", "BỘ NGOẠI GIAO", "BỘ GIÁO DỤC VÀ ĐÀO TẠO",
        "BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "BỘ KẾ HOẠCH VÀ ĐẦU TƯ", "BỘ GIAO THÔNG VẬN TẢI",
        "BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
        "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
        "BỘ KHOA HỌC VÀ CÔNG NGHỆ", "BỘ THÔNG TIN VÀ TRUYỀN THÔNG", "BỘ DÂN TỘC VÀ TÔN GIÁO",
        "SỞ NỘI VỤ", "SỞ TÀI CHÍNH", "SỞ Y TẾ", "SỞ TƯ PHÁP", "SỞ XÂY DỰNG", "SỞ CÔNG THƯƠNG",
        "SỞ NGOẠI VỤ", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ",
        "SỞ GIAO THÔNG VẬN TẢI", "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
        "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "SỞ VĂN HÓA VÀ THỂ THAO", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "SỞ DÂN TỘC VÀ TÔN GIÁO",
    ]

    /// Positions of signers and the authority lines above them.
    private static let positions = [
        "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "TỔNG GIÁM ĐỐC", "PHÓ TỔNG GIÁM ĐỐC",
        "BỘ TRƯỞNG", "THỨ TRƯỞNG", "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG",
        "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG", "VỤ TRƯỞNG", "PHÓ VỤ TRƯỞNG",
        "TỔNG CỤC TRƯỞNG", "CHÁNH THANH TRA", "PHÓ CHÁNH THANH TRA", "TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG",
        "HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", "VIỆN TRƯỞNG", "PHÓ VIỆN TRƯỞNG", "BÍ THƯ", "PHÓ BÍ THƯ",
        "CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "TỔNG THƯ KÝ", "THƯ KÝ", "KẾ TOÁN TRƯỞNG", "TRƯỞNG ĐOÀN",
        "THƯỜNG TRỰC", "THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN",
    ]
}
