import DocumentSynth
import Foundation
import SohoaTesting
import XCTest
@testable import Ingest
@testable import Pipeline

/// Each broken input ends as a failure with a reason a person understands, naming the
/// file, and the batch goes on to store the good ones.
final class BadInputTests: XCTestCase {
    func testEachBadInputFailsWithItsReasonAndTheBatchGoesOn() throws {
        let batch = try BatchFixture()
        var factory = DocumentFactory(seed: 41)
        let good = try batch.addTextPDF("good.pdf", factory.make(.thongBao, pages: 2))
        try batch.add("empty.pdf", data: Data())
        try batch.add("notes.pdf", data: Data("Biên bản họp, not a PDF".utf8))
        try batch.add("locked.pdf", data: HostileFiles.encryptedPDF())
        try batch.add("bomb.png", data: HostileFiles.pngClaiming(width: 60_000, height: 60_000))
        let pdf = try Data(contentsOf: good)
        try batch.add("truncated.pdf", data: pdf.prefix(pdf.count / 3))
        let jpeg = try DocumentRenderer.pageImages(factory.make(.nghiQuyet), dpi: 100)[0].jpegData(quality: 80)
        try batch.add("corrupt.jpg", data: jpeg.prefix(600))

        let report = try batch.ingest()

        XCTAssertEqual(report.stored, 1)
        let reasons = Dictionary(uniqueKeysWithValues: report.failures.map { ($0.source, $0.reason) })
        XCTAssertEqual(reasons["empty.pdf"], "file is empty")
        XCTAssertEqual(reasons["notes.pdf"], "not an image or PDF")
        XCTAssertEqual(reasons["locked.pdf"]?.hasPrefix("PDF is encrypted"), true, reasons["locked.pdf"] ?? "")
        XCTAssertEqual(reasons["bomb.png"]?.hasPrefix("image larger than the configured pixel limit"), true, reasons["bomb.png"] ?? "")
        XCTAssertEqual(reasons["truncated.pdf"]?.hasPrefix("PDF is damaged"), true, reasons["truncated.pdf"] ?? "")
        XCTAssertEqual(reasons["corrupt.jpg"], "image is damaged or truncated and cannot be decoded")
        XCTAssertEqual(report.failures.count, 6)

        let export = try batch.export()
        XCTAssertEqual(export.count, 7, "every input is in the export")
        XCTAssertEqual(export["empty.pdf"]?["status"] as? String, "failed")
        XCTAssertEqual(export["empty.pdf"]?["error"] as? String, "file is empty")
        XCTAssertEqual(export["good.pdf"]?["status"] as? String, "ok")
    }

    func testEncryptedPDFWithWrongPasswordSaysSo() throws {
        let batch = try BatchFixture()
        try batch.add("locked.pdf", data: HostileFiles.encryptedPDF())
        batch.configuration.input.pdfPassword = "not-it"
        let report = try batch.ingest()
        XCTAssertEqual(report.failures.first?.reason, InputError.wrongPDFPassword.description)
    }

    func testPixelLimitIsConfigurable() throws {
        let batch = try BatchFixture()
        var factory = DocumentFactory(seed: 43)
        try batch.addPNG("page.png", factory.make(.chiThi), dpi: 100)
        batch.configuration.input.maxImagePixels = 1_000
        let report = try batch.ingest()
        XCTAssertEqual(report.stored, 0)
        XCTAssertEqual(report.failures.first?.reason.hasPrefix("image larger than the configured pixel limit"), true)
    }

    func testOddFileNamesAreKeptAsNFCSources() throws {
        let batch = try BatchFixture()
        var factory = DocumentFactory(seed: 47)
        let decomposed = "Quye\u{0302}\u{0301}t đi\u{0323}nh\nso\u{0302}\u{0301} 5.png"
        try batch.addPNG("hộp 01/" + decomposed, factory.make(.quyetDinh), dpi: 100)
        let report = try batch.ingest()
        XCTAssertEqual(report.stored, 1)
        let export = try batch.export()
        XCTAssertNotNil(export["hộp 01/Quyết định\nsố 5.png"], "\(export.keys)")
    }

    /// A name in another encoding (bytes that are not UTF-8) fails with its bytes escaped
    /// and a way out, and the batch goes on.
    func testANameThatIsNotUTF8FailsWithItsBytesEscaped() throws {
        let batch = try BatchFixture()
        var factory = DocumentFactory(seed: 48)
        try batch.addTextPDF("ok.pdf", factory.make(.thongBao))
        // "hồ sơ" in CP1258's single bytes for ơ (0xF5) and a combining acute (0xEC).
        let name: [UInt8] = Array("hồ s".utf8) + [0xF5, 0xEC] + Array(" 100%.pdf".utf8)
        let path = Array(batch.inputs.url.path.utf8) + [UInt8(ascii: "/")] + name + [0]
        let descriptor = path.withUnsafeBufferPointer { bytes in
            bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) { open($0, O_CREAT | O_WRONLY, 0o644) }
        }
        XCTAssertGreaterThanOrEqual(descriptor, 0)
        close(descriptor)
        let report = try batch.ingest()
        XCTAssertEqual(report.stored, 1)
        XCTAssertEqual(report.failures.map(\.source), ["hồ s%F5%EC 100%25.pdf"])
        XCTAssertTrue(report.failures.first?.reason.contains("not UTF-8") == true, "\(report.failures)")
    }

    /// A link out of the batch folder carries nothing into the archive: it fails with its
    /// target named, a link inside is followed (the same bytes as what it points at), and
    /// `follow_links: always` follows both.
    func testALinkOutOfTheBatchFolderFailsAndIsNeverRead() throws {
        let batch = try BatchFixture()
        var factory = DocumentFactory(seed: 67)
        let notice = try batch.addTextPDF("thong_bao.pdf", factory.make(.thongBao))
        let elsewhere = try TemporaryFolder()
        let outside = elsewhere.url.appendingPathComponent("to_trinh.pdf")
        try DocumentRenderer.writePDF(factory.make(.toTrinh), to: outside)
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: batch.inputs.url.appendingPathComponent("passwd").path, withDestinationPath: "/etc/passwd")
        try fm.createSymbolicLink(atPath: batch.inputs.url.appendingPathComponent("from elsewhere.pdf").path,
                                  withDestinationPath: outside.path)
        try fm.createSymbolicLink(atPath: batch.inputs.url.appendingPathComponent("same notice.pdf").path,
                                  withDestinationPath: notice.lastPathComponent)

        let report = try batch.ingest()
        XCTAssertEqual(report.stored, 1)
        XCTAssertEqual(report.duplicates, 1)
        let export = try batch.export()
        XCTAssertEqual(export["passwd"]?["status"] as? String, "failed")
        XCTAssertEqual(export["passwd"]?["error"] as? String, "link leads outside the batch folder (/etc/passwd)")
        XCTAssertEqual(export["from elsewhere.pdf"]?["error"] as? String,
                       "link leads outside the batch folder (\(outside.resolvingSymlinksInPath().path))")
        XCTAssertEqual(Set(["same notice.pdf", "thong_bao.pdf"].compactMap { export[$0]?["status"] as? String }), ["ok", "duplicate"],
                       "the link inside and its target are one document")

        batch.configuration.input.followLinks = .always
        let again = try batch.ingest()
        XCTAssertEqual(again.stored, 1, "the linked document from elsewhere, now followed")
        XCTAssertEqual(try batch.export()["passwd"]?["error"] as? String, "not an image or PDF")
    }
}
