import ArchiveStore
import DocumentModel
import DocumentSynth
import Foundation
import SohoaTesting
import XCTest
@testable import Ingest
@testable import Pipeline

/// Whole batches through real Poppler, Leptonica, Tesseract and SQLite: on generated
/// documents, and on real ones where the point is how real documents are read.
final class EndToEndTests: XCTestCase {
    /// Ingests a batch of each input kind — a two-page text-layer PDF at
    /// `digital/thong_bao.pdf`, a one-page scanned PDF at `scans/to_trinh.pdf`, two
    /// scans and a PNG named `misnamed.pdf` — checks what every such batch must give, and
    /// returns its export.
    private func ingestEachKind(_ batch: BatchFixture) throws -> [String: [String: Any]] {
        let report = try batch.ingest()
        XCTAssertEqual(report.stored, 5, "\(report.failures)")
        XCTAssertTrue(report.failures.isEmpty)
        XCTAssertEqual(report.textLayerPages, 2)
        XCTAssertEqual(report.ocrPages, 4)
        let export = try batch.export()
        let digital = try XCTUnwrap(export["digital/thong_bao.pdf"])
        XCTAssertEqual(digital["text_source"] as? String, "text_layer")
        XCTAssertEqual(digital["pages"] as? Int, 2)
        XCTAssertTrue(digital["ocr_confidence"] is NSNull)
        let scan = try XCTUnwrap(export["scans/to_trinh.pdf"])
        XCTAssertEqual(scan["text_source"] as? String, "ocr")
        XCTAssertGreaterThan(try XCTUnwrap(scan["ocr_confidence"] as? Double), 50)
        XCTAssertEqual(export["misnamed.pdf"]?["status"] as? String, "ok")
        return export
    }

    /// The original of an exported document is kept byte-exact, named by its SHA-256.
    private func assertOriginalKept(_ row: [String: Any], in batch: BatchFixture, equalTo original: URL) throws {
        let id = DocumentID(try XCTUnwrap(row["id"] as? String))
        let stored = try XCTUnwrap(try batch.openArchive().document(id: id, visibleTo: .unrestricted))
        let kept = batch.archive.url.appendingPathComponent(stored.originalPath)
        XCTAssertEqual(try Data(contentsOf: kept), try Data(contentsOf: original))
        XCTAssertEqual(try Fingerprint.sha256(of: kept).rawValue, row["sha256"] as? String)
    }

    /// One batch holding each input kind: a text-layer PDF, a scanned PDF, a PNG, a JPEG
    /// and a PNG named like a PDF.
    func testEachInputKindIsStoredWithTextFromTheRightSource() throws {
        let batch = try BatchFixture()
        var factory = DocumentFactory(seed: 53)
        let notice = factory.make(.thongBao, pages: 2)
        let submission = factory.make(.toTrinh), directive = factory.make(.chiThi), resolution = factory.make(.nghiQuyet)
        let original = try batch.addTextPDF("digital/thong_bao.pdf", notice)
        try batch.addScannedPDF("scans/to_trinh.pdf", submission, dpi: 300)
        try batch.addPNG("scans/chi_thi.png", directive, dpi: 300)
        try batch.addJPEG("scans/nghi_quyet.jpg", resolution, dpi: 300)
        // A PNG with a PDF's name is still read as what its bytes are.
        try batch.addPNG("misnamed.pdf", factory.make(.keHoach), dpi: 150)

        let export = try ingestEachKind(batch)
        let digital = try XCTUnwrap(export["digital/thong_bao.pdf"])
        XCTAssertEqual(digital["number"] as? String, notice.metadata.number)
        for (source, document) in [("scans/to_trinh.pdf", submission), ("scans/chi_thi.png", directive), ("scans/nghi_quyet.jpg", resolution)] {
            let row = try XCTUnwrap(export[source])
            let number = try XCTUnwrap(document.metadata.number)
            XCTAssertTrue(try XCTUnwrap(row["text"] as? String).contains(number), "\(source) is read through OCR: \(number)")
            XCTAssertEqual(row["doc_type"] as? String, document.metadata.docType.rawValue, source)
        }
        XCTAssertEqual(export["misnamed.pdf"]?["text_source"] as? String, "ocr")

        try assertOriginalKept(digital, in: batch, equalTo: original)
    }

