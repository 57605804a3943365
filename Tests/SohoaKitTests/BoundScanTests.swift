import ArchiveStore
import DocumentModel
import DocumentSynth
import Foundation
import Pipeline
import SohoaKit
import SohoaTesting
import XCTest

/// A hồ sơ scanned into one PDF is stored as the documents it holds, each naming its pages;
/// the original stays one byte-exact file, and the reading room shows each document's own
/// pages.
final class BoundScanTests: XCTestCase {
    private func exportLines(_ archive: Archive, in folder: URL) throws -> [[String: Any]] {
        let file = folder.appendingPathComponent("export.jsonl")
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        try archive.exportJSONL(to: handle, visibleTo: .unrestricted)
        try handle.close()
        return try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    func testABoundScanBecomesItsDocuments() throws {
        let batch = try BatchFixture()
        var factory = DocumentFactory(seed: 515, variety: .archive)
        let hoSo = BoundHoSo.make(documents: 3, factory: &factory, seed: 515)
        let scan = batch.inputs.url.appendingPathComponent("ho-so.pdf")
        try hoSo.writeScannedPDF(to: scan, dpi: 200)
        try batch.add("ban-sao.pdf", copying: scan)
        let report = try batch.ingest()
        XCTAssertEqual(report.splitInputs, 1)
        XCTAssertEqual(report.splitDocuments, 3)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(report.jsonLine.utf8)) as? [String: Any])
        XCTAssertEqual(json["split_documents"] as? Int, 3, "ingest --json says so too")
        XCTAssertTrue(report.summaryText.contains("1 input(s) held several documents, stored as 3 documents"))

        let archive = try batch.openArchive()
        let lines = try exportLines(archive, in: batch.archive.url)
        let parts = lines.filter { $0["status"] as? String == "ok" }
        XCTAssertEqual(parts.count, 3, "a line per document")
        let ends = hoSo.starts.dropFirst().map { $0 - 1 } + [hoSo.sheets.count]
        XCTAssertEqual(parts.compactMap { $0["source_pages"] as? String }, zip(hoSo.starts, ends).map { "\($0)-\($1)" })
        XCTAssertEqual(parts.compactMap { $0["doc_type"] as? String }, hoSo.documents.map(\.metadata.docType.rawValue))
        XCTAssertEqual(parts.compactMap { $0["number"] as? String }, hoSo.documents.compactMap(\.metadata.number))
        XCTAssertEqual(Set(parts.compactMap { $0["sha256"] as? String }).count, 1, "one original")
        XCTAssertEqual(Set(parts.compactMap { $0["id"] as? String }).count, 3)
        XCTAssertEqual(Set(parts.compactMap { $0["source"] as? String }).count, 1)
        let copy = try XCTUnwrap(lines.first { $0["status"] as? String == "duplicate" }, "the second file with the scan's bytes")
        XCTAssertEqual(copy["duplicate_of"] as? String, parts[0]["id"] as? String, "a copy of the scan points at its first document")
        XCTAssertTrue(copy["source_pages"] is NSNull)

        let second = DocumentID(try XCTUnwrap(parts[1]["id"] as? String))
        let stored = try XCTUnwrap(try archive.document(id: second, visibleTo: .unrestricted))
        XCTAssertEqual(stored.sourcePages?.first, hoSo.starts[1])
        XCTAssertEqual(stored.pages.first?.number, 1, "its own pages are numbered from 1")
        XCTAssertTrue(stored.pages.first?.text.contains(hoSo.documents[1].metadata.number?.components(separatedBy: "/").last ?? "?") == true)
        let record = try XCTUnwrap(try archive.exportRecord(of: second, visibleTo: .unrestricted))
        XCTAssertTrue(record.hasPrefix("{\"id\":\"\(second.rawValue)\""), "the record is the part's own")
        XCTAssertTrue(record.contains("\"source_pages\":\"\(stored.sourcePages!)\""), record)
        XCTAssertTrue(try archive.verify(progress: { _, _ in }).isIntact)

        // The reading room shows the second document's first page, not the scan's first.
        let user = UserAccount(name: UserName(rawValue: "lan")!, role: .reader, clearance: .none, createdAt: "")
        let room = ReadingRoom(archive: archive, user: user, configuration: batch.configuration, client: nil)
        let shown = try room.pageImage(of: second, page: 1, width: 240)
        XCTAssertTrue(FileManager.default.fileExists(
            atPath: archive.pageViewFile(sha256: stored.sha256, page: hoSo.starts[1], width: 240).path))
        let first = DocumentID(try XCTUnwrap(parts[0]["id"] as? String))
        XCTAssertNotEqual(shown.data, try room.pageImage(of: first, page: 1, width: 240).data)
    }

    func testSplittingCanBeSwitchedOff() throws {
        let batch = try BatchFixture()
        batch.configuration.input.splitDocuments = .off
        var factory = DocumentFactory(seed: 516, variety: .archive)
        let hoSo = BoundHoSo.make(documents: 2, factory: &factory, seed: 516)
        try hoSo.writeScannedPDF(to: batch.inputs.url.appendingPathComponent("ho-so.pdf"), dpi: 200)
        XCTAssertEqual(try batch.ingest().splitInputs, 0)
        let lines = try exportLines(try batch.openArchive(), in: batch.archive.url)
        XCTAssertEqual(lines.count, 1)
        XCTAssertTrue(lines[0]["source_pages"] is NSNull)
        XCTAssertEqual(lines[0]["pages"] as? Int, hoSo.sheets.count)
    }
}
