import ArchiveStore
import DocumentModel
import Foundation
import PostgresArchive
import SohoaTesting
import XCTest

/// A server archive made by the sohoa whose index held plain text (schema step 1) is
/// upgraded in place when it is next opened: the index is written again as tsvectors, and
/// what was stored before is found.
final class SchemaUpgradeTests: XCTestCase {
    func testAnArchiveOfTheFirstLayoutIsSearchableAfterTheUpgrade() throws {
        let address = try PostgresAddress(parsing: TestPostgres.shared().freshDatabase())
        let files = try TemporaryFolder()
        let archive = try SharedArchive.open(address, files: files.url)
        var metadata = DocumentMetadata()
        metadata.docType = .keHoach
        metadata.number = "12/KH-SNV"
        metadata.subject = "Kế hoạch kiểm kê tài liệu lưu trữ"
        let sha = SHA256(rawValue: String(repeating: "ab", count: 32))!
        let id = try archive.store(NewDocument(
            batchRoot: "/scans", source: "kh.pdf", sha256: sha, originalPath: "originals/ab/\(sha).pdf", byteCount: 1,
            mediaType: "application/pdf", pages: [RecognizedPage(number: 1, text: "Đề nghị các phòng kiểm kê kho lưu trữ", source: .textLayer)],
            metadata: metadata))
        let link = try PostgresLink(address)
        let termCounts = { try link.rows("SELECT term, pages FROM term_pages ORDER BY term COLLATE \"C\"") { "\(try $0.text("term")) \(try $0.int("pages"))" } }
        let counted = try termCounts()
        XCTAssertFalse(counted.isEmpty)

        // Back to the first layout, as that sohoa left it.
        _ = try link.execute("DROP TABLE page_text")
        _ = try link.execute("CREATE TABLE page_text (rowid bigint PRIMARY KEY, exact text NOT NULL, folded text NOT NULL)")
        _ = try link.execute("DELETE FROM sohoa_schema WHERE version > 1")
        _ = try link.execute("DELETE FROM term_pages")

        let upgraded = try SharedArchive.open(address, files: files.url)
        let hits = try upgraded.search(SearchQuery(text: "kiem ke kho", visibleTo: .unrestricted)).hits
        XCTAssertEqual(hits.map(\.id), [id])
        XCTAssertEqual(hits.first?.page, 1)
        XCTAssertEqual(try upgraded.search(SearchQuery(text: "12/KH-SNV", visibleTo: .unrestricted)).hits.map(\.id), [id])
        XCTAssertEqual(try termCounts(), counted, "the term counts are made again with the index")
        XCTAssertEqual(try link.rows("SELECT to_regclass('page_text_v1') IS NULL AS gone") { try $0.bool("gone") }, [true])
        XCTAssertEqual(try link.rows("SELECT max(version) AS v FROM sohoa_schema") { try $0.int("v") }, [2])
    }
}
