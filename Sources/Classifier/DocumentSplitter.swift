import DocumentModel

/// Where the documents of a bound scan begin. A scanning station makes one PDF per hồ sơ
/// or per box, dozens of pages holding many documents; each is found by what Nghị định 30
/// puts on a document's first and last pages.
///
/// A page opens a document when its top carries the first page's marks: the quốc hiệu and
/// tiêu ngữ, "Số:", the place-and-date line, a type name or "V/v". It continues one when
/// it shows a page number of 2 or more ("2", "- 2 -", "Trang 2") or opens an appendix
/// ("PHỤ LỤC"). A previous page that ends a document ("Nơi nhận:", a signing authority)
/// makes a new start likelier. A blank page never opens a document: it is the back side of
/// the page before, or a separator sheet, and stays with the document before it.
///
/// Each boundary carries a confidence. One the evidence disputes (a first page's marks on
/// a page numbered 3, a start after a page that ends nothing) is below
/// ``sureConfidence``, and the parts it opens say why, for review.
public struct DocumentSplitter: Sendable {
    /// One document of the scan: its pages (the scan's own 1-based numbers, both ends
    /// included), how sure the boundary that opens it is, and what put it in doubt.
    public struct Part: Sendable, Equatable {
        public var pages: ClosedRange<Int>
        /// 1 for the scan's first part.
        public var confidence: Double
        public var doubts: [String]
    }

    /// At or above this, a boundary needs no review.
    public static let sureConfidence = 0.8

    public init() {}

    /// The documents of `pages` (in order), each a run of consecutive pages.
    public func split(_ pages: [RecognizedPage]) -> [Part] {
        guard let first = pages.first else { return [] }
        let evidence = pages.map(PageEvidence.init)
        var parts = [Part(pages: first.number...first.number, confidence: 1, doubts: [])]
        var lastText: PageEvidence?
        for (page, seen) in zip(pages, evidence) {
            defer { if !seen.blank { lastText = seen } }
            guard page.number != first.number else { continue }
            let decision = lastText.map { seen.blank ? .continues(nil) : Self.decide(seen, after: $0, numbered: page.number) }
            switch decision ?? .continues(nil) {
            case .starts(let confidence, let doubts):
                parts.append(Part(pages: page.number...page.number, confidence: confidence, doubts: doubts))
            case .continues(let doubt):
                parts[parts.count - 1].pages = parts[parts.count - 1].pages.lowerBound...page.number
                if let doubt { parts[parts.count - 1].doubts.append(doubt) }
            }
        }
        return parts
    }

    /// What a page does: start a document (how surely, and what is in doubt), or continue
    /// the one before it (with a doubt when it might have been a document of its own).
    private enum Decision {
        case starts(confidence: Double, doubts: [String])
        case continues(String?)
    }

    private static func decide(_ page: PageEvidence, after previous: PageEvidence, numbered number: Int) -> Decision {
        // Without the quốc hiệu, only the full set of a first page's other marks will do:
        // a body page can hold a date, a "số" or a capitalised type name on its own.
        guard page.motto || (page.numberLabel && page.dateLine && page.title) else { return .continues(nil) }
        // A form (placeholders for the agency or the year) or a draft attached to a tờ
        // trình belongs to the document it is attached to: it was never issued.
        guard !page.template, !page.draft else { return .continues(nil) }
        if page.unissued {
            return .continues("page \(number) has the national motto but no number and no day: kept as an attachment of the document before it")
        }
        var score = 0
        if page.motto { score += 3 }
        if page.numberLabel { score += 1 }
        if page.dateLine { score += 1 }
        if page.title { score += 1 }
        var doubts: [String] = []
        var confidence = min(1, 0.55 + 0.1 * Double(score))
        if let shown = page.pageNumber, shown >= 2 {
            // A first page's marks on a page that says it is page 3: both cannot be right.
            guard page.motto, score >= 5 else { return .continues(nil) }
            confidence -= 0.4
            doubts.append("page \(number) is numbered \(shown) but opens like a document")
        }
        if page.appendix {
            guard score >= 5 else { return .continues(nil) }
            confidence -= 0.3
            doubts.append("page \(number) is headed as an appendix but opens like a document")
        }
        if previous.ending {
            confidence += 0.15
        } else {
            confidence -= 0.25
            doubts.append("the page before page \(number) ends no document (no recipients, no signing authority)")
        }
        if !page.motto {
            doubts.append("page \(number) starts a document without the national motto")
            confidence = min(confidence, 0.7)
        }
        return .starts(confidence: max(0.05, min(1, confidence)), doubts: doubts)
    }
}

