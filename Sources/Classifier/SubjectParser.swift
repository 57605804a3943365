
/// Trích yếu (ô 5a/5b): the line(s) under the type name, or for a công văn the text after
/// "V/v" under the number.
enum SubjectParser {
    /// The first "V/v" line of the header, OCR variants included ("V/V", "V/y", "Vlv").
    static func vvLine(in lines: ArraySlice<TextLine>) -> Int? {
        lines.firstIndex { vvRange(in: Fold.key($0.firstColumn)) != nil }
    }

    /// A công văn trích yếu printed without "V/v" but opening with "Về …", in the first
    /// lines under the number.
    static func aboutLine(after numberLine: Int, in lines: ArraySlice<TextLine>) -> Int? {
        lines[(numberLine + 1)...].lazy.filter { !$0.isBlank }.prefix(2)
            .first { Fold.key($0.firstColumn).hasPrefix("VE ") }
            .flatMap { line in lines[(numberLine + 1)...].firstIndex { $0.text == line.text } }
    }

    /// The trích yếu that follows a type line.
    static func afterTypeLine(_ typeLine: Int, in lines: [TextLine]) -> String? {
        var collected: [String] = []
        var index = typeLine + 1
        var capitals: Bool?
        while index < lines.count, collected.count < maxLines {
            let line = lines[index]
            index += 1
            if collected.isEmpty, isDebris(line.text), index - typeLine <= 4 { continue }
            if line.isBlank || isSeparator(line.text) {
                if collected.isEmpty, index - typeLine <= 3 { continue }
                break
            }
            // "Thực hiện …" opens many a body, but right under the type name it is the
            // trích yếu of a hướng dẫn or kế hoạch ("Thực hiện Chương trình …").
            let opensSubject = collected.isEmpty && line.key.firstMatch(of: Patterns.carryingOut) != nil
            var text = afterBoxEdge(line.text)
            // Judged after the box edge: an incoming stamp beside the trích yếu puts its
            // own "Số:" in front of the continuation line.
            let key = text == line.text ? line.key : Fold.key(text)
            if stops(key), !opensSubject, !continuesCitation(key, after: collected.last) { break }
            if collected.isEmpty, let start = line.key.firstMatch(of: Patterns.subjectLabel) {
                // A stamp merged in front of the first line ("… Q.NGÃI Về việc …").
                text = line.original(from: start.range.lowerBound)
            }
            // Capitals switch at the end of the trích yếu: a caps subject is followed by body
            // text; a normal one by a caps line such as "CHỦ TỊCH ỦY BAN NHÂN DÂN …".
            let caps = Fold.isUppercase(text)
            if let capitals, caps != capitals, text.split(separator: " ").count >= 2 { break }
            capitals = capitals ?? caps
            collected.append(text)
        }
        return clean(collected)
    }

    /// The trích yếu of a công văn: the "V/v" (or "Về …") line and its wrapped continuation.
    static func underNumber(_ first: Int, in lines: [TextLine]) -> String? {
        var collected = [lines[first].firstColumn]
        var index = first + 1
        while index < lines.count, collected.count < maxLines {
            let line = lines[index]
            index += 1
            let text = line.firstColumn
            if line.isBlank || isSeparator(text) || stops(Fold.key(text)) { break }
            if text.contains(where: \.isLetter), Fold.isUppercase(text) { break }
            collected.append(text)
        }
        return clean(collected)
    }

    private static let maxLines = 6

    private static func vvRange(in key: String) -> Range<String.Index>? {
        key.firstMatch(of: Patterns.subjectAbbreviation)?.range
    }

    /// Lines that open the body rather than continue the trích yếu, and the fields of an
    /// incoming stamp ("Ngày:", "Chuyển:") that OCR runs into it.
    private static func stops(_ key: String) -> Bool {
        key.firstMatch(of: Patterns.bodyStart) != nil
            || key.firstMatch(of: Patterns.stampField) != nil
            || key.hasSuffix(":")
    }

    /// "… bãi bỏ Nghị quyết số 39/2011/NQ-HĐND" / "ngày 12/12/2011, …": a line that opens
    /// with "ngày" right after a cited number gives that document's date, inside the
    /// trích yếu, not a date line below it.
    private static func continuesCitation(_ key: String, after previous: String?) -> Bool {
        guard let previous, key.hasPrefix("NGAY") else { return false }
        return Fold.key(previous).firstMatch(of: Patterns.citedNumberAtEnd) != nil
    }

