import Classifier
import DocumentModel
import DocumentSynth
import Foundation
import SohoaTesting
import XCTest
@testable import ArchiveStore

/// `Archive.correct`: a person's values win everywhere the archive is read, and the
/// machine's are kept in an audit trail.
final class CorrectionTests: GeneratedArchiveTestCase {
    override var background: (seed: UInt64, documents: Int, maxPages: Int) { (7, 20, 2) }

    /// A công văn of 12 July 2019 from Sở Nội vụ, flagged for review, with two pages.
    private func storeLetter() throws -> DocumentID {
        var metadata = DocumentMetadata()
        metadata.docType = .congVan
        metadata.number = "456/SNV-VP"
        metadata.issuedDate = IssuedDate(iso: "2019-07-12")
        metadata.agency = "SỞ NỘI VỤ"
        metadata.subject = "Về việc kiểm kê tài liệu lưu trữ"
        metadata.signer = "Nguyễn Văn An"
        metadata.needsReview = true
        metadata.reviewReasons = ["no readable place"]
        metadata.reviewFields = [.place]
        metadata.fieldConfidence = [.agency: 0.48, .number: 0.93, .signer: 0.9]
        return try archive.store(newDocument(metadata, pages: [
            "Kính gửi các phòng. Đề nghị kiểm kê tài liệu lưu trữ, mã hồ sơ quảngtrịx",
            "Nơi nhận: như trên; lưu VT. Tài liệu lưu trữ",
        ], source: "hop_3/cong_van.pdf"))
    }

    @discardableResult
    private func correct(_ id: DocumentID, _ values: [MetadataField: String] = [:], clear: Set<String> = [],
                         by: String = "Trần Thị Bình", note: String? = nil, keepReview: Bool = false) throws -> CorrectionOutcome {
        let cleared = Set(try clear.map(MetadataCorrection.field(named:)))
        return try archive.correct(id, MetadataCorrection(values: values, cleared: cleared, correctedBy: by, note: note,
                                                          keepsReview: keepReview), visibleTo: .unrestricted)
    }

    private func ids(_ text: String, _ configure: (inout SearchQuery) -> Void = { _ in }) throws -> [DocumentID] {
        var query = SearchQuery(text: text, limit: 100, visibleTo: .unrestricted)
        configure(&query)
        return try archive.search(query).hits.map(\.id)
    }

