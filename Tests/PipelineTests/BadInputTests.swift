import ArchiveStore
import DocumentModel
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

    /// Names in legacy encodings (bytes that are not UTF-8, as old Windows shares and CDs
    /// wrote them) are ingested: `source` keeps their bytes as `%XX`, `source_display` reads
    /// them in the encoding that makes them Vietnamese, the original is stored byte for byte,
    /// and a second run stores nothing twice.
    func testNamesInLegacyEncodingsAreIngestedUnderTheirBytes() throws {
        let batch = try BatchFixture()
        var factory = DocumentFactory(seed: 48)
        let folder = batch.inputs.url.path
        // "Hộp 05" in CP1258, a folder: what it holds is reached through it.
        let box: [UInt8] = [0x48, 0xF4, 0xF2, 0x70, 0x20, 0x30, 0x35]
        XCTAssertEqual(mkdir(path(folder, box), 0o755), 0)
        let names: [(bytes: [UInt8], source: String, display: String?)] = [
            // "Quyết định 5.pdf", CP1258.
            ([0x51, 0x75, 0x79, 0xEA, 0xEC, 0x74, 0x20, 0xF0, 0x69, 0xF2, 0x6E, 0x68, 0x20, 0x35] + Array(".pdf".utf8),
             "Quy%EA%ECt %F0i%F2nh 5.pdf", "Quyết định 5.pdf"),
            // "Công văn số 12.pdf", TCVN3.
            ([0x43, 0xAB, 0x6E, 0x67, 0x20, 0x76, 0xA8, 0x6E, 0x20, 0x73, 0xE8, 0x20, 0x31, 0x32] + Array(".pdf".utf8),
             "C%ABng v%A8n s%E8 12.pdf", "Công văn số 12.pdf"),
            // "Biên bản họp.pdf", VNI, inside "Hộp 05".
            (box + [0x2F, 0x42, 0x69, 0x65, 0xE2, 0x6E, 0x20, 0x62, 0x61, 0xFB, 0x6E, 0x20, 0x68, 0x6F, 0xEF, 0x70] + Array(".pdf".utf8),
             "H%F4%F2p 05/Bie%E2n ba%FBn ho%EFp.pdf", "Hộp 05/Biên bản họp.pdf"),
            // UTF-8 and CP1258 in one name, and a "%": kept and escaped, read as neither.
            (Array("hồ s".utf8) + [0xF5, 0xEC] + Array(" 100%.pdf".utf8), "hồ s%F5%EC 100%25.pdf", nil),
        ]
        let types: [DocumentType] = [.quyetDinh, .congVan, .bienBan, .thongBao]
        var originals: [String: String] = [:]
        for (index, name) in names.enumerated() {
            let plain = try batch.addTextPDF("plain \(index).pdf", factory.make(types[index]))
            originals[name.source] = try Fingerprint.sha256(of: plain).rawValue
            XCTAssertEqual(rename(plain.path, path(folder, name.bytes)), 0)
        }
        // A link with such a name that leads out of the folder is still not followed.
        XCTAssertEqual(symlink("/etc/passwd", path(folder, [0x6D, 0xE2, 0x74])), 0)

        let report = try batch.ingest()
        XCTAssertEqual(report.stored, 4, "\(report.failures)")
        let export = try batch.export()
        for name in names {
            let row = try XCTUnwrap(export[name.source], "\(export.keys.sorted())")
            XCTAssertEqual(row["status"] as? String, "ok")
            XCTAssertEqual(row["source_display"] as? String, name.display)
            XCTAssertEqual(row["sha256"] as? String, originals[name.source], "stored byte for byte")
        }
        XCTAssertEqual(export["m%E2t"]?["error"] as? String, "link leads outside the batch folder (/etc/passwd)")

        let again = try batch.ingest()
        XCTAssertEqual(again.stored, 0)
        XCTAssertEqual(again.alreadyIngested, 4)
        XCTAssertEqual(try batch.export().count, export.count, "the same sources, nothing twice")
    }

    private func path(_ folder: String, _ name: [UInt8]) -> [CChar] {
        (Array(folder.utf8) + [UInt8(ascii: "/")] + name + [0]).map { CChar(bitPattern: $0) }
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
        // The document stored through the link (first in sorted order) has its target's size, not the link's.
        let id = try XCTUnwrap(export["same notice.pdf"]?["id"] as? String)
        let stored = try XCTUnwrap(try batch.openArchive().document(id: DocumentID(id), visibleTo: .unrestricted))
        XCTAssertEqual(stored.byteCount, try Data(contentsOf: notice).count)

        batch.configuration.input.followLinks = .always
        let again = try batch.ingest()
        XCTAssertEqual(again.stored, 1, "the linked document from elsewhere, now followed")
        XCTAssertEqual(try batch.export()["passwd"]?["error"] as? String, "not an image or PDF")
    }
}
