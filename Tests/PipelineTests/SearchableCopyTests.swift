import DocumentModel
import DocumentSynth
import Foundation
import OCRStage
import PDFRendering
import SohoaTesting
import XCTest
@testable import ArchiveStore
@testable import Ingest
@testable import Pipeline

/// The searchable PDF beside each scanned original, read back with real poppler, and the
/// blank-page flag kept with the page.
final class SearchableCopyTests: XCTestCase {
    private var factory = DocumentFactory(seed: 77)

    func testScansGetASearchablePDFThatVerifyChecks() throws {
        let batch = try BatchFixture()
        try DocumentRenderer.writeScannedPDF(factory.make(.quyetDinh, pages: 2), to: batch.inputs.url.appendingPathComponent("scan.pdf"), dpi: 200)
        try DocumentRenderer.writePDF(factory.make(.congVan), to: batch.inputs.url.appendingPathComponent("born_digital.pdf"))
        let report = try batch.ingest()
        XCTAssertEqual(report.stored, 2, "\(report.failures)")

        let rows = try batch.export()
        XCTAssertTrue(rows["born_digital.pdf"]?["searchable_pdf"] is NSNull, "a text-layer PDF is searchable already")
        let relative = try XCTUnwrap(rows["scan.pdf"]?["searchable_pdf"] as? String)
        let derivative = batch.archive.url.appendingPathComponent(relative)
        let pdf = try PDFFile(path: derivative.path, password: nil)
        XCTAssertEqual(pdf.pageCount, 2)
        let stored = try XCTUnwrap(batch.openArchive().document(id: DocumentID(try XCTUnwrap(rows["scan.pdf"]?["id"] as? String)), visibleTo: .unrestricted))
        for index in 0..<2 {
            let layer = try pdf.page(index).text
            let words = { (text: String) in Set(text.split(whereSeparator: \.isWhitespace)) }
            let ocrWords = words(stored.pages[index].text)
            XCTAssertGreaterThan(ocrWords.count, 20)
            XCTAssertEqual(words(layer).intersection(ocrWords).count, ocrWords.count,
                           "page \(index + 1): every recognised word is in the invisible layer")
        }
        XCTAssertTrue(try pdf.page(0).text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
        let sha = try XCTUnwrap(SHA256(rawValue: try XCTUnwrap(rows["scan.pdf"]?["sha256"] as? String)))
        XCTAssertFalse(FileManager.default.fileExists(atPath: try batch.openArchive().stagingFolder(sha256: sha).path),
                       "staged page images are removed once the PDF is stored")

        let intact = try batch.openArchive().verify()
        XCTAssertTrue(intact.isIntact)
        XCTAssertEqual(intact.checked, 3, "two originals and one searchable PDF")
        let handle = try FileHandle(forWritingTo: derivative)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("%".utf8))
        try handle.close()
        let altered = try batch.openArchive().verify()
        XCTAssertFalse(altered.isIntact)
        XCTAssertEqual(altered.changed, [relative])
    }

    func testTypedAndScannedPagesInOnePDFAreAllSearchable() throws {
        let batch = try BatchFixture()
        // Two documents in one file, kept as one here: this is about one searchable PDF of
        // typed and scanned pages (BoundScanTests split such files).
        batch.configuration.input.splitDocuments = .off
        try DocumentRenderer.writeTypedThenScannedPDF(factory.make(.congVan), factory.make(.baoCao),
                                                      to: batch.inputs.url.appendingPathComponent("mixed.pdf"), dpi: 200)
        XCTAssertEqual(try batch.ingest().stored, 1)
        let row = try XCTUnwrap(try batch.export()["mixed.pdf"])
        XCTAssertEqual(row["text_source"] as? String, "mixed")
        let stored = try XCTUnwrap(batch.openArchive().document(id: DocumentID(try XCTUnwrap(row["id"] as? String)), visibleTo: .unrestricted))
        let pdf = try PDFFile(path: batch.archive.url.appendingPathComponent(try XCTUnwrap(row["searchable_pdf"] as? String)).path,
                              password: nil)
        XCTAssertEqual(pdf.pageCount, 2)
        for index in 0..<2 {
            let words = { (text: String) in Set(text.split(whereSeparator: \.isWhitespace)) }
            // Poppler sometimes runs two separately placed words together ("số21/2019/NĐ-CP");
            // viewers' search matches substrings, so each word is looked for as one.
            let stored = words(stored.pages[index].text)
            let layer = try pdf.page(index).words(dpi: 72).map(\.text).joined(separator: " ")
            XCTAssertGreaterThan(stored.count, 20)
            XCTAssertEqual(stored.filter { !layer.contains($0) }, [], "page \(index + 1) (\(index == 0 ? "typed" : "scanned"))")
        }
    }

