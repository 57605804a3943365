
/// Số và ký hiệu as printed after "Số:", split into the parts the type rules need.
struct DocumentNumber: Sendable, Equatable {
    /// The sequence digits; nil when they were left blank or are unreadable (often handwritten).
    var sequence: String?
    /// Everything after the first "/": `TTr-UBND`, `2026/NĐ-CP`, `2025/QH15`.
    var symbol: String

    /// The number as the export contract wants it, or nil without sequence digits: a symbol
    /// alone would collide with every other document of that type.
    var printed: String? { sequence.map { "\($0)/\(symbol)" } }

    /// The year segment that marks a legal normative document (`15/2021/QĐ-UBND`).
    var year: Int? {
        let segments = symbol.split(separator: "/")
        guard segments.count >= 2, segments[0].count == 4, let year = Int(segments[0]),
              (1945...2100).contains(year) else { return nil }
        return year
    }

    /// The symbol without the year: `NĐ-CP`, `QH15`, `TTr-UBND`.
    var notation: String {
        year == nil ? symbol : symbol.split(separator: "/").dropFirst().joined(separator: "/")
    }

    /// The dash-separated groups of the notation: `["TTr", "UBND"]`. The first is the type
    /// abbreviation, except for a công văn, where it names the issuer.
    var groups: [String] {
        notation.split(separator: "-").map(String.init)
    }
}

/// Finds the document's own number: the first "Số:" in the header whose value has a symbol.
///
/// Only the header is searched, because "số 24/2013/NQ-HĐND" in căn cứ lines and the trích
/// yếu cite other documents; the incoming "ĐẾN" stamp's "Số: 2352" has no symbol and is
/// skipped.
enum NumberParser {
    struct Match: Sendable {
        var number: DocumentNumber
        var lineIndex: Int
        /// What ``settled(_:typeLine:)`` changed of the number as read, for the review reasons.
        var changes: [String] = []
        /// The digits were written into the form's blank by hand (``handFilled(_:on:)``),
        /// so they were not read: the number keeps only its printed symbol.
        var handFilled = false
    }

    /// The number, held to its grammar by what `typeLine` says (``settled(_:typeLine:)``).
    static func find(in lines: ArraySlice<TextLine>, typeLine: TypeLine?) -> Match? {
        guard var match = find(in: lines) else { return nil }
        let settled = settled(match.number, typeLine: typeLine)
        match.number = settled.number
        match.changes += settled.changes
        return match
    }

    static func find(in lines: ArraySlice<TextLine>) -> Match? {
        for index in lines.indices {
            let line = lines[index]
            // "Số:", OCR'd as "Sô:", "S6:", "Số :", "SỐ;" — or "Số" without a colon opening the line.
            for match in line.key.matches(of: Patterns.numberLabel) {
                var rest = line.original(from: match.range.upperBound)
                // Tesseract reads a printed 8 as "§" in some faces; only digits stand before
                // the symbol's "/", so there it is an 8, and the change is named.
                var changes: [String] = []
                if let slash = rest.firstIndex(of: "/"), rest[..<slash].contains("§") {
                    let read = String(rest[..<slash]).trimmingCharacters(in: .whitespaces)
                    rest = rest[..<slash].replacingOccurrences(of: "§", with: "8") + rest[slash...]
                    changes.append("“\(read)” of the number read with 8 for §")
                }
                if var number = parse(rest) {
                    let handFilled = handFilled(number, on: line)
                    if handFilled { number.sequence = nil }
                    return Match(number: number, lineIndex: index, changes: changes, handFilled: handFilled)
                }
            }
        }
        return nil
    }

