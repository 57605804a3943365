import ArchiveStore
import DocumentModel
import DocumentSynth
import Foundation
import Ingest
import PDFRendering
import SohoaKit
import SohoaTesting
import XCTest

/// Boxes and hồ sơ read from folder names through a real ingest, and the box report's
/// verdict both ways: a box whose every input is stored, verified and reviewed may leave;
/// one with a failed input and an outstanding review may not.
final class RecordsOfficeTests: XCTestCase {
    private let boxOne = "Hộp 01 - Lưu trữ <2019> & sau"

    /// A page no rule can type: body text without header, number or type line.
    private func writeLoosePage(to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Canvas.drawPDF(at: url, width: 595, height: 842) { canvas in
            canvas.selectFont(family: "DejaVu Serif", size: 12)
            for (index, line) in ["Các tài liệu dưới đây được xếp theo thứ tự thời gian,",
                                  "mỗi tập có ghi chú tình trạng vật lý của giấy và mực."].enumerated() {
                canvas.move(toX: 70, y: 300 + Double(index) * 18)
                canvas.showText(line)
            }
        }
    }

    private func ingestTwoBoxes() throws -> BatchFixture {
        let batch = try BatchFixture()
        batch.configuration.hierarchy.pattern = try HierarchyPattern("{box}/{file}")
        batch.configuration.hierarchy.catalog = "muc-luc.csv"
        var factory = DocumentFactory(seed: 91)
        try batch.addTextPDF("\(boxOne)/HS001 - Kế hoạch/10-bao-cao.pdf", factory.make(.baoCao))
        try batch.addTextPDF("\(boxOne)/HS001 - Kế hoạch/2-ke-hoach.pdf", factory.make(.keHoach))
        try batch.addTextPDF("\(boxOne)/HS002/thong-bao.pdf", factory.make(.thongBao))
        try batch.addTextPDF("Hop_02/Ho_so_003/cong-van.pdf", factory.make(.congVan))
        try batch.add("Hop_02/Ho_so_003/notes.pdf", data: Data("Biên bản, not a PDF".utf8))
        try writeLoosePage(to: batch.inputs.url.appendingPathComponent("Hop_02/Ho_so_003/trang-roi.pdf"))
        try batch.add("muc-luc.csv", data: Data("Mã hồ sơ,Hộp số,Tiêu đề hồ sơ,Thời hạn bảo quản\nHS1,01,Kế hoạch năm 2019,Vĩnh viễn\n".utf8))
        let report = try batch.ingest()
        XCTAssertEqual(report.stored, 5)
        XCTAssertEqual(report.failures.map(\.source), ["Hop_02/Ho_so_003/notes.pdf"], "the catalogue is not an input")
        return batch
    }

