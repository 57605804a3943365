import DocumentSynth
import Foundation
import SohoaTesting
import XCTest

/// The OCR stage's clean-up as the ingest applies it to scanned PDFs, on generated pages
/// whose truth is known.
final class ScannedPDFCleanupTests: XCTestCase {
    private var factory = DocumentFactory(seed: 31)

    /// Poppler renders the page and the red channel is taken there, before the worker's
    /// clean-up sees it.
    func testRedStampsFadeFromScannedPDFs() throws {
        let document = factory.make(.toTrinh)
        func ingestedText(dropRed: Bool, stamped: Bool) throws -> String {
            let batch = try BatchFixture()
            batch.configuration.ocr.cleanup.dropRed = dropRed
            try DocumentRenderer.writeScannedPDF(document, to: batch.inputs.url.appendingPathComponent("scan.pdf"), dpi: 300,
                                                 stamped: stamped)
            XCTAssertEqual(try batch.ingest().stored, 1)
            return try XCTUnwrap(try batch.export()["scan.pdf"]?["text"] as? String)
        }
        let unstamped = try ingestedText(dropRed: true, stamped: false)
        let redChannel = try ingestedText(dropRed: true, stamped: true)
        let luminance = try ingestedText(dropRed: false, stamped: true)
        XCTAssertFalse(redChannel.contains("ĐẾN"), redChannel)
        XCTAssertLessThan(EditDistance.scalars(redChannel, unstamped), unstamped.count / 100)
        XCTAssertGreaterThan(EditDistance.scalars(luminance, unstamped), 3 * max(1, EditDistance.scalars(redChannel, unstamped)))
    }
}