    /// Clean-up reads colour scans through their red channel, where seals vanish; the
    /// searchable PDF must still show them, as the paper does.
    func testSealsStayVisibleInTheSearchablePDF() throws {
        let batch = try BatchFixture()
        let document = factory.make(.quyetDinh)
        try DocumentRenderer.writeScannedPDF(document, to: batch.inputs.url.appendingPathComponent("plain.pdf"), dpi: 150)
        try DocumentRenderer.writeScannedPDF(document, to: batch.inputs.url.appendingPathComponent("stamped.pdf"), dpi: 150,
                                             stamped: true)
        try DocumentRenderer.stampedPageImages(document, dpi: 150)[0]
            .writePNG(to: batch.inputs.url.appendingPathComponent("stamped.png").path)
        try DocumentRenderer.pageImages(document, dpi: 150)[0]
            .writePNG(to: batch.inputs.url.appendingPathComponent("plain.png").path)
        XCTAssertEqual(try batch.ingest().stored, 4)
        let rows = try batch.export()
        // Red ink is mid-grey in plain grey: counted from 200 down.
        func ink(_ path: String) throws -> Double {
            try PDFFile(path: path, password: nil).page(0).render(dpi: 100, maxPixels: 10_000_000).inkCoverage(speck: 1, darkerThan: 200)
        }
        func derivativeInk(_ source: String) throws -> Double {
            try ink(batch.archive.url.appendingPathComponent(try XCTUnwrap(rows[source]?["searchable_pdf"] as? String)).path)
        }
        let stampsOnPaper = try ink(batch.inputs.url.appendingPathComponent("stamped.pdf").path)
            - ink(batch.inputs.url.appendingPathComponent("plain.pdf").path)
        XCTAssertGreaterThan(stampsOnPaper, 0)
        let plain = try derivativeInk("plain.pdf")
        XCTAssertGreaterThan(try derivativeInk("stamped.pdf") - plain, stampsOnPaper / 2,
                             "most of the seal and receipt stamp's ink is on the PDF's page")
        // An image file is compared with its own unstamped twin, at its own resolution.
        func imageInk(_ name: String) throws -> Double {
            try PageImage.read(path: batch.inputs.url.appendingPathComponent(name).path).inkCoverage(speck: 1, darkerThan: 200)
        }
        let stampsInImage = try imageInk("stamped.png") - imageInk("plain.png")
        XCTAssertGreaterThan(stampsInImage, 0)
        XCTAssertGreaterThan(try derivativeInk("stamped.png") - derivativeInk("plain.png"), stampsInImage / 2,
                             "the same from a colour image file")
    }

    func testBlankBackSideIsKeptAsBlankPage() throws {
        let batch = try BatchFixture()
        let text = try DocumentRenderer.pageImages(factory.make(.baoCao), dpi: 200)[0]
        let (width, height) = (text.width, text.height)
        let white = [UInt32](repeating: 0xFFFF_FFFF, count: width * height)
        var noise = SplitMix64(seed: 6)
        let blank = try PageImage.grey(argb32: white.span, width: width, height: height, wordsPerRow: width, resolution: 200)
            .addingNoise(sigma: 6, using: &noise)
        try PageImage.writeTIFF([text, blank], to: batch.inputs.url.appendingPathComponent("two_sides.tif").path)
        XCTAssertEqual(try batch.ingest().stored, 1)

        let row = try XCTUnwrap(try batch.export()["two_sides.tif"])
        let stored = try XCTUnwrap(batch.openArchive().document(id: DocumentID(try XCTUnwrap(row["id"] as? String)), visibleTo: .unrestricted))
        XCTAssertEqual(stored.pages.map(\.blank), [false, true])
        XCTAssertEqual(stored.pages[1].text, "")
        let pdf = try PDFFile(path: batch.archive.url.appendingPathComponent(try XCTUnwrap(row["searchable_pdf"] as? String)).path,
                              password: nil)
        XCTAssertEqual(pdf.pageCount, 2, "the blank side stays in the searchable PDF, as in the original")
    }

    func testSearchablePDFCanBeSwitchedOff() throws {
        let batch = try BatchFixture()
        batch.configuration.storage.searchablePDF = false
        try DocumentRenderer.pageImages(factory.make(.thongBao), dpi: 200)[0]
            .writePNG(to: batch.inputs.url.appendingPathComponent("scan.png").path)
        XCTAssertEqual(try batch.ingest().stored, 1)
        XCTAssertTrue(try batch.export()["scan.png"]?["searchable_pdf"] is NSNull)
        XCTAssertFalse(FileManager.default.fileExists(atPath: batch.archive.url.appendingPathComponent("derivatives").path))
    }
}
