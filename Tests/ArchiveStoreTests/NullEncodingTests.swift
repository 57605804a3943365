@testable import ArchiveStore
import DocumentModel
import Foundation
import XCTest

/// Search hits and the correction trail are printed with every key, `null` when unknown:
/// these pin the exact JSON as the commands print it (sorted keys). Without sorting, the
/// order of keys is the encoder's own, so only the keys are compared there.
final class NullEncodingTests: XCTestCase {
    private func json<T: Encodable>(_ value: T, sorted: Bool) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = sorted ? [.sortedKeys, .withoutEscapingSlashes] : [.withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    func testASearchHitWritesEveryKeyNullWhenUnknown() throws {
        let hit = SearchHit(id: DocumentID("ab12"), source: "hộp 1/a.pdf", score: 1.5, page: nil, snippet: "«Quyết» định",
                            docType: .congVan, number: nil, issuedDate: nil, agency: nil, subject: nil, secrecy: nil)
        XCTAssertEqual(try json(hit, sorted: true), """
            {"agency":null,"doc_type":"cong_van","id":"ab12","issued_date":null,"number":null,"page":null,"score":1.5,\
            "secrecy":null,"snippet":"«Quyết» định","source":"hộp 1/a.pdf","subject":null}
            """)
        XCTAssertEqual(try json(hit, sorted: false).count, try json(hit, sorted: true).count, "the same keys unsorted")
        var found = hit
        found.page = 2
        found.number = "5/BC-UBND"
        XCTAssertEqual(try json(found, sorted: true), """
            {"agency":null,"doc_type":"cong_van","id":"ab12","issued_date":null,"number":"5/BC-UBND","page":2,"score":1.5,\
            "secrecy":null,"snippet":"«Quyết» định","source":"hộp 1/a.pdf","subject":null}
            """)
    }

    func testACorrectionWritesEveryKeyNullWhenEmpty() throws {
        let correction = Correction(field: .metadata(.number), machineValue: nil, correctedValue: "5/BC-UBND",
                                    correctedBy: "Lan", correctedAt: "2026-11-23T10:30:00.123Z", note: nil)
        XCTAssertEqual(try json(correction, sorted: true), """
            {"corrected_at":"2026-11-23T10:30:00.123Z","corrected_by":"Lan","corrected_value":"5/BC-UBND","field":"number",\
            "machine_value":null,"note":null}
            """)
        XCTAssertEqual(try json(correction, sorted: false).count, try json(correction, sorted: true).count, "the same keys unsorted")
    }

    func testMissingKeysDecodeAsUnknown() throws {
        let hit = try JSONDecoder().decode(SearchHit.self, from: Data("""
            {"id":"ab12","source":"a.pdf","score":1,"snippet":"","doc_type":"cong_van"}
            """.utf8))
        XCTAssertNil(hit.page)
        XCTAssertNil(hit.agency)
        let correction = try JSONDecoder().decode(Correction.self, from: Data("""
            {"field":"review_reasons","corrected_by":"Lan","corrected_at":"2026-11-23T10:30:00.123Z","machine_value":null}
            """.utf8))
        XCTAssertEqual(correction.field, .reviewReasons)
        XCTAssertNil(correction.machineValue)
        XCTAssertNil(correction.correctedValue)
    }
}
