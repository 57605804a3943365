import Classifier
import DocumentModel
import Foundation

/// The learned type models `sohoa train` keeps in the archive, and what it trains on.
extension Archive {
    /// Stores `model` as the next version and returns that version; earlier ones are kept,
    /// so the model that voted on a document (`documents.model_version`) can still be read.
    /// - Parameter sources: what it was trained on, for people (`{"generated": 600, …}`).
    @discardableResult
    public func saveTypeModel(_ model: TypeModel, sources: [String: Int]) throws -> Int {
        let classes = Dictionary(uniqueKeysWithValues: zip(model.classes.map(\.rawValue), model.examples))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let blob = try encoder.encode(model)
        return try database.transaction {
            try database.prepare("""
                INSERT INTO type_models (trained_at, examples, classes, sources, model) VALUES (?, ?, ?, ?, ?) RETURNING version
                """).bind([
                    .text(Archive.now()), .int(model.examples.reduce(0, +)), .text(Archive.sortedJSON(classes)),
                    .text(Archive.sortedJSON(sources)), .blob(blob),
                ]).rows { $0.int("version") }[0]
        }
    }

    /// The newest model and its version; nil when none was ever trained. Throws when it
    /// cannot be read (damaged, or written by a newer sohoa).
    public func currentTypeModel() throws -> (version: Int, model: TypeModel)? {
        guard let (version, blob) = try database.prepare("SELECT version, model FROM type_models ORDER BY version DESC LIMIT 1")
            .rows({ ($0.int("version"), $0.blob("model")) }).first else { return nil }
        do {
            return (version, try JSONDecoder().decode(TypeModel.self, from: blob))
        } catch {
            throw ArchiveError.io("the archive's type model version \(version) cannot be read (\(error)); "
                                  + "train a new one with 'sohoa train', or set classifier.learned_model: false")
        }
    }

    /// Every stored document's id with the input path that stored it; the documents cut
    /// from one bound scan in the order of their pages.
    public func storedDocumentSources() throws -> [(id: DocumentID, source: String)] {
        try database.prepare("""
            SELECT d.id, i.source FROM inputs i JOIN documents d ON d.sha256 = i.sha_key
            WHERE i.status = \(InputStatus.ok.sql) ORDER BY i.id, d.rowid
            """).rows { ($0.documentID("id"), $0.text("source")) }
    }

    /// A stored document's pages as the classifier reads them: text, source, confidence,
    /// word boxes and what clean-up did, in page order; none when the document is above
    /// `clearance`.
    public func recognizedPages(of id: DocumentID, visibleTo clearance: Clearance) throws -> [RecognizedPage] {
        try recognizedPages(of: id, where: "TRUE", [], visibleTo: clearance)
    }

    /// One page of a stored document, word boxes included, without decoding the others'
    /// (the reading room asks for one page at a time); nil when there is no such page or
    /// the document is above `clearance`.
    public func recognizedPage(_ number: Int, of id: DocumentID, visibleTo clearance: Clearance) throws -> RecognizedPage? {
        try recognizedPages(of: id, where: "number = ?", [.int(number)], visibleTo: clearance).first
    }

    private func recognizedPages(of id: DocumentID, where condition: String, _ values: [Statement.Value],
                                 visibleTo clearance: Clearance) throws -> [RecognizedPage] {
        guard try isVisible(id, to: clearance) else { return [] }
        return try database.prepare("""
            SELECT number, text, source, confidence, words, width, height, cleanup FROM pages WHERE document_id = ? AND \(condition) ORDER BY number
            """)
            .bind([.text(id.rawValue)] + values).rows { row in
                let number = row.int("number")
                let stored = StoredRow.page(id, page: number)
                return RecognizedPage(number: number, text: row.text("text"), source: try row.code(TextSource.self, "source", of: stored),
                                      confidence: row.optionalDouble("confidence"),
                                      words: try row.json([RecognizedWord].self, "words", of: stored),
                                      width: row.int("width"), height: row.int("height"),
                                      cleanup: row.isNull("cleanup") ? nil : try row.json(PageCleanupReport.self, "cleanup", of: stored))
            }
    }

    /// The doc_type a person last set on each document (`sohoa correct`): the most recent
    /// correction of field `doc_type` per document.
    public func correctedTypes() throws -> [(id: DocumentID, type: DocumentType)] {
        // Rows are only ever appended, so the highest id is the latest correction.
        return try database.prepare("""
            SELECT c.document_id, c.corrected_value, c.id FROM corrections c
            WHERE c.field = 'doc_type' AND c.corrected_value IS NOT NULL AND c.id = (
                SELECT max(l.id) FROM corrections l WHERE l.document_id = c.document_id AND l.field = 'doc_type' AND l.corrected_value IS NOT NULL)
            ORDER BY c.document_id
            """).rows { row in
                (row.documentID("document_id"), try row.code(DocumentType.self, "corrected_value", of: .correction(row.int("id"))))
            }
    }

    private static func sortedJSON(_ object: [String: Int]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
