import DocumentModel
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

    public var id: DocumentID
    public var sha256: SHA256
    /// Path of the original, relative to the archive folder.
    public var originalPath: String
    public var byteCount: Int
    public var mediaType: String
    /// Every input path that held these bytes (the first stored it, the others are duplicates).
    public var sources: [String]
    public var ingestedAt: String
    /// The document's metadata as the export writes it (codes, ISO dates, NFC text), the
    /// copy block's fields included; a field with no value has no entry.
    public var metadata: [MetadataField: String]
    public var needsReview: Bool
    public var reviewReasons: [String]
    /// The fields review should check.
    public var reviewFields: [MetadataField]
    /// How far each found field can be trusted, 0–1.
    public var fieldConfidence: [MetadataField: Double]
    public var textSource: String
    public var ocrConfidence: Double?
    /// The searchable PDF made from the scan, relative to the archive folder.
    public var searchablePDF: String?
    /// The audit trail of `sohoa correct`, oldest first; `metadata` holds the corrected values.
    public var corrections: [Correction]
    /// The version of the learned type model that voted on the type (`sohoa train`), if one did.
    public var modelVersion: Int?
    /// Its phông, hộp and hồ sơ, and its ordinal there; nil when its folders named none.
    public var place: DocumentPlace?
    /// The pages of its input it was cut from, when a bound scan held several documents;
    /// its own pages are numbered from 1. Nil when it is the whole file.
    public var sourcePages: SourcePages?
    public var pages: [Page]

    enum CodingKeys: String, CodingKey {
        case id, sha256, sources, metadata, pages, corrections, place
        case sourcePages = "source_pages"
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

extension StoredDocument {
    /// The page of the stored original (and of its searchable PDF) that is the document's
    /// page `number`.
    public func originalPage(_ number: Int) -> Int {
        sourcePages?.sourcePage(number) ?? number
    }
}

extension Archive {
    /// The document with this id, or nil when there is none or it is above `clearance`.
    public func document(id: DocumentID, visibleTo clearance: Clearance) throws -> StoredDocument? {
        let columns = MetadataField.documentFields.map(\.rawValue).joined(separator: ", ")
        let found = try database.prepare("""
            SELECT id, sha256, original_path, byte_count, media_type, ingested_at, needs_review, review_reasons,
                   text_source, ocr_confidence, derivative_path, \(columns),
                   copy_form AS copy, copy_number, copy_issued_date, review_fields, field_confidence, model_version, source_pages
            FROM documents d WHERE id = ? \(clearance.visibilitySQL("d").map { "AND \($0)" } ?? "")
            """).bind([.text(id.rawValue)]).rows { row -> StoredDocument in
                let stored = StoredRow.document(id)
                var metadata: [MetadataField: String] = [:]
                for field in MetadataField.allCases {
                    if let value = row.optionalText(field.rawValue) { metadata[field] = value }
                }
                return StoredDocument(
                    id: row.documentID("id"), sha256: try row.sha256("sha256", of: stored), originalPath: row.text("original_path"),
                    byteCount: row.int("byte_count"), mediaType: row.text("media_type"), sources: [],
                    ingestedAt: row.text("ingested_at"), metadata: metadata, needsReview: row.bool("needs_review"),
                    reviewReasons: try row.json([String].self, "review_reasons", of: stored),
                    reviewFields: try row.json([MetadataField].self, "review_fields", of: stored),
                    fieldConfidence: try row.json([MetadataField: Double].self, "field_confidence", of: stored),
                    textSource: row.text("text_source"), ocrConfidence: row.optionalDouble("ocr_confidence"),
                    searchablePDF: row.optionalText("derivative_path"), corrections: [],
                    modelVersion: row.optionalInt("model_version"), place: nil,
                    sourcePages: row.optionalText("source_pages").flatMap { SourcePages($0) }, pages: [])
            }.first
        guard var document = found else { return nil }
        // Every input with its bytes: the one that stored it (and the others cut from the
        // same bound scan), then its duplicates.
        document.sources = try database.prepare("""
            SELECT source FROM inputs WHERE sha_key = ? AND status IN \(InputStatus.sql(.ok, .duplicate))
            ORDER BY status = \(InputStatus.ok.sql) DESC, id
            """).bind([.text(document.sha256.rawValue)]).rows { $0.text("source") }
        document.corrections = try corrections(of: id, visibleTo: clearance)
        document.place = try place(of: id)
        document.pages = try database.prepare(
            "SELECT number, source, confidence, blank, text FROM pages WHERE document_id = ? ORDER BY number")
            .bind([.text(id.rawValue)]).rows {
                StoredDocument.Page(number: $0.int("number"), source: $0.text("source"), confidence: $0.optionalDouble("confidence"),
                                    blank: $0.bool("blank"), text: $0.text("text"))
            }
        return document
    }
}
