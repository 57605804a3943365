import Foundation

/// A hồ sơ as a scanning station binds it into one PDF: several documents one after the
/// other, some with an appendix, some sheets scanned on both sides with a blank back, and
/// now and then a blank separator sheet. The truth is where each document starts.
public struct BoundHoSo: Sendable {
    /// One scanned side of paper.
    public enum Sheet: Sendable {
        /// Page `page` (0-based) of a document.
        case page(SyntheticDocument, Int)
        /// An appendix page of the document before it: "PHỤ LỤC", what it is attached to, a list.
        case appendix(SyntheticDocument, Int)
        /// A blank back side or separator.
        case blank
    }

    public let sheets: [Sheet]
    /// The documents bound, in order.
    public let documents: [SyntheticDocument]
    /// The 1-based page at which each document starts.
    public let starts: [Int]

    /// `count` documents of 1–3 pages from `factory`, bound with appendices (one document in
    /// five), blank back sides (one sheet in four) and separator sheets (one gap in six),
    /// drawn from `seed`.
    public static func make(documents count: Int, factory: inout DocumentFactory, seed: UInt64) -> BoundHoSo {
        var random = SplitMix64(seed: seed)
        var sheets: [Sheet] = []
        var starts: [Int] = []
        var documents: [SyntheticDocument] = []
        let types = DocumentFactory.requiredTypes + DocumentFactory.otherTypes
        for index in 0..<count {
            let document = factory.make(random.pick(types), pages: random.next(in: 1...3))
            documents.append(document)
            if index > 0, random.next(in: 1...6) == 1 { sheets.append(.blank) }
            starts.append(sheets.count + 1)
            for page in 0..<document.pageCount {
                sheets.append(.page(document, page))
                if random.next(in: 1...4) == 1 { sheets.append(.blank) }
            }
            if random.next(in: 1...5) == 1 {
                for page in 0..<random.next(in: 1...2) { sheets.append(.appendix(document, page)) }
            }
        }
        return BoundHoSo(sheets: sheets, documents: documents, starts: starts)
    }

    /// The bound scan: an image-only PDF of every sheet at `dpi`, drawn one at a time.
    public func writeScannedPDF(to url: URL, dpi: Int) throws {
        try DocumentRenderer.writeBoundScan(self, to: url, dpi: dpi)
    }
}