    /// Parses the text right after "Số:"; nil when it holds no symbol (a stamp's plain count,
    /// a template's dotted blank).
    static func parse(_ rest: String) -> DocumentNumber? {
        let chars = Array(rest)
        var i = 0
        var digits = ""
        var unreadable = false
        // Sequence: digits, maybe with stray dots, blanks or spaces ("3070. /KH", "24 /TTr").
        while i < chars.count, chars[i] != "/" {
            let c = chars[i]
            if c.isASCII, c.isNumber {
                digits.append(c)
            } else if !(c.isWhitespace || ".…·,_:".contains(c)) {
                unreadable = true
            }
            i += 1
            if i > 16 { return nil }
        }
        guard i < chars.count else { return nil }
        i += 1
        // Symbol: runs of non-space joined across spaces next to "/" or "-" ("/TTr -UBND").
        var symbol = ""
        while i < chars.count {
            while i < chars.count, !chars[i].isWhitespace {
                symbol.append(chars[i])
                i += 1
            }
            var j = i
            while j < chars.count, chars[j].isWhitespace { j += 1 }
            let joins = j < chars.count && (chars[j] == "-" || chars[j] == "/")
            guard joins || symbol.last == "-" || symbol.last == "/", j < chars.count else { break }
            i = j
        }
        symbol = String(symbol.drop { "/-".contains($0) })
        while let last = symbol.last, ".,;:)".contains(last) { symbol.removeLast() }
        // A garbled sequence leaks digit segments into the symbol ("2/9./CT-CS"): drop
        // every leading segment that is neither a year nor a notation.
        var segments = symbol.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        while let first = segments.first, segments.count > 1,
              !first.contains(where: \.isLetter), !(first.count == 4 && Int(first) != nil) {
            segments.removeFirst()
            unreadable = true
        }
        symbol = segments.joined(separator: "/")
        guard symbol.contains(where: \.isLetter),
              symbol.allSatisfy({ $0.isLetter || $0.isNumber || "-/&.()".contains($0) })
        else { return nil }
        let sequence = unreadable || digits.isEmpty ? nil : digits
        return DocumentNumber(sequence: sequence, symbol: undoubled(symbol))
    }

    /// Whether the sequence digits were written by hand into the blank a printed form left
    /// before its symbol ("Số:      /CT-UBND"), as offices number paper on the day it is
    /// signed. Handwritten digits are never guessed: Tesseract reads them as confidently
    /// wrong print (corpus-real: 11 as 44, 299 as 899, 155 as 465).
    ///
    /// A typed number is one word, "12/CT-UBND". Filled in by hand, the digits are a word
    /// apart from the printed "/CT-UBND" and stand taller than its capitals: 1.3 to 1.4
    /// times on every such scan of corpus-real, where a printed digit is as tall as a
    /// capital. Only an OCR line has the word boxes to tell.
    static func handFilled(_ number: DocumentNumber, on line: TextLine) -> Bool {
        guard let lead = number.symbol.first else { return false }
        let words = line.words
        guard let symbolIndex = words.firstIndex(where: { $0.text.hasPrefix("/\(lead)") }), symbolIndex > 0 else { return false }
        let symbolHeight = Double(words[symbolIndex].bottom - words[symbolIndex].top)
        guard symbolHeight > 0 else { return false }
        // The words written into the blank: those with digits just before the symbol
        // (a hand's digits often come apart, "45" "7").
        return words[max(0, symbolIndex - 3)..<symbolIndex].contains { word in
            word.text.contains(where: \.isNumber) && Double(word.bottom - word.top) >= handwritingHeightRatio * symbolHeight
        }
    }

    /// How much taller than the printed symbol's capitals digits must stand to be taken for
    /// handwriting. Printed digits are as tall as capitals (ratio near 1; an accent over
    /// "Số:" glued on gives about 1.2); handwritten ones measured 1.32 to 1.36.
    static let handwritingHeightRatio = 1.25

    /// The number made to agree with Nghị định 30's grammar, `n/[year/]TYPE-ISSUER[-UNIT]`,
    /// where the page itself says what it must be; each change is described for the
    /// review reasons, since it alters what was read.
    /// - The type line decides between TTr and TT, which OCR confuses: a tờ trình is TTr,
    ///   a thông tư TT.
    /// - A word OCR glued on from the next column ("…/TB-UBND-Biên", the start of "Biên
    ///   Hòa, ngày…") is cut off: notation groups are abbreviations, never a capitalised
    ///   word.
    /// - An issuer's digits ("UBTVQH15", the fifteenth National Assembly's standing
    ///   committee) read with I or l for 1 ("UBTVQHI5") get their 1 back: a letter before a
    ///   digit at a group's end is a digit.
    static func settled(_ number: DocumentNumber, typeLine: TypeLine?) -> (number: DocumentNumber, changes: [String]) {
        var groups = number.groups
        var changes: [String] = []
        for (index, group) in groups.enumerated().dropFirst() {
            guard let digits = group.lastIndex(where: { !$0.isNumber }).map({ group.index(after: $0) }),
                  digits < group.endIndex, "Il".contains(group[group.index(before: digits)]),
                  group.index(before: digits) > group.startIndex else { continue }
            let mended = String(group[..<group.index(before: digits)]) + "1" + group[digits...]
            changes.append("number's part \(group) read as \(mended): I or l before its digits is a 1")
            groups[index] = mended
        }
        if let first = groups.first {
            let wanted: String? = switch typeLine?.docType {
            case .toTrinh? where first == "TT": "TTr"
            case .vanBanQPPL? where typeLine?.legalForm == .thongTu && first.uppercased() == "TTR": "TT"
            default: nil
            }
            if let wanted {
                changes.append("number's type \(first) read as \(wanted), as the type line says")
                groups[0] = wanted
            }
        }
        while groups.count > 2, let last = groups.last, isCapitalisedWord(last) {
            changes.append("number's last part \(last) cut off: a word of the next column, not an abbreviation")
            groups.removeLast()
        }
        guard !changes.isEmpty else { return (number, []) }
        let notation = groups.joined(separator: "-")
        var settled = number
        settled.symbol = number.year.map { "\($0)/\(notation)" } ?? notation
        return (settled, changes)
    }

