import Foundation

/// A stored document a person should check, with why.
public struct ReviewItem: Sendable, Codable, Equatable {
    public var id: String
    /// The input path that stored it.
    public var source: String
    public var docType: String
    public var number: String?
    public var issuedDate: String?
    public var ocrConfidence: Double?
    public var reasons: [String]

    enum CodingKeys: String, CodingKey {
        case id, source, number, reasons
        case docType = "doc_type"
        case issuedDate = "issued_date"
        case ocrConfidence = "ocr_confidence"
    }
}

extension Archive {
    /// Documents flagged `needs_review`, most uncertain first: more reasons first, then
    /// lower OCR confidence (text-layer documents, read without OCR, last among equals),
    /// then the oldest stored.
    public func reviewQueue(limit: Int) throws -> [ReviewItem] {
        let decoder = JSONDecoder()
        return try database.prepare("""
            SELECT d.id, (SELECT source FROM inputs WHERE document_id = d.id AND status = 'ok' LIMIT 1),
                   d.doc_type, d.number, d.issued_date, d.ocr_confidence, d.review_reasons
            FROM documents d WHERE d.needs_review = 1
            ORDER BY json_array_length(d.review_reasons) DESC, coalesce(d.ocr_confidence, 101), d.rowid
            LIMIT ?
            """).bind([.int(limit)]).rows { row in
                ReviewItem(id: row.text(0), source: row.optionalText(1) ?? "", docType: row.text(2),
                           number: row.optionalText(3), issuedDate: row.optionalText(4), ocrConfidence: row.optionalDouble(5),
                           reasons: (try? decoder.decode([String].self, from: Data(row.text(6).utf8))) ?? [])
            }
    }
}
