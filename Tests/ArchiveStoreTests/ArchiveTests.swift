import Classifier
import DocumentModel
import Foundation
import XCTest
@testable import ArchiveStore

class ArchiveTests: ArchiveBackendTestCase {

    private func document(sha: SHA256, source: String, number: String, pages: [String]) -> NewDocument {
        var metadata = DocumentMetadata()
        metadata.docType = .vanBanQPPL
        metadata.legalForm = .quyetDinh
        metadata.number = number
        metadata.issuedDate = IssuedDate(year: 2018, month: 7, day: 12)
        metadata.agency = "THỦ TƯỚNG CHÍNH PHỦ"
        let recognized = pages.enumerated().map {
            RecognizedPage(number: $0.offset + 1, text: $0.element, source: .ocr, confidence: 90)
        }
        return NewDocument(batchRoot: "/batch", source: source, sha256: sha, originalPath: "originals/x", byteCount: 10,
                           mediaType: "application/pdf", pages: recognized, metadata: metadata)
    }

    private let sha1 = SHA256(rawValue: String(repeating: "a", count: 64))!
    private let sha2 = SHA256(rawValue: String(repeating: "b", count: 64))!

    func testSearchFoldsDiacriticsAndDBothWays() throws {
        let archive = try openArchive(in: folder)
        try archive.store(document(sha: sha1, source: "qd.pdf", number: "28/2018/QĐ-TTg",
                                   pages: ["QUYẾT ĐỊNH\nQuy định về lập, quản lý hồ sơ", "Điều 1. Phạm vi điều chỉnh"]))
        try archive.store(document(sha: sha2, source: "other.pdf", number: "5/BC-UBND",
                                   pages: ["Báo cáo tình hình kinh tế xã hội"]))
        for query in ["quyet dinh", "quyết định", "Quyết định", "QUYẾT ĐỊNH", "QUYET DINH"] {
            XCTAssertEqual(try archive.search(SearchQuery(text: query, visibleTo: .unrestricted)).hits.map(\.source), ["qd.pdf"], query)
        }
        let dieu = try archive.search(SearchQuery(text: "dieu", visibleTo: .unrestricted)).hits
        XCTAssertEqual(dieu.first?.page, 2)
        XCTAssertEqual(dieu.first?.snippet, "«Điều» 1. Phạm vi «điều» chỉnh")
        for query in ["28/2018/QĐ-TTg", "28/2018/qd-ttg"] {
            XCTAssertEqual(try archive.search(SearchQuery(text: query, visibleTo: .unrestricted)).hits.first?.source, "qd.pdf", query)
        }
        XCTAssertEqual(try archive.search(SearchQuery(text: "\"kinh te xa hoi\"", visibleTo: .unrestricted)).hits.map(\.source), ["other.pdf"])
        XCTAssertTrue(try archive.search(SearchQuery(text: "\"xa kinh te\"", visibleTo: .unrestricted)).hits.isEmpty, "a phrase keeps word order")
    }

    func testHostileQueriesNeverReachSQL() throws {
        let archive = try openArchive(in: folder)
        try archive.store(document(sha: sha1, source: "qd.pdf", number: "1/QĐ-UBND", pages: ["quyết định AND NEAR"]))
        for query in ["\"quyet", "AND", "OR NOT", "NEAR(", "quyet\tdinh\n", "a\" OR \"b", "'; DROP TABLE documents; --"] {
            XCTAssertNoThrow(try archive.search(SearchQuery(text: query, visibleTo: .unrestricted)), query)
        }
        XCTAssertEqual(try archive.search(SearchQuery(text: "\"quyet", visibleTo: .unrestricted)).hits.count, 1, "an unbalanced quote still searches its words")
        for query in [" ?! ", "*", ""] {
            XCTAssertThrowsError(try archive.search(SearchQuery(text: query, visibleTo: .unrestricted))) { XCTAssertEqual($0 as? ArchiveError, .emptyQuery) }
        }
        XCTAssertThrowsError(try archive.search(SearchQuery(text: String(repeating: "a ", count: 5_000), visibleTo: .unrestricted))) {
            XCTAssertEqual($0 as? ArchiveError, .queryTooLong(limit: 1_000))
        }
        XCTAssertThrowsError(try archive.search(SearchQuery(text: "quyet\u{0000}\u{0007}dinh", visibleTo: .unrestricted))) {
            XCTAssertEqual("\($0)", "the search contains a control character (U+0000); type or paste plain text")
        }
    }

