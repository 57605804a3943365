import ArchiveStore
import DocumentModel
import DocumentSynth
import Foundation
import Ingest
import SohoaKit
import SohoaTesting
import XCTest

/// A box handed over as a BagIt bag, checked as the receiving archive would: the Library of
/// Congress's `bagit` validates it, poppler reads its PDF/A files, and the metadata and the
/// event log say what the archive knows.
final class HandoverPackageTests: XCTestCase {
    private var batch: BatchFixture!
    private var archive: Archive!
    private var scanned: DocumentID!
    private var classified: DocumentID!

    override func setUpWithError() throws {
        batch = try BatchFixture()
        batch.configuration.hierarchy.pattern = try HierarchyPattern("{box}/{file}")
        batch.configuration.hierarchy.catalog = "muc-luc.csv"
        var factory = DocumentFactory(seed: 97)
        try batch.addPNG("Hộp 01/HS001/1-cong-van.png", factory.make(.congVan), dpi: 200)
        try batch.addTextPDF("Hộp 01/HS001/2-quyet-dinh.pdf", factory.make(.quyetDinh))
        try batch.addTextPDF("Hộp 01/HS002/bao-cao.pdf", factory.make(.baoCao))
        try batch.add("muc-luc.csv", data: Data("Mã hồ sơ;Hộp số;Tiêu đề hồ sơ;Thời hạn bảo quản;Số lượng tờ\nHS001;01;Công văn đi năm 2019;Vĩnh viễn;12\n".utf8))
        XCTAssertEqual(try batch.ingest().stored, 3)
        archive = try batch.openArchive()
        let export = try batch.export()
        scanned = DocumentID(try XCTUnwrap(export["Hộp 01/HS001/1-cong-van.png"]?["id"] as? String))
        classified = DocumentID(try XCTUnwrap(export["Hộp 01/HS002/bao-cao.pdf"]?["id"] as? String))
        _ = try archive.correct(classified, MetadataCorrection(values: [.secrecy: "mat"], correctedBy: "Trần Thị Bình"), visibleTo: .unrestricted)
        XCTAssertTrue(try archive.verify(progress: { _, _ in }).isIntact)
    }

    private func package(_ name: String, includeClassified: Bool = false) throws -> (URL, PackageRequest.Summary) {
        let output = batch.archive.url.appendingPathComponent(name)
        var request = PackageRequest(output: output, box: "01")
        request.includeClassified = includeClassified
        request.agency = "Sở Nội vụ tỉnh Quảng Ngãi"
        return (output, try request.run(on: archive, archiveDirectory: batch.archive.url))
    }

    private func validate(_ bag: URL) throws {
        let result = try ExternalTool.run("python3", ["-m", "bagit", "--validate", bag.path])
        XCTAssertEqual(result.status, 0, "bagit: \(result.stderr)")
        XCTAssertTrue(result.stderr.contains("is valid"), result.stderr)
    }

