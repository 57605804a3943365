import Foundation

/// A stored document as `sohoa show` presents it.
public struct StoredDocument: Sendable, Codable {
    public struct Page: Sendable, Codable {
        public var number: Int
        public var source: String
        public var confidence: Double?
        /// Clean-up found no ink on it: a blank back side, not recognised.
        public var blank: Bool
        public var text: String
    }

    public var id: String
    public var sha256: String
    /// Path of the original, relative to the archive folder.
    public var originalPath: String
    public var byteCount: Int
    public var mediaType: String
    /// Every input path that held these bytes (the first stored it, the others are duplicates).
    public var sources: [String]
    public var ingestedAt: String
    /// The export contract's metadata keys and values (`doc_type`, `number`, …).
    public var metadata: [String: String]
    public var needsReview: Bool
    public var reviewReasons: [String]
    /// The metadata keys review should check.
    public var reviewFields: [String]
    /// How far each found field can be trusted, 0–1, by metadata key.
    public var fieldConfidence: [String: Double]
    public var textSource: String
    public var ocrConfidence: Double?
    /// The searchable PDF made from the scan, relative to the archive folder.
    public var searchablePDF: String?
    /// The audit trail of `sohoa correct`, oldest first; `metadata` holds the corrected values.
    public var corrections: [Correction]
    /// The version of the learned type model that voted on the type (`sohoa train`), if one did.
    public var modelVersion: Int?
    public var pages: [Page]

    enum CodingKeys: String, CodingKey {
        case id, sha256, sources, metadata, pages, corrections
        case originalPath = "original_path"
        case byteCount = "byte_count"
        case mediaType = "media_type"
        case ingestedAt = "ingested_at"
        case needsReview = "needs_review"
        case reviewReasons = "review_reasons"
        case reviewFields = "review_fields"
        case fieldConfidence = "field_confidence"
        case textSource = "text_source"
        case ocrConfidence = "ocr_confidence"
        case searchablePDF = "searchable_pdf"
        case modelVersion = "model_version"
    }
}

extension Archive {
    /// The metadata columns, in the export contract's order.
    static let metadataColumns = [
        "doc_type", "legal_form", "number", "issued_date", "place", "agency", "agency_parent", "subject",
        "signer", "signer_title", "signing_authority", "secrecy", "urgency",
    ]

    /// The document with this id, or nil.
    public func document(id: String) throws -> StoredDocument? {
        let columns = Archive.metadataColumns.joined(separator: ", ")
        let found = try database.prepare("""
            SELECT id, sha256, original_path, byte_count, media_type, ingested_at, needs_review, review_reasons,
                   text_source, ocr_confidence, derivative_path, \(columns),
                   copy_form AS copy, copy_number, copy_issued_date, review_fields, field_confidence, model_version
            FROM documents WHERE id = ?
            """).bind([.text(id)]).rows { row -> StoredDocument in
                var metadata: [String: String] = [:]
                for (offset, name) in (Archive.metadataColumns + ["copy", "copy_number", "copy_issued_date"]).enumerated() {
                    if let value = row.optionalText(Int32(11 + offset)) { metadata[name] = value }
                }
                let decoder = JSONDecoder()
                let reasons = (try? decoder.decode([String].self, from: Data(row.text(7).utf8))) ?? []
                let extra = Int32(11 + Archive.metadataColumns.count + 3)
                let fields = (try? decoder.decode([String].self, from: Data(row.text(extra).utf8))) ?? []
                let confidence = (try? decoder.decode([String: Double].self, from: Data(row.text(extra + 1).utf8))) ?? [:]
                return StoredDocument(
                    id: row.text(0), sha256: row.text(1), originalPath: row.text(2), byteCount: row.int(3),
                    mediaType: row.text(4), sources: [], ingestedAt: row.text(5), metadata: metadata,
                    needsReview: row.int(6) != 0, reviewReasons: reasons, reviewFields: fields,
                    fieldConfidence: confidence, textSource: row.text(8),
                    ocrConfidence: row.optionalDouble(9), searchablePDF: row.optionalText(10), corrections: [],
                    modelVersion: row.optionalInt(extra + 2), pages: [])
            }.first
        guard var document = found else { return nil }
        document.sources = try database.prepare(
            "SELECT source FROM inputs WHERE document_id = ? ORDER BY status = 'ok' DESC, id")
            .bind([.text(id)]).rows { $0.text(0) }
        document.corrections = try corrections(of: id)
        document.pages = try database.prepare(
            "SELECT number, source, confidence, blank, text FROM pages WHERE document_id = ? ORDER BY number")
            .bind([.text(id)]).rows {
                StoredDocument.Page(number: $0.int(0), source: $0.text(1), confidence: $0.optionalDouble(2),
                                    blank: $0.int(3) != 0, text: $0.text(4))
            }
        return document
    }
}