/// What one page says of where it stands in a document.
private struct PageEvidence {
    var blank = false
    /// In the page's top: the quốc hiệu or tiêu ngữ, "Số:", the place-date line, a type name.
    var motto = false
    var numberLabel = false
    var dateLine = false
    var title = false
    /// A page number printed alone at the top or the foot.
    var pageNumber: Int?
    var appendix = false
    /// "Nơi nhận:" or a signing authority (TM., KT., TL.…): the end of a document.
    var ending = false
    /// A form: "Mẫu số", "TÊN CƠ QUAN", or dots where the year will go.
    var template = false
    /// "DỰ THẢO": a draft, filed with the tờ trình that submits it.
    var draft = false
    /// Neither a number nor a day and month: a draft without its mark, or a paper whose
    /// number and date were both to be written by hand.
    var unissued = false

    /// Lines from the top searched for a first page's marks: a header with stamps, contact
    /// lines and a two-column layout reads in about 15 lines.
    static let topLines = 16
    /// Lines holding the number and the place-date line: a body page's dates lie lower.
    static let headerLines = 10

    init(_ page: RecognizedPage) {
        if page.cleanup?.blank == true {
            blank = true
            return
        }
        // The recognised text's lines, not rows rebuilt from word boxes: a long scan's boxes
        // are not all in memory when its documents are found, and the marks read the same.
        var text = page
        text.words = []
        let lines = DocumentText([text]).pages.first?.filter { !$0.isBlank } ?? []
        if lines.reduce(0, { $0 + $1.key.filter(\.isLetter).count }) < 20 {
            blank = true
            return
        }
        let top = lines.prefix(Self.topLines)
        motto = top.contains { $0.key.firstMatch(of: Self.motto) != nil }
        numberLabel = top.contains { $0.key.firstMatch(of: Patterns.numberLabel) != nil }
        let header = lines.prefix(Self.headerLines)
        dateLine = header.contains { line in
            line.key.firstMatch(of: Patterns.placeBeforeDay) != nil || line.key.firstMatch(of: Patterns.numericDate) != nil
                || line.key.firstMatch(of: Patterns.spelledDate) != nil
        }
        title = TypeRules.typeLine(in: top) != nil || top.contains { $0.key.firstMatch(of: Patterns.subjectAbbreviation) != nil }
        template = top.contains { $0.key.firstMatch(of: Self.placeholder) != nil }
        let blankNumber = top.contains { $0.key.firstMatch(of: Self.blankNumber) != nil }
        let blankDay = header.contains { line in
            guard let date = line.key.firstMatch(of: Patterns.spelledDate) else { return false }
            return !date.1.contains(where: \.isNumber) && !date.2.contains(where: \.isNumber)
        }
        unissued = blankNumber && blankDay
        draft = top.contains { $0.key.firstMatch(of: Self.draftMark) != nil }
        appendix = lines.prefix(6).contains { $0.key.firstMatch(of: Self.appendixHeading) != nil }
        pageNumber = (Array(lines.prefix(2)) + Array(lines.suffix(1))).lazy.compactMap { Self.pageNumber(in: $0.key) }.first
        ending = lines.contains { line in
            line.key.firstMatch(of: Self.recipients) != nil || line.key.firstMatch(of: Patterns.authorityPrefix) != nil
        }
    }

    /// "2", "- 2 -", "Trang 2": a line that is only a page number.
    private static func pageNumber(in key: String) -> Int? {
        guard let match = key.wholeMatch(of: /\W{0,3}(?:TRANG\s*)?([0-9]{1,3})\W{0,3}/), let number = Int(match.1) else { return nil }
        return number
    }

    nonisolated(unsafe) private static let appendixHeading = /^\W*PHU\s*LUC\b/
    /// The quốc hiệu or tiêu ngữ as whole phrases: "xã hội chủ trì" or "độc lập" in a
    /// body sentence is neither.
    nonisolated(unsafe) private static let motto =
        /C[O0Q]NG\s*H[O0Q]A\s*X[A4]\s*H|X[A4]\s*H[O0Q]I\s*CH[U]\s*NGH|CH[U]\s*NGH[I1]A\s*V[I1]|T[U]\s*D[O0Q]\s*[-—–]\s*H[A4]NH/
    /// A form's placeholders. Dots for the day, or a blank number, are how issued papers
    /// leave room for handwriting; only a form leaves the year or the agency's name open.
    nonisolated(unsafe) private static let placeholder = /^\W*M[A4]U\s*S[O0]\b|^\W*TEN\s*C[O0]\s*QUAN\b|N[A4]M\s*(\.{2,}|…)/
    nonisolated(unsafe) private static let draftMark = /^\W*D[U]\s*TH[A4]O\b/
    /// "Số: /2025/NQ-HĐND": the label, then the slash with no digit before it.
    nonisolated(unsafe) private static let blankNumber = /(?:^|[^A-Z0-9])S[O06Q]\s*[:;]\s*\//
    nonisolated(unsafe) private static let recipients = /^\W*N[O0]I\s*NH[A4]N\b/
}