    func testDamagedValuesAreReportedWithTheirRowNotReadAsEmpty() throws {
        try onEveryBackend {
            let archive = try openArchive(in: folder)
            let id = try archive.store(document(sha: sha1, source: "qd.pdf", number: "1/QĐ-UBND", pages: ["một"]))
            try archive.database.execute("UPDATE documents SET sha256 = 'not-a-digest'")
            XCTAssertThrowsError(try archive.document(id: id, visibleTo: .unrestricted)) { error in
                let damaged = error as? DamagedRow
                XCTAssertEqual([damaged?.table, damaged?.row, damaged?.column], ["documents", id.rawValue, "sha256"])
            }
            try archive.database.execute("UPDATE documents SET sha256 = '\(sha1.rawValue)', review_fields = '{\"number\"'")
            XCTAssertThrowsError(try archive.document(id: id, visibleTo: .unrestricted)) { error in
                XCTAssertEqual((error as? DamagedRow)?.column, "review_fields")
            }
        }
    }

    func testExportHasEveryContractKeyOnEveryLine() throws {
        try onEveryBackend {
            let archive = try openArchive(in: folder)
            let id = try archive.store(document(sha: sha1, source: "qd.pdf", number: "1/QĐ-UBND", pages: ["một", "hai"]))
            try archive.recordDuplicate(batchRoot: "/batch", source: "copy.pdf", sha256: sha1, of: id)
            try archive.recordFailure(batchRoot: "/batch", source: "bad.pdf", sha256: nil, reason: "file is empty")
            let out = folder.appendingPathComponent("out.jsonl")
            _ = FileManager.default.createFile(atPath: out.path, contents: nil)
            let handle = try FileHandle(forWritingTo: out)
            try archive.exportJSONL(to: handle, visibleTo: .unrestricted)
            try handle.close()
            let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n")
            XCTAssertEqual(lines.count, 3)
            let keys: Set<String> = ["id", "source", "source_display", "sha256", "status", "duplicate_of", "error", "pages", "doc_type",
                                     "legal_form", "number", "issued_date", "place", "agency", "agency_parent", "subject",
                                     "signer", "signer_title", "signing_authority", "secrecy", "urgency", "text",
                                     "text_source", "ocr_confidence", "needs_review", "review_reasons",
                                     // sohoa's own, after the contract's (the contract allows added keys).
                                     "searchable_pdf", "copy", "copy_number", "copy_issued_date", "corrected_fields", "machine_values",
                                     "review_fields", "field_confidence", "model_version", "fonds", "box", "file_code", "file_title", "doc_ordinal", "source_pages"]
            let rows = try lines.map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
            for row in rows { XCTAssertEqual(Set(row.keys), keys) }
            XCTAssertEqual(rows[0]["text"] as? String, "một\u{0C}hai")
            XCTAssertEqual(rows[0]["number"] as? String, "1/QĐ-UBND")
            XCTAssertEqual(rows[0]["issued_date"] as? String, "2018-07-12")
            XCTAssertEqual(rows[0]["legal_form"] as? String, "quyet_dinh")
            XCTAssertEqual(rows[1]["status"] as? String, "duplicate")
            XCTAssertEqual(rows[1]["duplicate_of"] as? String, id.rawValue)
            XCTAssertEqual(rows[1]["pages"] as? Int, 2)
            XCTAssertEqual(rows[2]["status"] as? String, "failed")
            XCTAssertEqual(rows[2]["error"] as? String, "file is empty")
            XCTAssertEqual(rows[2]["doc_type"] as? String, "unknown")
            XCTAssertTrue(rows[2]["id"] is NSNull)
        }
    }

    func testALaterOutcomeReplacesAFailureInsteadOfAddingALine() throws {
        try onEveryBackend {
            let archive = try openArchive(in: folder)
            try archive.recordFailure(batchRoot: "/batch", source: "qd.pdf", sha256: sha1, reason: "disk full")
            XCTAssertEqual(try archive.priorOutcome(batchRoot: "/batch", source: "qd.pdf", sha256: sha1), .failed)
            try archive.store(document(sha: sha1, source: "qd.pdf", number: "1/QĐ-UBND", pages: ["một"]))
            XCTAssertEqual(try archive.priorOutcome(batchRoot: "/batch", source: "qd.pdf", sha256: sha1), .ok)
            let count = try archive.database.prepare("SELECT count(*) AS count FROM inputs").rows { $0.int("count") }.first
            XCTAssertEqual(count, 1)
        }
    }

    func testAnUnreadableFailureIsReplacedOnceThePathIsIngested() throws {
        try onEveryBackend {
            let archive = try openArchive(in: folder)
            try archive.recordFailure(batchRoot: "/batch", source: "qd.pdf", sha256: nil, reason: "file cannot be read: permission denied")
            try archive.store(document(sha: sha1, source: "qd.pdf", number: "1/QĐ-UBND", pages: ["một"]))
            let rows = try archive.database.prepare("SELECT status FROM inputs").rows { $0.text("status") }
            XCTAssertEqual(rows, ["ok"], "the path is one input, now stored")
        }
    }