    func testABoxBecomesAValidBagWithItsMetadataAndEvents() throws {
        let (bag, summary) = try package("hop-01")
        try validate(bag)
        XCTAssertEqual(summary.documents, 2)
        XCTAssertEqual(summary.classifiedLeftOut, 1, "the Mật document is left out")
        XCTAssertEqual(summary.notPDFA, 0)
        XCTAssertEqual(try partials(beside: bag), [], "no temporary bag is left")

        let original = bag.appendingPathComponent("data/van-ban/\(scanned.rawValue)/goc.png")
        let stored = try XCTUnwrap(try archive.document(id: scanned, visibleTo: .unrestricted))
        XCTAssertEqual(try Fingerprint.sha256(of: original), stored.sha256, "the original, byte for byte")
        XCTAssertFalse(FileManager.default.fileExists(atPath: bag.appendingPathComponent("data/van-ban/\(classified.rawValue)").path))

        let bytes = try Data(contentsOf: bag.appendingPathComponent("data/van-ban.csv"))
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF], "the BOM Excel needs to read UTF-8")
        let csv = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        XCTAssertTrue(csv.hasPrefix("\"Mã hồ sơ\",\"Số thứ tự văn bản trong hồ sơ\",\"Mã định danh văn bản\",\"Tên loại văn bản\","
            + "\"Số của văn bản\",\"Ký hiệu của văn bản\",\"Ngày, tháng, năm văn bản\",\"Tên cơ quan, tổ chức ban hành văn bản\","
            + "\"Trích yếu nội dung\",\"Ngôn ngữ\",\"Số lượng trang của văn bản\",\"Ký hiệu thông tin\",\"Từ khóa\",\"Chế độ sử dụng\","
            + "\"Mức độ tin cậy\",\"Bút tích\",\"Tình trạng vật lý\",\"Ghi chú\""), String(csv.prefix(400)))
        let rows = try jsonRows(bag.appendingPathComponent("data/van-ban.json"))
        XCTAssertEqual(rows.map { $0["Số thứ tự văn bản trong hồ sơ"] }, ["1", "2"])
        XCTAssertEqual(rows[0]["Mã hồ sơ"], "HS001")
        XCTAssertEqual(rows[0]["Mức độ tin cậy"], "Số hóa")
        XCTAssertEqual(rows[1]["Mức độ tin cậy"], "Gốc điện tử")
        XCTAssertEqual(rows[0]["Tên loại văn bản"], "Công văn")
        if let number = stored.metadata[.number], let slash = number.firstIndex(of: "/") {
            XCTAssertEqual(rows[0]["Số của văn bản"], String(number[..<slash]))
        }
        let hoSo = try jsonRows(bag.appendingPathComponent("data/ho-so.json"))
        XCTAssertEqual(hoSo.map { $0["Mã hồ sơ"] }, ["HS001", "HS002"])
        XCTAssertEqual(hoSo[0]["Tiêu đề hồ sơ"], "Công văn đi năm 2019")
        XCTAssertEqual(hoSo[0]["Thời hạn bảo quản"], "Vĩnh viễn")
        XCTAssertEqual(hoSo[0]["Số lượng tờ"], "12")
        XCTAssertEqual(hoSo[0]["Tổng số văn bản trong hồ sơ"], "2")
        XCTAssertEqual(hoSo[1]["Tổng số văn bản trong hồ sơ"], "1")
        XCTAssertTrue(hoSo[1]["Ghi chú"]?.contains("1 văn bản mật không kèm theo") == true)

        let events = try String(contentsOf: bag.appendingPathComponent("data/su-kien.jsonl"), encoding: .utf8)
            .split(separator: "\n").map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String]) }
        let ocr = try XCTUnwrap(events.first { $0["eventType"] == "transcription" && $0["linkingObjectIdentifier"]?.hasSuffix(scanned.rawValue) == true })
        XCTAssertTrue(ocr["eventDetailInformation"]?.hasPrefix("OCR: Tesseract 5.") == true, "\(ocr)")
        XCTAssertTrue(ocr["eventDetailInformation"]?.contains("vie.traineddata sha256") == true, "\(ocr)")
        XCTAssertTrue(events.contains { $0["eventType"] == "fixity check" && $0["linkingObjectIdentifier"]?.hasSuffix(scanned.rawValue) == true })
        XCTAssertTrue(events.contains { $0["eventType"] == "ingestion" })
        XCTAssertFalse(events.contains { $0["linkingObjectIdentifier"]?.hasSuffix(classified.rawValue) == true },
                       "nothing of the classified document leaves with the bag")
    }

    /// The searchable PDF in the bag is PDF/A-2b, and its text layer is the stored text:
    /// poppler reads back the very words the archive holds, diacritics and all.
    func testThePDFAReadsBackAsTheStoredText() throws {
        let (bag, _) = try package("hop-01")
        let pdf = bag.appendingPathComponent("data/van-ban/\(scanned.rawValue)/pdfa.pdf")
        let meta = try ExternalTool.run("pdfinfo", ["-meta", pdf.path]).stdout
        XCTAssertTrue(meta.contains("<pdfaid:part>2</pdfaid:part>") && meta.contains("<pdfaid:conformance>B</pdfaid:conformance>"), meta)
        let fonts = try ExternalTool.run("pdffonts", [pdf.path]).stdout.split(separator: "\n").dropFirst(2)
        XCTAssertFalse(fonts.isEmpty)
        XCTAssertTrue(fonts.allSatisfy { $0.split(separator: " ").dropFirst(4).first == "yes" }, "every font embedded: \(fonts)")
        XCTAssertTrue(try Data(contentsOf: pdf).range(of: Data("/S /GTS_PDFA1".utf8)) != nil, "the output intent")

        let read = try ExternalTool.run("pdftotext", ["-raw", "-enc", "UTF-8", pdf.path, "-"]).stdout
        let stored = try archive.recognizedPages(of: scanned, visibleTo: .unrestricted).map(\.text).joined(separator: "\n")
        XCTAssertGreaterThan(stored.split(whereSeparator: \.isWhitespace).count, 40)
        XCTAssertEqual(read.split(whereSeparator: \.isWhitespace), stored.split(whereSeparator: \.isWhitespace))
    }

    func testClassifiedDocumentsGoApartOnlyWhenAsked() throws {
        let (bag, summary) = try package("hop-01-mat", includeClassified: true)
        try validate(bag)
        XCTAssertEqual(summary.classifiedIncluded, 1)
        XCTAssertEqual(summary.documents, 3)
        XCTAssertTrue(FileManager.default.fileExists(atPath: bag.appendingPathComponent("data/van-ban-mat/\(classified.rawValue)/goc.pdf").path))
        let secret = try jsonRows(bag.appendingPathComponent("data/van-ban-mat.json"))
        XCTAssertEqual(secret.map { $0["Mã định danh văn bản"] }, [classified.rawValue])
        XCTAssertEqual(secret.first?["Chế độ sử dụng"], "Mật")
        XCTAssertEqual(try jsonRows(bag.appendingPathComponent("data/van-ban.json")).count, 2, "the open list stays open")
        let events = try String(contentsOf: bag.appendingPathComponent("data/su-kien.jsonl"), encoding: .utf8)
        XCTAssertTrue(events.contains("secrecy: (trống) → mat"), "the correction is in the event log")
        XCTAssertTrue(events.contains("Trần Thị Bình"))
    }

    func testAnExistingFolderOrADamagedOriginalWritesNothing() throws {
        let (bag, _) = try package("hop-01")
        XCTAssertThrowsError(try package("hop-01")) { error in
            XCTAssertEqual((error as? CommandFailure)?.kind, .badUsage)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: bag.path))

        let stored = try XCTUnwrap(try archive.document(id: scanned, visibleTo: .unrestricted))
        let original = batch.archive.url.appendingPathComponent(stored.originalPath)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: original.path)
        let handle = try FileHandle(forWritingTo: original)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([0]))
        try handle.close()
        XCTAssertThrowsError(try package("hop-01-again")) { error in
            XCTAssertEqual((error as? CommandFailure)?.kind, .damaged, "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: batch.archive.url.appendingPathComponent("hop-01-again").path))
        XCTAssertEqual(try partials(beside: bag), [], "nor any half-written one")
    }

    private func partials(beside bag: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: bag.deletingLastPathComponent().path).filter { $0.hasSuffix(".partial") }
    }

    private func jsonRows(_ url: URL) throws -> [[String: String]] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [[String: String]])
    }
}