    func testFoldersGiveEachDocumentItsBoxHoSoAndOrdinal() throws {
        let batch = try ingestTwoBoxes()
        let export = try batch.export()
        XCTAssertEqual(export.count, 6)
        XCTAssertNil(export["muc-luc.csv"])
        let second = try XCTUnwrap(export["\(boxOne)/HS001 - Kế hoạch/2-ke-hoach.pdf"])
        XCTAssertEqual(second["box"] as? String, "01")
        XCTAssertEqual(second["file_code"] as? String, "HS001")
        XCTAssertEqual(second["file_title"] as? String, "Kế hoạch năm 2019", "the catalogue's title wins over the folder's")
        XCTAssertEqual(second["doc_ordinal"] as? Int, 1, "2-… comes before 10-…")
        XCTAssertEqual(export["\(boxOne)/HS001 - Kế hoạch/10-bao-cao.pdf"]?["doc_ordinal"] as? Int, 2)
        XCTAssertEqual(export["\(boxOne)/HS002/thong-bao.pdf"]?["doc_ordinal"] as? Int, 1)
        let failed = try XCTUnwrap(export["Hop_02/Ho_so_003/notes.pdf"])
        XCTAssertEqual(failed["box"] as? String, "02", "a failure has its box too")
        XCTAssertEqual(failed["file_code"] as? String, "003")
        XCTAssertTrue(failed["doc_ordinal"] is NSNull)

        let archive = try batch.openArchive()
        let id = DocumentID(try XCTUnwrap(second["id"] as? String))
        let place = try XCTUnwrap(try archive.document(id: id, visibleTo: .unrestricted)?.place)
        XCTAssertEqual(place, DocumentPlace(fonds: nil, box: BoxCode("01"), hoSo: HoSoCode("HS001"), hoSoTitle: "Kế hoạch năm 2019", ordinal: 1))

        var inBox = SearchRequest(text: "")
        inBox.box = "01"
        XCTAssertEqual(try inBox.run(on: archive, visibleTo: .unrestricted).results.hits.count, 3)
        inBox.withFacets = true
        let facets = try XCTUnwrap(try inBox.run(on: archive, visibleTo: .unrestricted).facets)
        XCTAssertEqual(facets.counts["ho_so"]?.map(\.value).sorted(), ["HS001", "HS002"], "the box's hồ sơ are a facet")
        XCTAssertEqual(facets.counts["box"]?.map { "\($0.value) \($0.count)" }, ["01 3"], "and the box itself")
        inBox.withFacets = false
        inBox.hoSo = "HS001"
        XCTAssertEqual(Set(try inBox.run(on: archive, visibleTo: .unrestricted).results.hits.map(\.source)),
                       ["\(boxOne)/HS001 - Kế hoạch/10-bao-cao.pdf", "\(boxOne)/HS001 - Kế hoạch/2-ke-hoach.pdf"])
    }

    func testOnlyABoxWhoseEveryPageIsAccountedForMayLeave() throws {
        let batch = try ingestTwoBoxes()
        let archive = try batch.openArchive()
        func box(_ code: String) throws -> BoxReport {
            try XCTUnwrap(BoxesRequest(box: code, fonds: nil, fixityMaxAgeDays: 30).run(on: archive).first)
        }
        XCTAssertEqual(try box("01").obstacles(fixityMaxAgeDays: 30), [.neverVerified(3)], "not yet verified")
        XCTAssertTrue(try archive.verify(progress: { _, _ in }).isIntact)

        // The archivist checks what the machine was unsure of in box 01, and leaves box 02's.
        let export = try batch.export()
        let boxOneIDs = export.values.filter { $0["box"] as? String == "01" }.compactMap { $0["id"] as? String }.map { DocumentID($0) }
        XCTAssertEqual(boxOneIDs.count, 3)
        for id in boxOneIDs where try archive.document(id: id, visibleTo: .unrestricted)?.needsReview == true {
            _ = try archive.correct(id, MetadataCorrection(correctedBy: "Trần Thị Bình", confirmsAll: true), visibleTo: .unrestricted)
        }
        XCTAssertEqual(export["Hop_02/Ho_so_003/trang-roi.pdf"]?["needs_review"] as? Bool, true, "the loose page needs a person")

        let leaving = try box("01")
        XCTAssertEqual(leaving.inputsFound, 3)
        XCTAssertEqual(leaving.stored, 3)
        XCTAssertEqual(leaving.title, "Lưu trữ <2019> & sau")
        XCTAssertEqual(leaving.hoSo.map(\.code), [HoSoCode("HS001"), HoSoCode("HS002")])
        XCTAssertEqual(leaving.hoSo.first?.retention, "Vĩnh viễn")
        XCTAssertEqual(leaving.obstacles(fixityMaxAgeDays: 30), [], "stored, verified, reviewed: it may leave")
        let later = Date().addingTimeInterval(31 * 86_400)
        XCTAssertEqual(leaving.obstacles(fixityMaxAgeDays: 30, now: later).count, 1, "a month later its fixity check is too old")
        if case .fixityTooOld = leaving.obstacles(fixityMaxAgeDays: 30, now: later).first {} else { XCTFail("fixity too old") }

        let staying = try box("02")
        XCTAssertEqual(staying.failed, 1)
        XCTAssertEqual(staying.failures.first?.reason, "not an image or PDF")
        let obstacles = staying.obstacles(fixityMaxAgeDays: 30)
        XCTAssertTrue(obstacles.contains(.failedInputs(1)), "\(obstacles)")
        XCTAssertTrue(obstacles.contains { if case .underReview(documents: 1, _) = $0 { true } else { false } }, "\(obstacles)")

        // A records officer explains the failed file: it no longer holds the box, the open review still does.
        XCTAssertThrowsError(try ExplanationRequest(source: "Hop_02/Ho_so_003/cong-van.pdf", batchRoot: nil,
                                                    explanation: "x", person: "y").run(on: archive)) { error in
            XCTAssertEqual((error as? CommandFailure)?.kind, .notFound, "a stored input needs no explanation")
        }
        XCTAssertEqual(try ExplanationRequest(source: "Hop_02/Ho_so_003/notes.pdf", batchRoot: nil,
                                              explanation: "Tệp ghi chú, không phải văn bản", person: "Trần Thị Bình").run(on: archive),
                       BoxCode("02"))
        let explained = try box("02")
        XCTAssertEqual(explained.failures.first?.explanation, "Tệp ghi chú, không phải văn bản")
        XCTAssertFalse(explained.obstacles(fixityMaxAgeDays: 30).contains(.failedInputs(1)))
        XCTAssertTrue(explained.obstacles(fixityMaxAgeDays: 30).contains { if case .underReview = $0 { true } else { false } })

        XCTAssertThrowsError(try BoxesRequest(box: "99", fonds: nil, fixityMaxAgeDays: 30).run(on: archive)) { error in
            XCTAssertEqual((error as? CommandFailure)?.kind, .notFound)
        }
    }

