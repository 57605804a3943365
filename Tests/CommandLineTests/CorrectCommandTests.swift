import ArchiveStore
import Classifier
import DocumentModel
import DocumentSynth
import Foundation
import OCRStage
import SohoaTesting
import XCTest

/// `sohoa correct` as an archivist runs it: the real binary, then `show`, `search` and
/// `export` reading what it wrote.
final class CorrectCommandTests: XCTestCase {
    private var folder: TemporaryFolder!
    private var letterID = ""

    override func setUpWithError() throws {
        folder = try TemporaryFolder()
        let archive = try Archive(directory: folder.url)
        var factory = DocumentFactory(seed: 3)
        var letter = factory.make(.congVan, pages: 2)
        letter.metadata.number = "77/UBND-VP"
        letter.metadata.issuedDate = IssuedDate(iso: "2020-05-04")
        letter.metadata.secrecy = nil
        letter.metadata.place = "Đồng Nai"
        letter.metadata.needsReview = true
        letter.metadata.reviewReasons = ["no readable date"]
        let other = factory.make(.baoCao, pages: 1)
        letterID = try archive.store(contentsOf: [letter, other].enumerated().map { index, document in
            let sha = SHA256(rawValue: String(format: "%016x", index + 1) + String(repeating: "0", count: 48))!
            return NewDocument(batchRoot: "/kho", source: "hop_1/\(index).pdf", sha256: sha, originalPath: "originals/\(sha).pdf",
                               byteCount: 1, mediaType: "application/pdf",
                               pages: document.pageTexts.enumerated().map { RecognizedPage(number: $0.offset + 1, text: $0.element, source: .textLayer) },
                               metadata: document.metadata)
        })[0].rawValue
    }

    private func sohoa(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try SohoaBinary.run(arguments + ["--archive", folder.url.path])
    }

    private func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    private func exported(_ source: String) throws -> [String: Any] {
        let (status, output) = try sohoa(["export"])
        XCTAssertEqual(status, 0)
        return try XCTUnwrap(try output.split(separator: "\n").map { try json(String($0)) }.first { $0["source"] as? String == source })
    }

    func testACorrectionIsWhatShowSearchAndExportSee() throws {
        let corrected = try sohoa(["correct", letterID, "--issued-date", "2020-05-14", "--number", "78 / UBND-VP",
                                   "--secrecy", "mat", "--by", "Phạm Thu Hà", "--note", "đối chiếu bản gốc"])
        XCTAssertEqual(corrected.status, 0)
        XCTAssertTrue(corrected.output.contains("issued_date        2020-05-04 → 2020-05-14"), corrected.output)
        XCTAssertTrue(corrected.output.contains("secrecy            (none) → mat"), corrected.output)
        XCTAssertTrue(corrected.output.contains("off the review list (was: no readable date)"), corrected.output)

        let shown = try json(try sohoa(["show", letterID, "--json", "--no-text"]).output)
        XCTAssertEqual((shown["metadata"] as? [String: String])?["number"], "78/UBND-VP")
        XCTAssertEqual(shown["needs_review"] as? Bool, false)
        let trail = try XCTUnwrap(shown["corrections"] as? [[String: Any]])
        XCTAssertEqual(trail.map { $0["field"] as? String }, ["number", "issued_date", "secrecy", "review_reasons"])
        XCTAssertEqual(trail[0]["machine_value"] as? String, "77/UBND-VP")
        XCTAssertTrue(trail[2]["machine_value"] is NSNull)
        XCTAssertEqual(Set(trail.map { $0["corrected_by"] as? String }), ["Phạm Thu Hà"])
        XCTAssertEqual(Set(trail.map { $0["note"] as? String }), ["đối chiếu bản gốc"])
        XCTAssertTrue(try sohoa(["show", letterID, "--no-text"]).output.contains("number: 77/UBND-VP → 78/UBND-VP — đối chiếu bản gốc"))

        let hits = try sohoa(["search", "", "--from", "2020-05-14", "--to", "2020-05-14", "--secrecy", "mat", "--json"])
        XCTAssertEqual(hits.status, 0)
        XCTAssertEqual(try json(String(try XCTUnwrap(hits.output.split(separator: "\n").first)))["id"] as? String, letterID)
        let byNumber = try sohoa(["search", "78/UBND-VP", "--json"])
        XCTAssertEqual(try json(String(try XCTUnwrap(byNumber.output.split(separator: "\n").first)))["id"] as? String, letterID)
        XCTAssertEqual(try sohoa(["review", "--json"]).output, "", "off the review list")

        let row = try exported("hop_1/0.pdf")
        XCTAssertEqual(row["issued_date"] as? String, "2020-05-14")
        XCTAssertEqual(row["corrected_fields"] as? [String], ["number", "issued_date", "secrecy"])
        XCTAssertEqual((row["machine_values"] as? [String: Any])?["issued_date"] as? String, "2020-05-04")
        XCTAssertEqual(try exported("hop_1/1.pdf")["corrected_fields"] as? [String], [])
    }