    /// The number with its issuer made to agree with the issuing agency's name, when OCR
    /// read it a letter off ("STTTI" under SỞ THÔNG TIN VÀ TRUYỀN THÔNG, whose initials are
    /// STTTT; "VTLUTNN" under CỤC VĂN THƯ VÀ LƯU TRỮ NHÀ NƯỚC): Nghị định 30's issuer is
    /// the agency's initials (``linkingWords`` left out), whole or without its head words, or UBND and
    /// HĐND. Groups of fewer than 4 letters are left alone. Nil when a group already agrees,
    /// or none or several are a letter off.
    static func agreeing(_ number: DocumentNumber, with agencies: [String]) -> (number: DocumentNumber, change: String)? {
        let candidates = agencies.flatMap(issuerForms) + ["UBND", "HĐND"]
        let keyed = Dictionary(candidates.map { (Fold.key($0), $0) }, uniquingKeysWith: { first, _ in first })
        var groups = number.groups
        // The first group names the type when others follow ("TTr-STTTT"); the issuer alone
        // stands first only in a công văn's number.
        let issuers = groups.indices.dropFirst(groups.count > 1 ? 1 : 0).filter { groups[$0].count >= 4 }
        guard !issuers.contains(where: { keyed[Fold.key(groups[$0])] != nil }) else { return nil }
        let near = issuers.flatMap { index in
            keyed.filter { Fold.oneEditApart($0.key, Fold.key(groups[index])) }.map { (index, $0.value) }
        }
        guard near.count == 1, let (index, issuer) = near.first else { return nil }
        let read = groups[index]
        groups[index] = issuer
        var agreeing = number
        let notation = groups.joined(separator: "-")
        agreeing.symbol = number.year.map { "\($0)/\(notation)" } ?? notation
        return (agreeing, "number's issuer \(read) read as \(issuer), the agency's initials")
    }

    /// Words an issuer's initials leave out: "BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP" is BQLKCN.
    private static let linkingWords: Set<String> = ["VA", "CAC", "CUA", "VE", "CHO", "VOI"]

    /// An agency's initials and those of its name without its head words, 4 letters or more:
    /// shorter ones are a letter from too many other groups.
    private static func issuerForms(_ agency: String) -> [String] {
        let words = agency.split(separator: " ").filter { !linkingWords.contains(Fold.key(String($0))) }
        let initials = words.compactMap { $0.first.map { String($0).uppercased() } }
        guard initials.count >= 4 else { return [] }
        return (0...(initials.count - 4)).map { initials[$0...].joined() }
    }

    /// "Biên", "Đồng", "Quảng": an upper-case letter, then two or more lower-case ones.
    private static func isCapitalisedWord(_ group: String) -> Bool {
        guard let first = group.first, first.isUppercase, group.count >= 3 else { return false }
        return group.dropFirst().allSatisfy { $0.isLetter && $0.isLowercase }
    }

    /// The symbol with a type abbreviation OCR printed a letter of twice ("QĐĐ", "CĐĐ")
    /// put back, when the doubled form is no abbreviation and the single one is.
    static func undoubled(_ symbol: String) -> String {
        let number = DocumentNumber(sequence: nil, symbol: symbol)
        var groups = number.groups
        guard let first = groups.first, !isAbbreviation(first) else { return symbol }
        let letters = Array(first)
        for index in letters.indices.dropFirst() where letters[index] == letters[index - 1] {
            var single = letters
            single.remove(at: index)
            guard isAbbreviation(String(single)) else { continue }
            groups[0] = String(single)
            let notation = groups.joined(separator: "-")
            return number.year.map { "\($0)/\(notation)" } ?? notation
        }
        return symbol
    }

    private static func isAbbreviation(_ group: String) -> Bool {
        TypeRules.type(forAbbreviation: group) != nil || TypeRules.legalForm(forNotation: [group], typeLine: nil) != nil
    }
}
