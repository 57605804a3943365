import DocumentModel
import DocumentSynth
import Foundation
import OCRStage
import SohoaTesting
import XCTest

/// The OCR stage's clean-up on generated pages whose truth is known, with real Tesseract
/// and Leptonica.
final class PageCleanupTests: XCTestCase {
    private var factory = DocumentFactory(seed: 31)

    private func read(_ image: PageImage, cleanup: PageCleanup = PageCleanup()) throws -> RecognizedPage {
        try PageReader(language: "vie", cleanup: cleanup).read(image, pageNumber: 1)
    }

    func testAMissingOrientationModelStopsTheReaderAtItsStart() throws {
        // A tessdata folder with the recognition model but not osd.traineddata.
        let folder = try TemporaryFolder()
        let system = try PageReader(language: "vie").dataPath
        try FileManager.default.copyItem(atPath: URL(fileURLWithPath: system).appendingPathComponent("vie.traineddata").path,
                                         toPath: folder.url.appendingPathComponent("vie.traineddata").path)
        XCTAssertThrowsError(try PageReader(language: "vie", dataPath: folder.url.path)) { error in
            XCTAssertEqual(error as? OCRError, .modelNotInstalled("osd"))
        }
        var upright = PageCleanup()
        upright.orientation = false
        XCTAssertNoThrow(try PageReader(language: "vie", dataPath: folder.url.path, cleanup: upright))
    }

    func testUpsideDownPageIsTurnedUpright() throws {
        let page = try DocumentRenderer.pageImages(factory.make(.quyetDinh), dpi: 300)[0].rotated(quarterTurns: 2)
        let read = try read(page)
        XCTAssertEqual(read.cleanup?.quarterTurns, 2)
        XCTAssertTrue(read.text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), read.text)
        var without = PageCleanup()
        without.orientation = false
        XCTAssertFalse(try self.read(page, cleanup: without).text.contains("CỘNG HÒA"), "plain recognition reads it upside down")
    }

    func testSkewedPageIsLevelled() throws {
        let page = try DocumentRenderer.pageImages(factory.make(.congVan), dpi: 200)[0].rotated(degrees: 3)
        let read = try read(page)
        XCTAssertEqual(try XCTUnwrap(read.cleanup?.deskewDegrees), -3, accuracy: 0.3)
        XCTAssertTrue(read.text.contains("Độc lập - Tự do - Hạnh phúc"), read.text)
    }

    func testRedStampsFadeFromColourPages() throws {
        let document = factory.make(.congVan)
        let unstamped = try read(DocumentRenderer.pageImages(document, dpi: 300)[0]).text
        let stamped = try DocumentRenderer.stampedPageImages(document, dpi: 300)[0]
        var luminance = PageCleanup()
        luminance.dropRed = false
        let throughStamps = try read(stamped, cleanup: luminance).text
        let withoutStamps = try read(stamped).text
        XCTAssertFalse(withoutStamps.contains("ĐẾN"), "the receipt stamp is not read into the text")
        XCTAssertLessThan(EditDistance.scalars(withoutStamps, unstamped), unstamped.count / 100, "the red channel reads as if there were no stamps")
        XCTAssertGreaterThan(EditDistance.scalars(throughStamps, unstamped), 3 * max(1, EditDistance.scalars(withoutStamps, unstamped)),
                             "in luminance the stamps garble the text under them")
    }

    func testBlankBackSideIsRecordedNotRecognised() throws {
        let text = try DocumentRenderer.pageImages(factory.make(.baoCao), dpi: 300)[0]
        let (width, height) = (2480, 3508)
        let white = [UInt32](repeating: 0xFFFF_FFFF, count: width * height)
        var noise = SplitMix64(seed: 6)
        let blank = try PageImage.grey(argb32: white.span, width: width, height: height, wordsPerRow: width, resolution: 300)
            .addingNoise(sigma: 6, using: &noise)
        let readBlank = try read(blank)
        XCTAssertEqual(readBlank.cleanup?.blank, true)
        XCTAssertEqual(readBlank.text, "")
        XCTAssertEqual(try read(text).cleanup?.blank, false)
    }

    /// Character edits between what was read and the text drawn on the page.
    private func errors(_ read: RecognizedPage, _ document: SyntheticDocument) -> Int {
        let words = { (text: String) in text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        return EditDistance.scalars(words(read.text), words(DocumentRenderer.readingText(document, page: 0)))
    }

    func testShadedPageWithBleedThroughIsReadOnWhitePaper() throws {
        let document = factory.make(.congVan)
        let back = try DocumentRenderer.pageImages(factory.make(.baoCao), dpi: 300)[0]
        let page = try DocumentRenderer.pageImages(document, dpi: 300)[0]
            .withBleedThrough(of: back, strength: 0.33).shaded(lightest: 240, darkest: 130)
        var thresholded = PageCleanup(), asScanned = PageCleanup()
        (thresholded.binarize, asScanned.binarize) = (true, false)
        let cleaned = errors(try read(page, cleanup: thresholded), document), plain = errors(try read(page, cleanup: asScanned), document)
        XCTAssertLessThan(cleaned * 4, plain, "the local threshold leaves the shading and the ghost text white")
    }

    func testSpecksAreRemoved() throws {
        let document = factory.make(.thongBao)
        var random = SplitMix64(seed: 5)
        let page = try DocumentRenderer.pageImages(document, dpi: 300)[0].addingSpecks(count: 4000, using: &random)
        var despeckled = PageCleanup(), speckled = PageCleanup()
        (despeckled.despeckle, speckled.despeckle) = (true, false)
        let cleaned = errors(try read(page, cleanup: despeckled), document), plain = errors(try read(page, cleanup: speckled), document)
        XCTAssertLessThan(cleaned * 4, plain, "specks no longer read as marks and punctuation")
    }

    func testRecognisedTextGetsOneTonePlacement() throws {
        var document = factory.make(.thongBao)
        document.paragraphs = ["Công trình thuỷ lợi Hoà Bình đã hoàn thành và được nghiệm thu."]
        let page = try DocumentRenderer.pageImages(document, dpi: 300)[0]
        let repaired = try read(page).text
        XCTAssertTrue(repaired.contains("thủy lợi Hòa Bình"), repaired)
        XCTAssertFalse(repaired.contains("Hoà"), repaired)
        var asRead = PageCleanup()
        asRead.repairSyllables = false
        XCTAssertTrue(try read(page, cleanup: asRead).text.contains("thuỷ lợi Hoà Bình"), "Tesseract reads the old placement as printed")
    }
}