    /// OCR of a seal or stamp: mostly one- and two-letter fragments and symbols.
    private static func isDebris(_ text: String) -> Bool {
        let tokens = text.split(separator: " ")
        guard tokens.count >= 3 else { return false }
        let fragments = tokens.filter { $0.filter(\.isLetter).count <= 2 }.count
        return Double(fragments) > Double(tokens.count) * 0.7
    }

    /// The text after a box edge ("Ngự O1.2024.| Quy định …"): OCR reads the border of a
    /// stamp beside the trích yếu as "|".
    private static func afterBoxEdge(_ text: String) -> String {
        guard let bar = text.lastIndex(of: "|") else { return text }
        let rest = text[text.index(after: bar)...]
        return rest.count > text.count / 2 ? String(rest) : text
    }

    private static func isSeparator(_ text: String) -> Bool {
        !text.contains { $0.isLetter || $0.isNumber }
    }

    private static func clean(_ parts: [String]) -> String? {
        // A cited number wrapped at its hyphen ("24/2013/NQ-" over "HĐND") is one word again.
        var subject = Fold.collapse(parts.joined(separator: " "))
            .replacing(/(\d+\/[\w\/-]*-) (\p{Lu})/) { "\($0.output.1)\($0.output.2)" }
        // Drop a leading "V/v" and stray marks; keep opening brackets and quotes.
        let key = Fold.key(subject + " ")
        if let range = vvRange(in: key) {
            subject = String(subject.dropFirst(key.distance(from: key.startIndex, to: range.upperBound)))
        }
        subject = String(subject.drop { !($0.isLetter || $0.isNumber || "“\"(".contains($0)) })
        while let last = subject.last, " ,;:-–—_".contains(last) { subject.removeLast() }
        return Fold.clean(formulaRestored(subject))
    }

    /// A quarter ("quý III") whose numeral OCR read as letters no numeral is spelt with
    /// ("quý IH"): the subject is named, since which quarter was meant cannot be told. Nil
    /// when every quarter reads I to IV or 1 to 4.
    static func unreadQuarter(in subject: String) -> String? {
        guard !Fold.isUppercase(subject, tolerance: 0) else { return nil }
        let words = subject.split(separator: " ").map { String($0) }
        for (word, next) in zip(words, words.dropFirst()) where word.lowercased() == "quý" {
            let numeral = next.trimmingCharacters(in: .punctuationCharacters)
            guard numeral.first?.isUppercase == true || numeral.first?.isNumber == true else { continue }
            if !["I", "II", "III", "IV", "1", "2", "3", "4"].contains(numeral) { return "\(word) \(numeral)" }
        }
        return nil
    }

    /// "Về việc" read with its first word's vowel another one ("và việc", "Vô việc"): a
    /// trích yếu opens with the formula or with its own words, never with "và" before
    /// "việc". Unlike ``formulaRestored(_:)``, this changes a letter, so the caller names it:
    /// the word read, and the subject with the formula put back.
    static func formulaMended(_ subject: String) -> (read: String, mended: String)? {
        let words = subject.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard words.count == 3, Fold.key(String(words[1])) == "VIEC" else { return nil }
        let first = Fold.key(String(words[0]))
        guard first.count == 2, first.first == "V", let vowel = first.last, "AIOUY".contains(vowel),
              !Fold.isUppercase(subject, tolerance: 0) else { return nil }
        return (String(words[0]), "Về việc " + words[2])
    }

    /// The trích yếu's opening formula as printed, "Về việc", when OCR read its letters with
    /// other marks, in capitals or glued ("VỀ việc", "Vêviệc", "Về viêc"): only marks, case
    /// and the space change. A subject set wholly in capitals keeps them.
    private static func formulaRestored(_ subject: String) -> String {
        let words = subject.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        for count in [1, 2] where words.count >= count {
            let opening = words.prefix(count)
            guard Fold.key(opening.joined()) == "VEVIEC" else { continue }
            if opening.joined(separator: " ") == "Về việc" || Fold.isUppercase(subject, tolerance: 0) { return subject }
            return (["Về việc"] + words.dropFirst(count)).joined(separator: " ")
        }
        return subject
    }
}