    func testOriginalsAreCopiedByteExactAndReopeningKeepsData() throws {
        try onEveryBackend {
            let source = FileManager.default.temporaryDirectory.appendingPathComponent("orig-\(UUID().uuidString)")
            let bytes = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
            try bytes.write(to: source)
            defer { try? FileManager.default.removeItem(at: source) }
            let sha = try Fingerprint.sha256(of: source)
            let path = try openArchive(in: folder).storeOriginal(at: source, sha256: sha, fileExtension: "pdf")
            XCTAssertEqual(path, "originals/\(sha.prefix)/\(sha).pdf")
            XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent(path)), bytes)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("originals/\(sha.prefix)").path)
            XCTAssertEqual(leftovers, ["\(sha).pdf"], "no temporary file is left behind")
            try openArchive(in: folder).store(document(sha: sha, source: "a.pdf", number: "2/QĐ-UBND", pages: ["x"]))
            XCTAssertEqual(try openArchive(in: folder).documentID(forSHA256: sha), DocumentID(String(sha.rawValue.prefix(16))))
        }
    }

    func testReviewQueueListsFlaggedDocumentsMostUncertainFirst() throws {
        try onEveryBackend {
            let archive = try openArchive(in: folder)
            func flagged(_ sha: Character, _ source: String, reasons: [String], confidence: Double?,
                         fields: [MetadataField] = [], fieldConfidence: [MetadataField: Double] = [:]) -> NewDocument {
                var new = document(sha: SHA256(rawValue: String(repeating: sha, count: 64))!, source: source, number: "1/QĐ-UBND", pages: ["một"])
                new.metadata.needsReview = !reasons.isEmpty
                new.metadata.reviewReasons = reasons
                new.metadata.reviewFields = fields
                new.metadata.fieldConfidence = fieldConfidence
                new.pages = new.pages.map { page in
                    var page = page
                    page.source = confidence == nil ? .textLayer : .ocr
                    page.confidence = confidence
                    return page
                }
                return new
            }
            try archive.store(flagged("a", "sure.pdf", reasons: [], confidence: 95))
            try archive.store(flagged("b", "one_reason_text.pdf", reasons: ["no issue date found"], confidence: nil))
            try archive.store(flagged("c", "one_reason_ocr.pdf", reasons: ["no issue date found"], confidence: 71))
            try archive.store(flagged("d", "two_reasons.pdf", reasons: ["no document number found", "no issue date found"], confidence: 92))
            try archive.store(flagged("e", "unsure_agency.pdf", reasons: ["agency read uncertainly"], confidence: 90,
                                      fields: [.agency], fieldConfidence: [.agency: 0.45, .number: 0.9]))
            try archive.store(flagged("f", "very_unsure_agency.pdf", reasons: ["agency read uncertainly"], confidence: 90,
                                      fields: [.agency], fieldConfidence: [.agency: 0.2, .number: 0.9]))
            try archive.store(flagged("0", "two_fields.pdf", reasons: ["no document number found", "agency read uncertainly"],
                                      confidence: 96, fields: [.number, .agency], fieldConfidence: [.agency: 0.5]))
            let queue = try archive.reviewQueue(limit: 10, visibleTo: .unrestricted)
            XCTAssertEqual(queue.map(\.source), ["two_fields.pdf", "very_unsure_agency.pdf", "unsure_agency.pdf",
                                                 "two_reasons.pdf", "one_reason_ocr.pdf", "one_reason_text.pdf"])
            XCTAssertEqual(queue[0].fields, ["number", "agency"])
            XCTAssertEqual(queue[1].lowestFieldConfidence, 0.2)
            XCTAssertEqual(queue[3].reasons, ["no document number found", "no issue date found"])
            XCTAssertEqual(try archive.reviewQueue(limit: 1, visibleTo: .unrestricted).count, 1)
        }
    }
}

final class RankingTests: XCTestCase {
    func testAdjacentWordsRankAboveScatteredOnes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sohoa-rank-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let archive = try Archive(directory: folder)
        func store(_ sha: Character, _ source: String, _ text: String) throws {
            try archive.store(NewDocument(
                batchRoot: "/b", source: source, sha256: SHA256(rawValue: String(repeating: sha, count: 64))!, originalPath: "x",
                byteCount: 1, mediaType: "image/png", pages: [RecognizedPage(number: 1, text: text, source: .ocr)],
                metadata: DocumentMetadata()))
        }
        try store("a", "scattered.png", "giải quyết thủ tục hành chính theo Nghị định số 61")
        try store("b", "phrase.png", "QUYẾT ĐỊNH về việc lập hồ sơ")
        XCTAssertEqual(try archive.search(SearchQuery(text: "quyet dinh", visibleTo: .unrestricted)).hits.map(\.source), ["phrase.png", "scattered.png"])
    }
}
