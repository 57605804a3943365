import DocumentModel
import Foundation

extension Archive {
    /// Calls `body` with every stored document's input path and pages (text, source,
    /// confidence and word boxes), one document in memory at a time, in the order they were
    /// stored: what the classifier needs to read an archive again without OCR.
    public func forEachStoredDocument(_ body: (_ source: String, _ pages: [RecognizedPage]) throws -> Void) throws {
        for (id, source) in try storedDocumentSources() {
            try body(source, try recognizedPages(of: id, visibleTo: .unrestricted))
        }
    }
}
