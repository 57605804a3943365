import DocumentModel

/// Finds the document's own date and place: "<Địa danh>, ngày 12 tháng 7 năm 2019" in the
/// header, or "<Địa danh>, 05/3/2020".
///
/// Dates in căn cứ lines belong to the cited documents and the body starts after the
/// header, so only the header is searched. The incoming stamp writes "Ngày: 21.3.18"
/// (with a colon) and the digital-signature box "06.11.2024 09:27:05" (with no anchor);
/// both are refused.
struct IssuedDateParser: Sendable {
    let today: IssuedDate

    struct Result: Sendable {
        var date: IssuedDate?
        var place: String?
        /// The date as printed ("ngày 19 tháng 01 năm 2018"), whose words vouch for it.
        var printed: String?
        /// Why no date was taken though one was printed (blank day, future date, …).
        var problem: String?
        /// The digits OCR read as other marks and that were taken for digits ("0Š" as 05,
        /// "2§" as 28, a month "TT" as 11), for the review reasons; nil when none were.
        var lookAlikes: String?
    }

    func find(in lines: ArraySlice<TextLine>) -> Result {
        var problem: String?
        // Căn cứ lines, the signature box and "kèm theo Công văn số … ngày …" cite other documents.
        let candidates = lines.filter {
            $0.key.firstMatch(of: Patterns.citedDate) == nil
        }
        for line in candidates {
            for found in dates(in: line) {
                guard let date = found.date else {
                    problem = problem ?? "issue date incomplete or unreadable"
                    continue
                }
                if date > today {
                    problem = "issue date \(date.iso) is after today; rejected"
                } else if date.year < 1945 {
                    problem = "issue date \(date.iso) is before 1945; rejected"
                } else {
                    return Result(date: date, place: place(before: found.start, in: line), printed: found.printed,
                                  lookAlikes: IssuedDateParser.lookAlikes(in: found.printed))
                }
            }
            // The document's own date line with its day written by hand or worn away: a
            // date further down is a cited one ("… ngày 2 tháng 4 năm 2026" in the body).
            if let opening = line.key.firstMatch(of: Patterns.wornDateLine) {
                return Result(date: nil, place: place(before: line.key.index(after: opening.range.lowerBound), in: line),
                              problem: problem ?? "issue date incomplete or unreadable")
            }
        }
        // OCR sometimes breaks the date line ("… tháng 02" / "năm 2025"); try pairs.
        if problem == nil {
            let pairs = zip(candidates, candidates.dropFirst())
            for (first, second) in pairs where !first.isBlank && !second.isBlank {
                let joined = TextLine(page: first.page, raw: first.text + " " + second.text)
                if let found = dates(in: joined).first, let date = found.date,
                   date <= today, date.year >= 1945,
                   found.start < joined.key.index(joined.key.startIndex, offsetBy: first.key.count) {
                    return Result(date: date, place: place(before: found.start, in: joined), printed: found.printed,
                                  lookAlikes: IssuedDateParser.lookAlikes(in: found.printed))
                }
            }
        }
        // A date OCR garbled ("ngày 06 tháng 1T năm 2025") still opens with its place.
        for line in candidates {
            if let comma = line.key.firstMatch(of: Patterns.placeBeforeDay) {
                // The match opens with the place's last letter.
                return Result(date: nil, place: place(before: line.key.index(after: comma.range.lowerBound), in: line),
                              problem: problem ?? "issue date incomplete or unreadable")
            }
        }
        return Result(date: nil, place: nil, problem: problem)
    }

    private struct Found {
        var date: IssuedDate?
        var start: String.Index
        var printed: String
    }

    private func dates(in line: TextLine) -> [Found] {
        var found: [Found] = []
        let spelled = Patterns.spelledDate
        for match in line.key.matches(of: spelled) {
            let (_, day, month, year) = match.output
            found.append(Found(date: date(day, month, year), start: match.range.lowerBound,
                               printed: line.original(match.range)))
        }
        // Numeric form only right after "<Place>,": after "ngày" it is prose or a citation.
        let numeric = Patterns.numericDate
        for match in line.key.matches(of: numeric) {
            let (_, day, month, year) = match.output
            let start = line.key[match.range].firstIndex(of: ",").map { line.key.index(after: $0) }
                ?? match.range.lowerBound
            found.append(Found(date: date(day, month, year), start: start,
                               printed: line.original(start..<match.range.upperBound)))
        }
        return found.sorted { $0.start < $1.start }
    }