    func testHistoryAndTheDefaultCorrector() throws {
        setenv("SOHOA_USER", "luu.tru.vien", 1)
        defer { unsetenv("SOHOA_USER") }
        XCTAssertEqual(try sohoa(["correct", letterID, "--place", "Hà  Nội", "--keep-review"]).status, 0)
        XCTAssertEqual(try sohoa(["correct", letterID, "--clear", "place", "--json"]).status, 0)
        let history = try sohoa(["correct", letterID, "--history", "--json"])
        XCTAssertEqual(history.status, 0)
        let rows = try history.output.split(separator: "\n").map { try json(String($0)) }
        XCTAssertEqual(rows.map { $0["field"] as? String }, ["place", "place", "review_reasons"])
        XCTAssertEqual(rows.map { $0["corrected_by"] as? String }, ["luu.tru.vien", "luu.tru.vien", "luu.tru.vien"])
        XCTAssertEqual(rows[0]["corrected_value"] as? String, "Hà Nội")
        XCTAssertTrue(rows[1]["corrected_value"] is NSNull, "cleared")
        XCTAssertEqual(Set(rows[0].keys), ["field", "machine_value", "corrected_value", "corrected_by", "corrected_at", "note"])
        let readable = try sohoa(["correct", letterID, "--history"]).output
        XCTAssertTrue(readable.contains("place: Hà Nội → (none)"), readable)
    }

    func testBadUsageExits64AndWritesNothingAndAnUnknownIdExits1() throws {
        let before = try exported("hop_1/0.pdf")
        for arguments in [
            ["--doc-type", "cong-van"], ["--issued-date", "2020-02-30"], ["--issued-date", "14/05/2020"], ["--urgency", "gap"],
            ["--legal-form", "luat"], ["--clear", "doc_type"], ["--clear", "colour"], ["--place", "Huế", "--clear", "place"],
            ["--subject", "   "], [], ["--history", "--number", "1/UB"],
        ] {
            XCTAssertEqual(try sohoa(["correct", letterID, "--by", "a"] + arguments).status, 64, "\(arguments)")
        }
        XCTAssertEqual(try sohoa(["correct", letterID, "--history"]).output, "Document \(letterID) has not been corrected.\n")
        let after = try exported("hop_1/0.pdf")
        XCTAssertEqual(after["corrected_fields"] as? [String], [])
        XCTAssertEqual(after["needs_review"] as? Bool, true)
        XCTAssertEqual(after["number"] as? String, before["number"] as? String)
        XCTAssertEqual(try sohoa(["correct", "0000000000000000", "--number", "1/UB", "--by", "a"]).status, 1)
        XCTAssertEqual(try sohoa(["correct", "0000000000000000", "--history"]).status, 1)
    }

    /// Running the same batch again, or meeting the same bytes under another name, must
    /// not bring the machine's values back.
    func testReingestingKeepsTheCorrections() throws {
        let batch = try BatchFixture()
        var factory = DocumentFactory(seed: 11)
        let document = factory.make(.quyetDinh, pages: 1)
        let pdf = batch.inputs.url.appendingPathComponent("qd.pdf")
        try DocumentRenderer.writePDF(document, to: pdf)
        try batch.ingest()
        let machine = try XCTUnwrap(try batch.export()["qd.pdf"])
        let id = try XCTUnwrap(machine["id"] as? String)
        let corrected = try SohoaBinary.run(["correct", id, "--subject", "Bổ nhiệm lại cán bộ", "--by", "a",
                                             "--archive", batch.archive.url.path])
        XCTAssertEqual(corrected.status, 0)
        try batch.add("ban_sao/qd.pdf", copying: pdf)
        let again = try batch.ingest()
        XCTAssertEqual(again.alreadyIngested, 1)
        XCTAssertEqual(again.duplicates, 1)
        let export = try batch.export()
        for source in ["qd.pdf", "ban_sao/qd.pdf"] {
            XCTAssertEqual(export[source]?["subject"] as? String, "Bổ nhiệm lại cán bộ", source)
            XCTAssertEqual(export[source]?["corrected_fields"] as? [String], ["subject"], source)
            XCTAssertEqual((export[source]?["machine_values"] as? [String: Any])?["subject"] as? String, machine["subject"] as? String)
        }
    }
}