    /// Real documents of each kind: a born-digital PDF whose number is drawn in a signature
    /// widget, outside its text layer, and scans with real paper, ink and seals.
    func testRealDocumentsOfEachKindAreStoredWithTextFromTheRightSource() throws {
        let batch = try BatchFixture()
        try batch.add("digital/thong_bao.pdf", copying: try CorpusReal.file("real_003.pdf"))
        try batch.add("scans/to_trinh.pdf", copying: try CorpusReal.file("real_020.pdf"))
        try batch.add("scans/chi_thi.png", copying: try CorpusReal.file("real_033.png"))
        try batch.add("scans/nghi_dinh.jpg", copying: try CorpusReal.file("real_035.jpg"))
        // A PNG with a PDF's name is still read as what its bytes are.
        try batch.add("misnamed.pdf", copying: try CorpusReal.file("real_034.png"))

        let export = try ingestEachKind(batch)
        let digital = try XCTUnwrap(export["digital/thong_bao.pdf"])
        // Its number is stamped in a signature widget, drawn on the page but not in the text layer.
        XCTAssertEqual(digital["number"] as? String, "542/TB-UBND")
        let scan = try XCTUnwrap(export["scans/to_trinh.pdf"])
        XCTAssertTrue(try XCTUnwrap(scan["text"] as? String).contains("TỜ TRÌNH"))
        let png = try XCTUnwrap(export["scans/chi_thi.png"])
        XCTAssertTrue(try XCTUnwrap(png["text"] as? String).contains("CHỈ THỊ"))
        let jpeg = try XCTUnwrap(export["scans/nghi_dinh.jpg"])
        XCTAssertTrue(try XCTUnwrap(jpeg["text"] as? String).contains("NGHỊ ĐỊNH"))

        try assertOriginalKept(digital, in: batch, equalTo: try CorpusReal.file("real_003.pdf"))
    }

    func testSearchFindsOCRTextWithAndWithoutDiacritics() throws {
        let batch = try BatchFixture()
        var factory = DocumentFactory(seed: 59)
        var directive = factory.make(.chiThi)
        directive.paragraphs = ["Tăng cường công tác phòng, chống thiên tai và tìm kiếm cứu nạn trên địa bàn tỉnh Quảng Ngãi."]
        try batch.addPNG("chi_thi.png", directive, dpi: 300)
        try batch.ingest()
        let archive = try batch.openArchive()
        for query in ["thiên tai", "thien tai", "THIÊN TAI", "Quảng Ngãi", "quang ngai"] {
            let hits = try archive.search(SearchQuery(text: query, visibleTo: .unrestricted)).hits
            XCTAssertEqual(hits.first?.source, "chi_thi.png", "query \(query)")
            XCTAssertEqual(hits.first?.page, 1)
        }
        XCTAssertTrue(try archive.search(SearchQuery(text: "hợp đồng lao động xuất khẩu", visibleTo: .unrestricted)).hits.isEmpty)
    }

    func testDuplicatesAreRecordedNotStoredTwiceAndARerunStoresNothing() throws {
        let batch = try BatchFixture()
        var factory = DocumentFactory(seed: 71)
        let png = try batch.addPNG("a/ke_hoach.png", factory.make(.keHoach), dpi: 100)
        try batch.add("b/ke_hoach copy.png", copying: png)
        try batch.add("c/again.png", copying: png)

        let first = try batch.ingest()
        XCTAssertEqual(first.stored, 1)
        XCTAssertEqual(first.duplicates, 2)
        let export = try batch.export()
        let id = try XCTUnwrap(export["a/ke_hoach.png"]?["id"] as? String)
        XCTAssertEqual(export["b/ke_hoach copy.png"]?["status"] as? String, "duplicate")
        XCTAssertEqual(export["b/ke_hoach copy.png"]?["duplicate_of"] as? String, id)
        XCTAssertEqual(export["c/again.png"]?["duplicate_of"] as? String, id)
        let originals = try FileManager.default.subpathsOfDirectory(atPath: batch.archive.url.appendingPathComponent("originals").path)
            .filter { $0.hasSuffix(".png") }
        XCTAssertEqual(originals.count, 1)

        // Run the same folder again: everything is already accounted for.
        let second = try batch.ingest()
        XCTAssertEqual(second.stored, 0)
        XCTAssertEqual(second.duplicates, 0)
        XCTAssertEqual(second.alreadyIngested, 3)
        XCTAssertEqual(try batch.export().count, 3, "a re-run adds no export lines")
    }

    func testAFailureIsRetriedOnTheNextRun() throws {
        let batch = try BatchFixture()
        try batch.add("locked.pdf", data: HostileFiles.encryptedPDF())
        XCTAssertEqual(try batch.ingest().failures.count, 1)
        let second = try batch.ingest()
        XCTAssertEqual(second.failures.count, 1, "a failed input is tried again, not skipped")
        XCTAssertEqual(try batch.export().count, 1, "and still has one export line")
    }
}