    func testThePrintableReportAndHandoverRecord() throws {
        let batch = try ingestTwoBoxes()
        let archive = try batch.openArchive()
        let reports = try archive.boxReports()
        XCTAssertEqual(reports.map(\.box), [BoxCode("01"), BoxCode("02")])
        let sheet = BoxSheet(reports[1], fixityMaxAgeDays: 30, agency: "Sở Nội vụ tỉnh Quảng Ngãi")
        XCTAssertTrue(sheet.html.contains("KẾT LUẬN: Hộp này chưa được rời kho lưu trữ:"))
        XCTAssertTrue(sheet.html.contains("Hop_02/Ho_so_003/notes.pdf"))
        XCTAssertTrue(sheet.html.contains("BIÊN BẢN BÀN GIAO TÀI LIỆU LƯU TRỮ ĐÃ SỐ HÓA"))
        XCTAssertTrue(sheet.html.contains("ĐẠI DIỆN BÊN NHẬN"))
        let titled = BoxSheet(reports[0], fixityMaxAgeDays: 30).html
        XCTAssertTrue(titled.contains("Lưu trữ &lt;2019&gt; &amp; sau"), "a folder's name is escaped")
        XCTAssertFalse(titled.contains("<2019>"))

        let pdf = batch.archive.url.appendingPathComponent("hop-02.pdf")
        try sheet.writePDF(to: pdf)
        let file = try PDFFile(path: pdf.path, password: nil)
        XCTAssertEqual(file.pageCount, 2, "the report, then the handover record")
        XCTAssertTrue(try file.page(0).text.contains("BÁO CÁO HỘP 02"))
        XCTAssertTrue(try file.page(0).text.contains("chưa được rời kho"))
        XCTAssertTrue(try file.page(1).text.contains("Sở Nội vụ tỉnh Quảng Ngãi"))
        XCTAssertTrue(try file.page(1).text.contains("ĐẠI DIỆN BÊN GIAO"))
    }
}
