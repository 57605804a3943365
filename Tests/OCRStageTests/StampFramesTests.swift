import DocumentModel
import DocumentSynth
import OCRStage
import XCTest

/// Boxed secrecy and urgency stamps on grey scans, found by their frames and read again
/// with the frames lifted, with real Leptonica and Tesseract on generated pages.
final class StampFramesTests: XCTestCase {
    /// Single-page documents of the wide variety with a secrecy or urgency stamp.
    private func stamped(count: Int) -> [SyntheticDocument] {
        var factory = DocumentFactory(seed: 91, variety: .wide(fonts: DocumentFactory.tuningFonts))
        var found: [SyntheticDocument] = []
        while found.count < count {
            let document = factory.make(DocumentFactory.requiredTypes[found.count % 17])
            if !document.stampWords.isEmpty, document.pageCount == 1 { found.append(document) }
        }
        return found
    }

    func testEachStampIsFoundByItsFrameAndItsWordsRead() throws {
        let reader = try PageReader(language: "vie")
        for document in stamped(count: 4) {
            let page = try DocumentRenderer.pageImages(document, dpi: 200)[0]
            let read = try reader.read(page, pageNumber: 1)
            XCTAssertEqual(read.cleanup?.stampFramesReread, document.stampWords.count, "\(document.stampWords)")
            for stamp in document.stampWords {
                XCTAssertTrue(read.text.contains(stamp), "\(stamp) in \(read.text.prefix(300))")
            }
        }
    }

    func testAPageWithoutAStampHasNoFrameToRead() throws {
        var factory = DocumentFactory(seed: 91, variety: .wide(fonts: DocumentFactory.tuningFonts))
        var document = factory.make(.congVan)
        document.metadata.secrecy = nil
        document.metadata.urgency = nil
        XCTAssertEqual(document.stampWords, [])
        let page = try DocumentRenderer.pageImages(document, dpi: 200)[0]
        XCTAssertEqual(try PageReader(language: "vie").read(page, pageNumber: 1).cleanup?.stampFramesReread, 0)
    }
}
