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
    /// The metadata keys to check, and the lowest confidence among the document's fields.
    public var fields: [String]
    public var lowestFieldConfidence: Double?

    enum CodingKeys: String, CodingKey {
        case id, source, number, reasons, fields
        case lowestFieldConfidence = "lowest_field_confidence"
        case docType = "doc_type"
        case issuedDate = "issued_date"
        case ocrConfidence = "ocr_confidence"
    }
}

extension Archive {
    /// Documents flagged `needs_review`, most uncertain first: more fields in doubt, then
    /// more reasons, then the least sure field, then lower OCR confidence (text-layer
    /// documents, read without OCR, last among equals), then the oldest stored.
    public func reviewQueue(limit: Int) throws -> [ReviewItem] {
        let decoder = JSONDecoder()
        return try database.prepare("""
            SELECT d.id, (SELECT source FROM inputs WHERE document_id = d.id AND status = 'ok' LIMIT 1),
                   d.doc_type, d.number, d.issued_date, d.ocr_confidence, d.review_reasons, d.review_fields,
                   (SELECT min(value) FROM json_each(d.field_confidence)) AS lowest
            FROM documents d WHERE d.needs_review = 1
            ORDER BY json_array_length(d.review_fields) DESC, json_array_length(d.review_reasons) DESC,
                     coalesce(lowest, 1), coalesce(d.ocr_confidence, 101), d.rowid
            LIMIT ?
            """).bind([.int(limit)]).rows { row in
                ReviewItem(id: row.text(0), source: row.optionalText(1) ?? "", docType: row.text(2),
                           number: row.optionalText(3), issuedDate: row.optionalText(4), ocrConfidence: row.optionalDouble(5),
                           reasons: (try? decoder.decode([String].self, from: Data(row.text(6).utf8))) ?? [],
                           fields: (try? decoder.decode([String].self, from: Data(row.text(7).utf8))) ?? [],
                           lowestFieldConfidence: row.optionalDouble(8))
            }
    }
}
