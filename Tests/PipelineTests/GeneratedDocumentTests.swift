import ArchiveStore
import Classifier
import DocumentModel
import DocumentSynth
import Foundation
import OCRStage
import SohoaTesting
import XCTest
@testable import Ingest
@testable import Pipeline

/// Generated Nghị định 30 documents, whose truth is known exactly, through the whole pipeline.
final class GeneratedDocumentTests: XCTestCase {
    /// Every required class, rendered as a clean 300 dpi page image, OCR'd and classified.
    func testEveryRequiredClassIsRecognisedOnCleanPages() throws {
        let batch = try BatchFixture()
        var factory = DocumentFactory(seed: 7)
        var expected: [String: SyntheticDocument] = [:]
        for document in factory.makeOneOfEachRequiredType() {
            let name = "\(document.metadata.docType.rawValue).png"
            try DocumentRenderer.pageImages(document, dpi: 300)[0].writePNG(to: batch.inputs.url.appendingPathComponent(name).path)
            expected[name] = document
        }
        let report = try batch.ingest()
        XCTAssertEqual(report.stored, 17, "\(report.failures)")
        let export = try batch.export()
        for (name, document) in expected.sorted(by: { $0.key < $1.key }) {
            let row = try XCTUnwrap(export[name])
            let truth = document.metadata
            XCTAssertEqual(row["doc_type"] as? String, truth.docType.rawValue, name)
            XCTAssertEqual(row["number"] as? String, truth.number, name)
            XCTAssertEqual(row["issued_date"] as? String, truth.issuedDate?.iso, name)
            XCTAssertEqual(row["legal_form"] as? String, truth.legalForm?.rawValue, name)
        }
        // What the ingest stored is what the classifier reads from the stored pages, word
        // boxes included: the layout is not lost between the OCR workers and the store.
        var reread = 0
        try batch.openArchive().forEachStoredDocument { source, pages in
            let again = DocumentClassifier().classify(pages)
            let row = export[source] ?? [:]
            XCTAssertFalse(pages[0].words.isEmpty, source)
            XCTAssertEqual(row["agency"] as? String, again.agency, source)
            XCTAssertEqual(row["signer"] as? String, again.signer, source)
            XCTAssertEqual(row["review_fields"] as? [String], again.reviewFields.map(\.rawValue), source)
            XCTAssertEqual((row["field_confidence"] as? [String: Double])?.count, again.fieldConfidence.count, source)
            reread += 1
        }
        XCTAssertEqual(reread, 17)
    }

    /// A word-processor PDF is read from its text layer, without OCR, and its fields extracted.
    func testTextLayerPDFNeedsNoOCR() throws {
        let batch = try BatchFixture()
        var factory = DocumentFactory(seed: 11)
        let document = factory.make(.vanBanQPPL, legalForm: .thongTu, pages: 3)
        try DocumentRenderer.writePDF(document, to: batch.inputs.url.appendingPathComponent("thong_tu.pdf"))
        let report = try batch.ingest()
        XCTAssertEqual(report.textLayerPages, 3)
        XCTAssertEqual(report.ocrPages, 0)
        let row = try XCTUnwrap(try batch.export()["thong_tu.pdf"])
        let truth = document.metadata
        XCTAssertEqual(row["text_source"] as? String, "text_layer")
        XCTAssertEqual(row["doc_type"] as? String, "van_ban_qppl")
        XCTAssertEqual(row["legal_form"] as? String, "thong_tu")
        XCTAssertEqual(row["number"] as? String, truth.number)
        XCTAssertEqual(row["issued_date"] as? String, truth.issuedDate?.iso)
        XCTAssertEqual(row["place"] as? String, truth.place)
        XCTAssertEqual(row["agency"] as? String, truth.agency)
        XCTAssertEqual(row["subject"] as? String, truth.subject)
        XCTAssertEqual(row["signer"] as? String, truth.signer)
        XCTAssertEqual(row["signer_title"] as? String, truth.signerTitle)
        XCTAssertEqual(row["signing_authority"] as? String, truth.signingAuthority)
        XCTAssertEqual((row["text"] as? String)?.components(separatedBy: "\u{0C}").count, 3)
    }

