import Foundation
import OCRStage

extension Archive {
    /// Calls `body` with every stored document's input path and pages (text, source,
    /// confidence and word boxes), one document in memory at a time, in the order the
    /// documents were stored: what the classifier needs to read an archive again
    /// without OCR.
    public func forEachStoredDocument(_ body: (_ source: String, _ pages: [RecognizedPage]) throws -> Void) throws {
        let decoder = JSONDecoder()
        let pages = try database.prepare(
            "SELECT number, text, source, confidence, words FROM pages WHERE document_id = ? ORDER BY number")
        let documents = try database.prepare("""
            SELECT d.id, (SELECT source FROM inputs WHERE document_id = d.id AND status = 'ok' ORDER BY id LIMIT 1)
            FROM documents d ORDER BY d.rowid
            """).rows { ($0.text(0), $0.optionalText(1)) }
        for (id, source) in documents {
            let read = try pages.bind([.text(id)]).rows { row -> RecognizedPage in
                let words = (try? decoder.decode([RecognizedWord].self, from: Data(row.text(4).utf8))) ?? []
                return RecognizedPage(number: row.int(0), text: row.text(1),
                                      source: TextSource(rawValue: row.text(2)) ?? .ocr,
                                      confidence: row.optionalDouble(3), words: words)
            }
            try body(source ?? id, read)
        }
    }
}
