/// The authentication that closes a consolidated text (văn bản hợp nhất): the agency's name
/// beside "XÁC THỰC VĂN BẢN HỢP NHẤT", then "Số: …/VBHN-…", the place and date, and the
/// signature.
///
/// A consolidated text joins a document with the ones that amended it, under the first
/// one's type line and title; what makes it official is this block, which the agency signs
/// once the text is consolidated. Its first page may open with no header of its own, or
/// under incoming stamps that OCR reads as one, so the agency, number and date are the
/// block's.
struct ConsolidationBlock: Sendable {
    /// The agency's name in capitals, as read; nil when the block's line holds none.
    var agency: String?
    /// The block's lines, from the one that names it: the number and date are among them.
    var lines: ArraySlice<TextLine>

    /// The last page's block; nil for a document with none.
    static func find(in document: DocumentText) -> ConsolidationBlock? {
        for lines in document.pages.reversed() {
            for index in lines.indices.reversed() {
                let key = lines[index].key
                // In capitals: prose about consolidation ("việc xác thực văn bản hợp nhất") is no block.
                guard let phrase = key.firstMatch(of: /XAC\s*THUC\s*VAN\s*BAN\s*HOP\s*NHAT/),
                      Fold.isUppercase(lines[index].original(phrase.range), tolerance: 0) else { continue }
                let block = lines[index..<min(lines.count, index + blockLines)]
                return ConsolidationBlock(agency: agency(before: phrase.range.lowerBound, on: lines[index]), lines: block)
            }
        }
        return nil
    }

    /// Rows below the block's first that can hold its number and date.
    private static let blockLines = 5

    /// The capitals before the phrase on its row: the agency's column.
    private static func agency(before index: String.Index, on line: TextLine) -> String? {
        let name = Fold.trimJunk(line.original(line.key.startIndex..<index))
        guard name.filter(\.isLetter).count >= 4, Fold.isUppercase(name, tolerance: 0) else { return nil }
        return name
    }
}