    /// A multi-page TIFF and an image-only PDF: every page is OCR'd, in page order.
    func testMultiPageTIFFAndScannedPDF() throws {
        let batch = try BatchFixture()
        var factory = DocumentFactory(seed: 13)
        let report = factory.make(.baoCao, pages: 2)
        try PageImage.writeTIFF(try DocumentRenderer.pageImages(report, dpi: 300),
                                to: batch.inputs.url.appendingPathComponent("bao_cao.tif").path)
        let plan = factory.make(.keHoach, pages: 2)
        try DocumentRenderer.writeScannedPDF(plan, to: batch.inputs.url.appendingPathComponent("ke_hoach.pdf"), dpi: 300)
        let result = try batch.ingest()
        XCTAssertEqual(result.stored, 2, "\(result.failures)")
        XCTAssertEqual(result.ocrPages, 4)
        let export = try batch.export()
        for (name, document) in [("bao_cao.tif", report), ("ke_hoach.pdf", plan)] {
            let row = try XCTUnwrap(export[name])
            XCTAssertEqual(row["pages"] as? Int, 2, name)
            XCTAssertEqual(row["text_source"] as? String, "ocr", name)
            XCTAssertEqual(row["doc_type"] as? String, document.metadata.docType.rawValue, name)
            XCTAssertEqual(row["number"] as? String, document.metadata.number, name)
            let pages = try XCTUnwrap(row["text"] as? String).components(separatedBy: "\u{0C}")
            XCTAssertEqual(pages.count, 2)
            XCTAssertTrue(pages[0].contains("Số:"), "the header is on page 1: \(pages[0].prefix(200))")
            XCTAssertTrue(pages[1].contains(document.metadata.signer ?? "?"), "the signature is on page 2")
        }
    }
}

extension GeneratedDocumentTests {
    /// Digits written by hand into the printed form's blank are not guessed: the number is
    /// left empty and named for review with the printed symbol, while the same number
    /// typed is read. Real Tesseract on 300 dpi scans.
    func testHandwrittenDigitsOfTheNumberAreNeverGuessed() throws {
        let batch = try BatchFixture()
        var factory = DocumentFactory(seed: 19)
        let typed = factory.make(.chiThi)
        var hand = typed
        hand.style.handFilledNumber = true
        for (name, document) in [("typed.png", typed), ("hand.png", hand)] {
            try DocumentRenderer.pageImages(document, dpi: 300)[0].writePNG(to: batch.inputs.url.appendingPathComponent(name).path)
        }
        let report = try batch.ingest()
        XCTAssertEqual(report.stored, 2, "\(report.failures)")
        let export = try batch.export()
        let number = try XCTUnwrap(hand.metadata.number)
        let symbol = String(number[number.firstIndex(of: "/")!...])
        XCTAssertEqual(export["typed.png"]?["number"] as? String, number)
        XCTAssertFalse((export["typed.png"]?["review_fields"] as? [String] ?? []).contains("number"))
        let row = try XCTUnwrap(export["hand.png"])
        XCTAssertNil(row["number"] as? String, "handwritten digits are not guessed")
        XCTAssertTrue((row["review_fields"] as? [String] ?? []).contains("number"))
        // Tesseract reads the hand's digits as "45" "7" or runs the last into the symbol
        // ("45 Ý/CT-CT"), from run to run; told by their height, or not readable at all.
        let numberLine = (row["text"] as? String)?.split(separator: "\n").first { $0.contains(symbol) } ?? ""
        XCTAssertTrue((row["review_reasons"] as? [String] ?? []).contains {
            $0.contains("before \(symbol) look written by hand") || $0 == "document number has no readable sequence digits"
        }, "\(row["review_reasons"] ?? "") on “\(numberLine)”")
        XCTAssertEqual(row["doc_type"] as? String, "chi_thi", "the printed symbol still types the document")
    }
}
