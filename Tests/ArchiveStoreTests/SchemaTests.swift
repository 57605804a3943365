import Classifier
import Foundation
import XCTest
@testable import ArchiveStore

/// An archive written by an older sohoa is upgraded in place, its documents kept and found.
final class SchemaTests: XCTestCase {
    func testAVersion1ArchiveIsUpgradedAndSearchable() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sohoa-schema-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        do {
            let database = try Database(path: folder.appendingPathComponent("sohoa.sqlite").path)
            guard case .sql(let version1) = Schema.migrations[0] else { return XCTFail("migration 1 is SQL") }
            try database.execute(version1)
            try database.execute("""
                INSERT INTO documents (id, sha256, original_path, byte_count, media_type, page_count, doc_type, number,
                    issued_date, agency, text_source, needs_review, review_reasons, ingested_at)
                VALUES ('abcdef0123456789', 'abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789',
                    'originals/ab/x.pdf', 10, 'application/pdf', 2, 'cong_van', '15/UBND-VP', '2016-04-02',
                    'ỦY BAN NHÂN DÂN HUYỆN ĐÔNG ANH', 'ocr', 0, '[]', '2024-01-01T00:00:00.000Z');
                INSERT INTO pages (document_id, number, text, source, confidence, words) VALUES
                    ('abcdef0123456789', 1, 'Về việc tu bổ đình làng Đông Hội', 'ocr', 91.5, '[]'),
                    ('abcdef0123456789', 2, 'Nơi nhận: như trên', 'ocr', 88.0, '[]');
                INSERT INTO inputs (batch_root, source, sha_key, status, document_id, first_seen, last_attempt)
                VALUES ('/kho', 'hop1/cv15.pdf', 'abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789', 'ok',
                    'abcdef0123456789', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z');
                PRAGMA user_version = 1;
                """)
        }
        let archive = try Archive(directory: folder)
        XCTAssertEqual(try archive.database.userVersion, Schema.migrations.count)
        let document = try XCTUnwrap(archive.document(id: "abcdef0123456789", visibleTo: .unrestricted))
        XCTAssertEqual(document.pages.map(\.text), ["Về việc tu bổ đình làng Đông Hội", "Nơi nhận: như trên"])
        let hit = try XCTUnwrap(archive.search(SearchQuery(text: "dinh lang dong hoi", visibleTo: .unrestricted)).hits.first)
        XCTAssertEqual([hit.source, hit.number], ["hop1/cv15.pdf", "15/UBND-VP"])
        XCTAssertEqual(hit.page, 1)
        XCTAssertEqual(try archive.search(SearchQuery(text: "15/ubnd-vp", visibleTo: .unrestricted)).hits.first?.id, "abcdef0123456789")
        XCTAssertEqual(try archive.database.prepare("SELECT pages FROM term_pages WHERE term = 'dong'").rows { $0.int("pages") }, [2],
                       "the page and the metadata row (agency ĐÔNG ANH) hold it")
    }
}