    private func assertTermCountsAgreeWithTheIndex(file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try countedTerms(), try indexVocabulary(), "term_pages must stay the index's own page counts", file: file, line: line)
        if archive.database.dialect == .sqlite {
            try archive.database.execute("INSERT INTO page_text (page_text, rank) VALUES ('integrity-check', 0)")
        }
    }

    private func exportLines() throws -> [String: [String: Any]] {
        try archive.exportedRows(through: folder.appendingPathComponent("export.jsonl"))
    }

    /// Index row ids carry the issue date: a corrected date moves every row of the document.
    func testACorrectedDateMovesTheDocumentInTheIndex() throws {
        try onEveryBackend {
            let id = try storeLetter()
            try assertTermCountsAgreeWithTheIndex()
            try correct(id, ["issued_date": "2021-03-05"])
            func inRange(_ text: String, _ from: String, _ to: String) throws -> [DocumentID] {
                try ids(text) { $0.filters.issuedFrom = from; $0.filters.issuedTo = to }
            }
            for text in ["kiem ke tai lieu", "quảngtrịx", "456/SNV-VP", ""] {
                let label = "'\(text)'"
                XCTAssertEqual(try inRange(text, "2021-03-05", "2021-03-05"), [id], label)
                XCTAssertEqual(try inRange(text, "2019-07-12", "2019-07-12"), [], label)
            }
            XCTAssertEqual(try ids("quảngtrịx"), [id], "found once, under its new rows only")
            XCTAssertEqual(try ids("quangtrix") { $0.sort = .newest }, [id])
            // The raw index: each page once, every row under the new day.
            let documentRow = try XCTUnwrap(archive.database.prepare("SELECT rowid FROM documents WHERE id = ?").bind([.text(id.rawValue)]).rows { $0.int("rowid") }.first)
            let rows = try indexRows(holding: "tai").filter { ($0 >> 16) & 0xFF_FFFF == documentRow }
            XCTAssertEqual(rows.map { $0 & 0xFFFF }.sorted(), [0, 1, 2], "the subject (page 0) and both pages hold tài liệu")
            XCTAssertEqual(Set(rows.map { $0 >> 40 }), [SearchIndex.dayNumber("2021-03-05")])
            try assertTermCountsAgreeWithTheIndex()
            XCTAssertEqual(try archive.document(id: id, visibleTo: .unrestricted)?.metadata["issued_date"], "2021-03-05")
            // And back, and cleared: still one set of rows, counts still FTS5's.
            try correct(id, ["issued_date": "2019-07-12"])
            try correct(id, clear: ["issued_date"])
            XCTAssertEqual(try ids("quảngtrịx"), [id])
            XCTAssertEqual(try inRange("quangtrix", "2019-01-01", "2030-12-31"), [])
            XCTAssertEqual(try indexRows(holding: "quangtrix"),
                           [SearchIndex.rowID(issuedDate: nil, documentRow: documentRow, page: 1)])
            try assertTermCountsAgreeWithTheIndex()
        }
    }

    func testCorrectedMetadataIsWhatSearchFiltersAndNumbersFind() throws {
        try onEveryBackend {
            let id = try storeLetter()
            try correct(id, ["number": "457 / SNV-VP", "agency": "ỦY BAN NHÂN DÂN HUYỆN ĐÔNG ANH", "subject": "Về việc tu bổ đình Xuânđỉnh",
                             "doc_type": "thong_bao", "secrecy": "mat"])
            XCTAssertEqual(try ids("457/SNV-VP").first, id)
            XCTAssertEqual(try ids("SNV-VP 457").first, id)
            XCTAssertFalse(try ids("456/SNV-VP").contains(id), "the machine's number no longer names it")
            XCTAssertEqual(try ids("xuandinh"), [id], "the corrected subject is indexed")
            XCTAssertEqual(try ids("") { $0.filters.agency = "dong anh" }, [id])
            XCTAssertEqual(try ids("") { $0.filters.agency = "so noi vu" }.filter { $0 == id }, [])
            XCTAssertEqual(try ids("") { $0.filters.docTypes = ["thong_bao"]; $0.filters.secrecy = ["mat"] }, [id])
            let facets = try archive.facets(SearchQuery(text: "quangtrix", visibleTo: .unrestricted))
            XCTAssertEqual(facets.counts["secrecy"], [SearchFacets.Count(value: "mat", count: 1)])
            try assertTermCountsAgreeWithTheIndex()
        }
    }

    func testTheTrailKeepsTheMachineValueWhoAndWhenAndCorrectingTwiceAddsARow() throws {
        try onEveryBackend {
            let id = try storeLetter()
            let first = try correct(id, ["number": "457/SNV-VP"], note: "theo bản gốc")
            XCTAssertEqual(first.changes, [CorrectionOutcome.Change(field: "number", old: "456/SNV-VP", new: "457/SNV-VP")])
            XCTAssertEqual(first.clearedReviewReasons, ["no readable place"])
            let second = try correct(id, ["number": "458/SNV-VP"], by: "  Lê   Văn  Cường ")
            XCTAssertNil(second.clearedReviewReasons, "already off the review list")
            let trail = try archive.corrections(of: id, visibleTo: .unrestricted)
            XCTAssertEqual(trail.map(\.field), ["number", "review_reasons", "number"])
            XCTAssertEqual(trail.map(\.machineValue), ["456/SNV-VP", "[\"no readable place\"]", "456/SNV-VP"],
                           "every row keeps the machine's value, not the previous correction")
            XCTAssertEqual(trail.map(\.correctedValue), ["457/SNV-VP", "[]", "458/SNV-VP"])
            XCTAssertEqual(trail.map(\.correctedBy), ["Trần Thị Bình", "Trần Thị Bình", "Lê Văn Cường"])
            XCTAssertEqual(trail.map(\.note), ["theo bản gốc", "theo bản gốc", nil])
            XCTAssertEqual(trail[0].correctedAt, first.correctedAt)
            let at = try XCTUnwrap(ISO8601DateFormatter.withFractionalSeconds.date(from: trail[2].correctedAt))
            XCTAssertLessThan(abs(at.timeIntervalSinceNow), 60)
            XCTAssertEqual(try archive.document(id: id, visibleTo: .unrestricted)?.corrections, trail, "show carries the trail")
            XCTAssertEqual(try archive.document(id: id, visibleTo: .unrestricted)?.metadata["number"], "458/SNV-VP")
        }
    }

    func testCorrectedValuesAndTheMachineValuesAreExported() throws {
        try onEveryBackend {
            let id = try storeLetter()
            try correct(id, ["issued_date": "2019-07-21", "place": "Hà Nội"], clear: ["signer"])
            try archive.recordFailure(batchRoot: "/batch", source: "hop_3/hong.pdf", sha256: nil, reason: "PDF is encrypted")
            let export = try exportLines()
            let row = try XCTUnwrap(export["hop_3/cong_van.pdf"])
            XCTAssertEqual(row["issued_date"] as? String, "2019-07-21")
            XCTAssertEqual(row["place"] as? String, "Hà Nội")
            XCTAssertTrue(row["signer"] is NSNull)
            XCTAssertEqual(row["needs_review"] as? Bool, false)
            XCTAssertEqual(row["review_reasons"] as? [String], [])
            XCTAssertEqual(row["corrected_fields"] as? [String], ["issued_date", "place", "signer"], "in the contract's order")
            let machine = try XCTUnwrap(row["machine_values"] as? [String: Any])
            XCTAssertEqual(Set(machine.keys), ["issued_date", "place", "signer"])
            XCTAssertEqual(machine["issued_date"] as? String, "2019-07-12")
            XCTAssertTrue(machine["place"] is NSNull, "the machine found no place")
            XCTAssertEqual(machine["signer"] as? String, "Nguyễn Văn An")
            for source in ["doc1.pdf", "hop_3/hong.pdf"] {
                XCTAssertEqual(export[source]?["corrected_fields"] as? [String], [], source)
                XCTAssertEqual((export[source]?["machine_values"] as? [String: Any])?.count, 0, source)
            }
            // The new keys come after the contract's; none of its keys is gone.
            let file = try String(contentsOf: folder.appendingPathComponent("export.jsonl"), encoding: .utf8)
            let line = try XCTUnwrap(file.split(separator: "\n").first { $0.contains("cong_van.pdf") })
            let keys = ["\"id\"", "\"review_reasons\"", "\"copy_issued_date\"", "\"corrected_fields\"", "\"machine_values\""]
            let positions = try keys.map { try XCTUnwrap(line.range(of: $0)?.lowerBound, $0) }
            XCTAssertEqual(positions, positions.sorted())
        }
    }

    func testValuesAreNormalisedAndAnOtherTypeClearsTheLegalForm() throws {
        try onEveryBackend {
            var metadata = DocumentMetadata()
            metadata.docType = .vanBanQPPL
            metadata.legalForm = .thongTu
            metadata.number = "15/2021/TT-BNV"
            let id = try archive.store(newDocument(metadata, pages: ["Thông tư hướng dẫn"]))
            let outcome = try correct(id, ["doc_type": "cong_van", "agency": " \u{00D0}A\u{0300}I  PHÁT THANH\n TRUYỀN HÌNH ",
                                           "number": "15 / BNV-VP"], keepReview: true)
            XCTAssertEqual(outcome.changes.map(\.field), ["doc_type", "legal_form", "number", "agency"])
            let document = try XCTUnwrap(archive.document(id: id, visibleTo: .unrestricted))
            XCTAssertNil(document.metadata["legal_form"])
            XCTAssertEqual(document.metadata["agency"], "ĐÀI PHÁT THANH TRUYỀN HÌNH", "NFC, Đ repaired, spaces collapsed")
            XCTAssertEqual(document.metadata["agency"]?.unicodeScalars.first, "\u{0110}")
            XCTAssertEqual(document.metadata["number"], "15/BNV-VP")
            XCTAssertEqual(try archive.corrections(of: id, visibleTo: .unrestricted).first { $0.field == "legal_form" }?.machineValue, "thong_tu")
            // A value that is already the document's changes nothing and writes nothing.
            let again = try correct(id, ["number": "15/BNV-VP"])
            XCTAssertEqual(again.changes, [])
            XCTAssertNil(again.correctedAt)
            XCTAssertEqual(try archive.corrections(of: id, visibleTo: .unrestricted).count, 4)
        }
    }

    func testALegalFormIsKeptWithItsTypeAndSetWithIt() throws {
        try onEveryBackend {
            var metadata = DocumentMetadata()
            metadata.docType = .vanBanQPPL
            metadata.legalForm = .nghiDinh
            let decree = try archive.store(newDocument(metadata, pages: ["Nghị định quy định chi tiết"]))
            try correct(decree, ["number": "30/2020/NĐ-CP"])
            XCTAssertEqual(try archive.document(id: decree, visibleTo: .unrestricted)?.metadata["legal_form"], "nghi_dinh")
            let letter = try storeLetter()
            try correct(letter, ["doc_type": "van_ban_qppl", "legal_form": "thong_tu"])
            XCTAssertEqual(try archive.document(id: letter, visibleTo: .unrestricted)?.metadata["legal_form"], "thong_tu")
            XCTAssertTrue(try ids("") { $0.filters.legalForms = ["thong_tu"] }.contains(letter))
        }
    }

    func testTheReviewFlagIsClearedUnlessKept() throws {
        try onEveryBackend {
            let kept = try storeLetter()
            try correct(kept, ["place": "Hà Nội"], keepReview: true)
            XCTAssertEqual(try archive.reviewQueue(limit: 100, visibleTo: .unrestricted).map(\.id).filter { $0 == kept }, [kept])
            XCTAssertEqual(try archive.document(id: kept, visibleTo: .unrestricted)?.reviewFields, ["place"])
            try correct(kept, ["place": "Hải Phòng", "agency": "SỞ NỘI VỤ TỈNH"], clear: ["signer"])
            XCTAssertEqual(try archive.reviewQueue(limit: 100, visibleTo: .unrestricted).map(\.id).filter { $0 == kept }, [])
            let corrected = try XCTUnwrap(archive.document(id: kept, visibleTo: .unrestricted))
            XCTAssertEqual(corrected.needsReview, false)
            XCTAssertEqual(corrected.reviewFields, [])
            // A person's values are sure; a cleared field has no confidence; the rest stay.
            XCTAssertEqual(corrected.fieldConfidence, ["agency": 1, "place": 1, "number": 0.93])
        }
    }

    func testConfirmingEveryValueTakesTheDocumentOffTheReviewListWithItsValuesUnchanged() throws {
        try onEveryBackend {
            let id = try storeLetter()
            let before = try XCTUnwrap(archive.document(id: id, visibleTo: .unrestricted))
            XCTAssertTrue(before.needsReview)
            let outcome = try archive.correct(id, MetadataCorrection(correctedBy: "lan", confirmsAll: true), visibleTo: .unrestricted)
            XCTAssertEqual(outcome.changes, [])
            XCTAssertEqual(outcome.clearedReviewReasons, before.reviewReasons)
            let after = try XCTUnwrap(archive.document(id: id, visibleTo: .unrestricted))
            XCTAssertFalse(after.needsReview)
            XCTAssertEqual(after.metadata, before.metadata)
            XCTAssertEqual(try archive.corrections(of: id, visibleTo: .unrestricted).map(\.field.rawValue), ["review_reasons"],
                           "the trail says who confirmed it")
            XCTAssertEqual(try archive.correct(id, MetadataCorrection(correctedBy: "lan", confirmsAll: true), visibleTo: .unrestricted).correctedAt,
                           nil, "confirming a document already off the list writes nothing")
        }
    }

    func testInvalidValuesAreRefusedAndNothingIsWritten() throws {
        try onEveryBackend {
            let id = try storeLetter()
            let before = try XCTUnwrap(archive.document(id: id, visibleTo: .unrestricted))
            let refused: [(values: [MetadataField: String], clear: Set<String>, error: CorrectionError)] = [
                (["doc_type": "cong-van"], [], .invalid(field: "doc_type", value: "cong-van", reason: "")),
                (["issued_date": "2019-02-29"], [], .invalid(field: "issued_date", value: "2019-02-29", reason: "")),
                (["issued_date": "12/07/2019"], [], .invalid(field: "issued_date", value: "12/07/2019", reason: "")),
                (["issued_date": "2019-7-12"], [], .invalid(field: "issued_date", value: "2019-7-12", reason: "")),
                (["secrecy": "toi mat"], [], .invalid(field: "secrecy", value: "toi mat", reason: "")),
                (["urgency": "khẩn"], [], .invalid(field: "urgency", value: "khẩn", reason: "")),
                (["legal_form": "luat"], [], .invalid(field: "legal_form", value: "luat", reason: "")),
                (["subject": "  \n "], [], .invalid(field: "subject", value: "  \n ", reason: "")),
                (["signer": "Nguyễn\u{1}An"], [], .invalid(field: "signer", value: "Nguyễn\u{1}An", reason: "")),
                (["place": "Huế"], ["doc_type"], .cannotClear("doc_type")),
                ([:], ["place", "colour"], .unknownField("colour")),
                (["place": "Huế"], ["place"], .setAndCleared("place")),
                ([:], [], .nothingGiven),
            ]
            for (values, clear, expected) in refused {
                XCTAssertThrowsError(try correct(id, values, clear: clear), "\(values) \(clear)") { error in
                    guard let error = error as? CorrectionError else { return XCTFail("\(error)") }
                    switch (error, expected) {
                    case let (.invalid(field, value, _), .invalid(expectedField, expectedValue, _)):
                        XCTAssertEqual([field, value], [expectedField, expectedValue])
                    default: XCTAssertEqual(error, expected)
                    }
                }
            }
            XCTAssertThrowsError(try correct(id, ["place": "Huế"], by: " ")) { XCTAssertEqual($0 as? CorrectionError, .noCorrector) }
            XCTAssertThrowsError(try correct("0000000000000000", ["place": "Huế"])) {
                XCTAssertEqual($0 as? CorrectionError, .noSuchDocument("0000000000000000"))
            }
            XCTAssertEqual(try archive.corrections(of: id, visibleTo: .unrestricted), [])
            let after = try XCTUnwrap(archive.document(id: id, visibleTo: .unrestricted))
            XCTAssertEqual(after.metadata, before.metadata)
            XCTAssertTrue(after.needsReview)
        }
    }
}

extension ISO8601DateFormatter {
    static var withFractionalSeconds: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
