import Classifier
import DocumentModel
import DocumentSynth
import Foundation
import XCTest
@testable import ArchiveStore

/// An archive holding generated Nghị định 30 documents: the background the behaviour under
/// test must stand out from. A test body wrapped in ``onEveryBackend(_:)`` runs on SQLite,
/// then on PostgreSQL with the same background.
class GeneratedArchiveTestCase: ArchiveBackendTestCase {
    var archive: Archive!
    private var nextSHA = 0

    /// The background's seed, how many documents, and the most pages one has.
    var background: (seed: UInt64, documents: Int, maxPages: Int) { (42, 40, 3) }

    override func prepareBackend() throws {
        try super.prepareBackend()
        nextSHA = 0
        archive = try openArchive(in: folder)
        var factory = DocumentFactory(seed: background.seed)
        let documents = (0..<background.documents).map { index in
            factory.make(DocumentFactory.requiredTypes[index % DocumentFactory.requiredTypes.count],
                         pages: 1 + index % background.maxPages)
        }
        try archive.store(contentsOf: documents.map { newDocument($0.metadata, pages: $0.pageTexts) })
    }

    override func tearDownWithError() throws {
        archive = nil
        try super.tearDownWithError()
    }

    /// Each folded term of the index and the rows that hold it ("term rows"), as the index
    /// itself counts them: FTS5's vocabulary, or the server's `ts_stat`.
    func indexVocabulary() throws -> [String] {
        let sql = archive.database.dialect == .sqlite ? "SELECT term, doc FROM page_text_terms WHERE col = 'folded' ORDER BY term"
            : "SELECT word AS term, ndoc AS doc FROM ts_stat('SELECT folded FROM page_text') ORDER BY word COLLATE \"C\""
        return try archive.database.prepare(sql).rows { "\($0.text("term")) \($0.int("doc"))" }
    }

    /// `term_pages`, in the same form and order.
    func countedTerms() throws -> [String] {
        let order = archive.database.dialect == .sqlite ? "term" : "term COLLATE \"C\""
        return try archive.database.prepare("SELECT term, pages FROM term_pages ORDER BY \(order)").rows { "\($0.text("term")) \($0.int("pages"))" }
    }

    /// The index rows whose folded column holds `term`.
    func indexRows(holding term: String) throws -> [Int] {
        let sql = archive.database.dialect == .sqlite ? "SELECT rowid FROM page_text WHERE page_text MATCH ? ORDER BY rowid"
            : "SELECT rowid FROM page_text WHERE folded @@ CAST(? AS tsquery) ORDER BY rowid"
        let value = archive.database.dialect == .sqlite ? "folded : \(term)" : "'\(term)'"
        return try archive.database.prepare(sql).bind([.text(value)]).rows { $0.int("rowid") }
    }

    /// A text-layer document with a fresh checksum, from batch `/batch`.
    func newDocument(_ metadata: DocumentMetadata, pages: [String], source: String? = nil) -> NewDocument {
        nextSHA += 1
        let sha = SHA256(rawValue: String(format: "%016x", nextSHA) + String(repeating: "0", count: 48))!
        return NewDocument(
            batchRoot: "/batch", source: source ?? "doc\(nextSHA).pdf", sha256: sha, originalPath: "originals/\(sha).pdf",
            byteCount: 1, mediaType: "application/pdf",
            pages: pages.enumerated().map { RecognizedPage(number: $0.offset + 1, text: $0.element, source: .textLayer) },
            metadata: metadata)
    }
}
