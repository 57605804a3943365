import Classifier
import DocumentModel
import DocumentSynth
import Foundation
import XCTest
@testable import ArchiveStore

/// An archive in a temporary folder holding generated Nghị định 30 documents: the
/// background the behaviour under test must stand out from.
class GeneratedArchiveTestCase: XCTestCase {
    var folder: URL!
    var archive: Archive!
    private var nextSHA = 0

    /// The background's seed, how many documents, and the most pages one has.
    var background: (seed: UInt64, documents: Int, maxPages: Int) { (42, 40, 3) }

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sohoa-\(type(of: self))-\(UUID().uuidString)")
        archive = try Archive(directory: folder)
        var factory = DocumentFactory(seed: background.seed)
        let documents = (0..<background.documents).map { index in
            factory.make(DocumentFactory.requiredTypes[index % DocumentFactory.requiredTypes.count],
                         pages: 1 + index % background.maxPages)
        }
        try archive.store(contentsOf: documents.map { newDocument($0.metadata, pages: $0.pageTexts) })
    }

    override func tearDownWithError() throws {
        archive = nil
        try? FileManager.default.removeItem(at: folder)
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