    private func date(_ day: Substring, _ month: Substring, _ year: Substring) -> IssuedDate? {
        // T stands for 1 only among other marks for 1 ("TT", "TÌ", "T]"): beside a digit
        // ("1T", "21T") it may be any.
        for field in [day, month] where field.contains("T") {
            guard field.allSatisfy({ "TIL] ".contains($0) }) else { return nil }
        }
        guard let d = number(day), let m = number(month), let y = number(year), y >= 1000 else { return nil }
        return IssuedDate(year: y, month: m, day: d)
    }

    /// Digits with OCR look-alikes repaired (O→0, I/L/T/]→1, S→5, §→8) and split digits
    /// joined ("2 0 2 5"). T is a 1 only in a day or month of marks for 1 (the pattern
    /// allows it nowhere else): a bold "11" blurred reads "TT".
    private func number(_ text: Substring) -> Int? {
        let repaired = text.compactMap { c -> Character? in
            switch c {
            case " ": return nil
            case "O", "D": return "0"
            case "I", "L", "T", "]": return "1"
            case "S": return "5"
            case "§": return "8"
            default: return c
            }
        }
        guard !repaired.isEmpty, repaired.count <= 4 else { return nil }
        return Int(String(repaired))
    }

    /// The marks among a printed date's numbers that are taken for digits less surely than
    /// O for 0: Š or S for 5, § for 8, T for 1. Nil when there are none.
    static func lookAlikes(in printed: String) -> String? {
        let numbers = printed.split(separator: " ").filter { word in
            word.contains { $0.isNumber } || word.allSatisfy { "TSŠ§".contains($0) }
        }
        let odd = numbers.filter { $0.contains { "TSŠ§".contains($0) } }
        return odd.isEmpty ? nil : odd.joined(separator: ", ")
    }

    /// The place name right before the date: the trailing run of capitalised words
    /// ("Quảng Ngãi", "Thành phố Hồ Chí Minh"), which leaves out a number or stamp on the
    /// same line.
    private func place(before index: String.Index, in line: TextLine) -> String? {
        let prefix = line.original(line.key.startIndex..<index)
        var words = prefix.split(separator: " ").map(String.init)
        while let last = words.last, last.allSatisfy({ !$0.isLetter }) || last.lowercased() == "ngày" {
            words.removeLast()
        }
        if var last = words.popLast() {
            while let c = last.last, !c.isLetter { last.removeLast() }
            words.append(last)
        }
        var place: [String] = []
        for word in words.reversed() {
            if isCapitalised(word) {
                place.insert(word, at: 0)
            } else if let connector = IssuedDateParser.placeConnector(word), !place.isEmpty {
                place.insert(connector, at: 0)
            } else {
                break
            }
            if place.count > 6 { return nil }
        }
        while let first = place.first, !isCapitalised(first) { place.removeFirst() }
        return Fold.clean(place.joined(separator: " "))
    }

    private func isCapitalised(_ word: String) -> Bool {
        guard let first = word.first, first.isUppercase, first.isLetter else { return false }
        return word.dropFirst().allSatisfy { $0.isLowercase && $0.isLetter }
    }

    /// The lowercase word inside a place name ("Thành phố Hồ Chí Minh", "Thị xã …") that
    /// `word` spells, whatever its marks: OCR slips "phố" to "phó" as often as any tone, and
    /// the level's letters allow no other word there.
    static func placeConnector(_ word: String) -> String? {
        guard word.allSatisfy({ $0.isLowercase && $0.isLetter }) else { return nil }
        return placeConnectors[Fold.key(word)]
    }

    private static let placeConnectors = ["PHO": "phố", "XA": "xã", "TRAN": "trấn"]
}
