import DocumentModel
import Foundation

/// A stored document a person should check, with why.
public struct ReviewItem: Sendable, Codable, Equatable {
    public var id: DocumentID
    /// The input path that stored it.
    public var source: String
    public var docType: DocumentType
    public var number: String?
    public var issuedDate: String?
    public var ocrConfidence: Double?
    public var reasons: [String]
    /// The fields to check, and the lowest confidence among the document's fields.
    public var fields: [MetadataField]
    public var lowestFieldConfidence: Double?

    enum CodingKeys: String, CodingKey {
        case id, source, number, reasons, fields
        case lowestFieldConfidence = "lowest_field_confidence"
        case docType = "doc_type"
        case issuedDate = "issued_date"
        case ocrConfidence = "ocr_confidence"
    }
}

/// Narrows the review queue to one batch, one folder of it, or one field in doubt; nil
/// narrows nothing.
public struct ReviewFilter: Sendable, Equatable {
    /// The batch folder the document was stored from, as the ledger names it.
    public var batchRoot: String?
    /// A folder inside the batch: documents whose source path starts with it.
    public var folder: String?
    public var field: MetadataField?

    public init(batchRoot: String? = nil, folder: String? = nil, field: MetadataField? = nil) {
        self.batchRoot = batchRoot
        self.folder = folder
        self.field = field
    }

    /// The conditions on `documents d`, values bound.
    func sql(_ dialect: SQLDialect) -> (condition: String, values: [Statement.Value]) {
        var conditions: [String] = []
        var values: [Statement.Value] = []
        if batchRoot != nil || folder != nil {
            var input = "i.sha_key = d.sha256 AND i.status = \(InputStatus.ok.sql)"
            if let batchRoot {
                input += " AND i.batch_root = ?"
                values.append(.text(batchRoot))
            }
            if let folder {
                // substr, not LIKE: the folder is data, with no wildcard of its own.
                let prefix = folder.hasSuffix("/") ? folder : folder + "/"
                input += " AND substr(i.source, 1, ?) = ?"
                values += [.int(prefix.unicodeScalars.count), .text(prefix)]
            }
            conditions.append("EXISTS (SELECT 1 FROM inputs i WHERE \(input))")
        }
        if let field {
            conditions.append(dialect.jsonArrayContainsParameter("d.review_fields"))
            values.append(.text(field.rawValue))
        }
        return (conditions.isEmpty ? "TRUE" : conditions.joined(separator: " AND "), values)
    }
}

extension Archive {
    /// Documents flagged `needs_review`, most uncertain first: more fields in doubt, then
    /// more reasons, then the least sure field, then lower OCR confidence (text-layer
    /// documents, read without OCR, last among equals), then the oldest stored.
    /// Documents above `clearance` are not in the queue.
    public func reviewQueue(limit: Int, filter: ReviewFilter = ReviewFilter(), visibleTo clearance: Clearance) throws -> [ReviewItem] {
        let narrowing = filter.sql(database.dialect)
        return try database.prepare("""
            SELECT d.id, (SELECT source FROM inputs WHERE sha_key = d.sha256 AND status = \(InputStatus.ok.sql) LIMIT 1) AS source,
                   d.doc_type, d.number, d.issued_date, d.ocr_confidence, d.review_reasons, d.review_fields,
                   \(database.dialect.jsonObjectMinimum("d.field_confidence")) AS lowest
            FROM documents d WHERE d.needs_review = 1 \(clearance.visibilitySQL("d").map { "AND \($0)" } ?? "") AND \(narrowing.condition)
            ORDER BY \(database.dialect.jsonArrayLength("d.review_fields")) DESC, \(database.dialect.jsonArrayLength("d.review_reasons")) DESC,
                     coalesce(\(database.dialect.jsonObjectMinimum("d.field_confidence")), 1), coalesce(d.ocr_confidence, 101), d.rowid
            LIMIT ?
            """).bind(narrowing.values + [.int(limit)]).rows { row in
                let id = row.documentID("id")
                return ReviewItem(id: id, source: row.optionalText("source") ?? "",
                                  docType: try row.code(DocumentType.self, "doc_type", of: .document(id)),
                                  number: row.optionalText("number"), issuedDate: row.optionalText("issued_date"),
                                  ocrConfidence: row.optionalDouble("ocr_confidence"),
                                  reasons: try row.json([String].self, "review_reasons", of: .document(id)),
                                  fields: try row.json([MetadataField].self, "review_fields", of: .document(id)),
                                  lowestFieldConfidence: row.optionalDouble("lowest"))
            }
    }
}
