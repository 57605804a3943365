@testable import Evaluation
import Foundation
import XCTest

/// Scores on inputs small enough to count by hand; the arithmetic is in the comments.
final class EvaluationTests: XCTestCase {
    private func records(_ text: String) throws -> [JSONRecord] {
        try JSONRecord.parseLines(Data(text.utf8))
    }

    private let truth = """
        {"file": "a.pdf", "doc_type": "quyet_dinh", "number": "15/QĐ-UBND", "subject": "Về việc A", "secrecy": null, "signer": null}
        {"file": "b.pdf", "doc_type": "cong_van", "number": "05/UBND-VP", "subject": "V/v Tăng cường", "secrecy": null}
        {"file": "c.pdf", "doc_type": "quyet_dinh", "number": "7/QĐ-UBND", "signer": "Lê Văn C"}
        {"file": "docs/d.pdf", "doc_type": "other", "number": null}
        {"file": "e.pdf", "doc_type": "bao_cao", "number": "9/BC-UBND"}
        """

    private let export = """
        {"source": "a.pdf", "status": "ok", "doc_type": "quyet_dinh", "number": "15/QĐ-UBND", "subject": "Về  việc A", "secrecy": "mat", "needs_review": true, "review_reasons": ["x"]}
        {"source": "b.pdf", "status": "ok", "doc_type": "quyet_dinh", "number": "05/UBND-VP", "subject": "Tang cuong", "needs_review": false}
        {"source": "c.pdf", "status": "ok", "doc_type": "quyet_dinh", "number": "7/QĐ-UBND", "secrecy": null, "needs_review": false}
        {"source": "d.pdf", "status": "ok", "doc_type": "bien_ban", "number": "12/BB-X", "needs_review": true}
        {"source": "z.pdf", "status": "ok", "doc_type": "thong_bao", "needs_review": false}
        """

    func testTypeScoresPerClassAndMacroF1() throws {
        let report = Evaluation.score(truth: try records(truth), export: try records(export))
        // Predicted: a, b, c quyet_dinh; d bien_ban, which is "other" here; e missing.
        let byType = Dictionary(uniqueKeysWithValues: report.classes.map { ($0.type, $0) })
        XCTAssertEqual(report.classes.map(\.type), ["quyet_dinh", "bao_cao", "cong_van", "other"])
        // quyet_dinh: 2 in truth, 3 predicted, 2 right: P 2/3, R 1, F1 0.8.
        XCTAssertEqual(byType["quyet_dinh"].map { [$0.support, $0.predicted, $0.truePositives] }, [2, 3, 2])
        XCTAssertEqual(byType["quyet_dinh"]!.precision, 2.0 / 3, accuracy: 1e-9)
        XCTAssertEqual(byType["quyet_dinh"]!.f1, 0.8, accuracy: 1e-9)
        XCTAssertEqual(byType["cong_van"]!.f1, 0)
        XCTAssertEqual(byType["other"]!.f1, 1)
        XCTAssertEqual(byType["bao_cao"].map { [$0.support, $0.predicted] }, [1, 0])
        // (0.8 + 0 + 1 + 0) / 4, and over the required quyet_dinh, cong_van, bao_cao: 0.8 / 3.
        XCTAssertEqual(report.macroF1!, 0.45, accuracy: 1e-9)
        XCTAssertEqual(report.macroF1Required!, 0.8 / 3, accuracy: 1e-9)
    }

    func testFieldsExactLooseAndWhatIsNotScored() throws {
        let report = Evaluation.score(truth: try records(truth), export: try records(export))
        let fields = Dictionary(uniqueKeysWithValues: report.fields.map { ($0.field, [$0.stated, $0.exact, $0.loose]) })
        // doc_type: a, c, d (other ~ bien_ban) right; b wrong; e missing.
        XCTAssertEqual(fields["doc_type"], [5, 3, 3])
        // number: d's null is not scored; e is missing.
        XCTAssertEqual(fields["number"], [4, 3, 3])
        // subject: a agrees once spaces collapse; b only without tones (and its "V/v").
        XCTAssertEqual(fields["subject"], [2, 1, 2])
        // secrecy: null in the truth means "none": a's invented stamp is a miss, b's none agrees.
        XCTAssertEqual(fields["secrecy"], [2, 1, 1])
        XCTAssertEqual(report.fields.map(\.field), ["doc_type", "number", "subject", "secrecy"])
        XCTAssertEqual(report.fieldsNotExported, ["signer"])
        XCTAssertEqual(report.documents.truth, 5)
        XCTAssertEqual(report.documents.matched, 4)
        XCTAssertEqual(report.documents.missing, ["e.pdf"])
        XCTAssertEqual(report.documents.exportStatuses, ["ok": 5])
        XCTAssertEqual(report.misses.map { "\($0.file) \($0.field)" },
                       ["a.pdf secrecy", "b.pdf doc_type", "b.pdf subject", "e.pdf doc_type", "e.pdf number"])
        XCTAssertEqual(report.misses[0], Miss(file: "a.pdf", field: "secrecy", expected: nil, got: "mat", flagged: true))
    }

    func testNeedsReviewCatchesAndFalseAlarms() throws {
        let review = Evaluation.score(truth: try records(truth), export: try records(export)).review
        // a: 1 wrong (secrecy), 3 right, flagged. b: 2 wrong, 2 right (number, no secrecy), not flagged.
        // c: 2 right, not flagged. d: 1 right, flagged. e is missing, so not judged.
        XCTAssertEqual([review.wrongDocuments, review.wrongDocumentsFlagged, review.rightDocuments, review.rightDocumentsFlagged],
                       [2, 1, 2, 1])
        XCTAssertEqual([review.wrongFields, review.wrongFieldsFlagged, review.rightFields, review.rightFieldsFlagged], [3, 1, 8, 4])
        XCTAssertEqual(review.catches, 0.5)
        XCTAssertEqual(review.falseAlarms, 0.5)
        XCTAssertEqual(review.wrongFieldsCaught!, 1.0 / 3, accuracy: 1e-9)
    }

    func testPathsMatchByWholeTrailingComponents() throws {
        let export = try records("""
            {"source": "a.pdf", "doc_type": "to_trinh"}
            {"source": "docs/a.pdf", "doc_type": "bao_cao"}
            {"source": "hộp 1/b.pdf", "doc_type": "ke_hoach"}
            {"source": "xb.pdf", "doc_type": "chi_thi"}
            """)
        let truth = try records("""
            {"file": "box/docs/a.pdf", "doc_type": "bao_cao"}
            {"file": "b.pdf", "doc_type": "ke_hoach"}
            {"file": "other/b.pdf", "doc_type": "ke_hoach"}
            """)
        let report = Evaluation.score(truth: truth, export: export)
        // The longer shared ending wins; a truth path may end the export's or the other way
        // round; "other/b.pdf" and "hộp 1/b.pdf" only share a file name.
        // The unmatched one has no value and no flag: a silent miss.
        XCTAssertEqual(report.fields.first, FieldScore(field: "doc_type", stated: 3, exact: 2, loose: 2, silent: 1))
        XCTAssertEqual(report.documents.missing, ["other/b.pdf"])
    }

    /// A bound scan's documents share its path: the truth's `source_pages` picks one, and a
    /// truth line without it is the document that opens the file.
    func testABoundScansDocumentsAreMatchedByTheirPages() throws {
        let export = try records("""
            {"source": "ho-so.pdf", "source_pages": "1-2", "doc_type": "quyet_dinh"}
            {"source": "ho-so.pdf", "source_pages": "3-5", "doc_type": "ke_hoach"}
            """)
        let truth = try records("""
            {"file": "ho-so.pdf", "source_pages": "3-5", "doc_type": "ke_hoach"}
            {"file": "ho-so.pdf", "doc_type": "quyet_dinh"}
            {"file": "ho-so.pdf", "source_pages": "6-7", "doc_type": "bao_cao"}
            """)
        let matched = Evaluation.match(truth: truth, export: export)
        XCTAssertEqual(matched.map { $0?["doc_type"] }, ["ke_hoach", "quyet_dinh", nil], "no document was cut at pages 6-7")
    }

    func testReviewFieldsFlagOnlyTheFieldsTheyName() throws {
        let truth = try records("""
            {"file": "a.pdf", "doc_type": "quyet_dinh", "number": "15/QĐ-UBND", "agency": "SỞ Y TẾ", "subject": "A"}
            """)
        // number and agency wrong, subject right; only number is named.
        let named = try records("""
            {"source": "a.pdf", "status": "ok", "doc_type": "quyet_dinh", "number": "16/QĐ-UBND", "agency": "SỞ Y TỂ", "subject": "A", "needs_review": true, "review_fields": ["number", "subject"]}
            """)
        let review = Evaluation.score(truth: truth, export: named).review
        XCTAssertEqual(review.wrongFields, 2)
        XCTAssertEqual(review.wrongFieldsFlagged, 1)
        XCTAssertEqual(review.rightFields, 2)
        XCTAssertEqual(review.rightFieldsFlagged, 1)
        XCTAssertEqual(review.wrongDocumentsFlagged, 1)
        // The agency is wrong and not named: one silent error in four judged fields, on a
        // flagged document (a review load of one in one).
        XCTAssertEqual(review.silentErrors, 0.25)
        XCTAssertEqual(review.reviewLoad, 1)
        let fields = Dictionary(uniqueKeysWithValues: Evaluation.score(truth: truth, export: named).fields.map { ($0.field, $0.silent) })
        XCTAssertEqual(fields, ["doc_type": 0, "number": 0, "agency": 1, "subject": 0])
        // Without the key the document's flag stands for all its fields.
        let unnamed = try records("""
            {"source": "a.pdf", "status": "ok", "doc_type": "quyet_dinh", "number": "16/QĐ-UBND", "agency": "SỞ Y TỂ", "subject": "A", "needs_review": true}
            """)
        let whole = Evaluation.score(truth: truth, export: unnamed).review
        XCTAssertEqual(whole.wrongFieldsFlagged, 2)
        XCTAssertEqual(whole.rightFieldsFlagged, 2)
        XCTAssertEqual(whole.silentErrors, 0)
    }

    /// The right field sent to review (subject, above) is listed with its document's reasons;
    /// without review_fields no field is said to be flagged on its own, so none is listed.
    func testRightFieldsSentToReviewAreListedWithTheirReasons() throws {
        let truth = try records("""
            {"file": "a.pdf", "doc_type": "quyet_dinh", "number": "15/QĐ-UBND", "subject": "A"}
            """)
        let named = try records("""
            {"source": "a.pdf", "status": "ok", "doc_type": "quyet_dinh", "number": "16/QĐ-UBND", "subject": "A", "needs_review": true, "review_fields": ["number", "subject"], "review_reasons": ["number read uncertainly", "subject: “A” may be “Á”"]}
            """)
        XCTAssertEqual(Evaluation.score(truth: truth, export: named).falseAlarms,
                       [FalseAlarm(file: "a.pdf", field: "subject", reasons: ["number read uncertainly", "subject: “A” may be “Á”"])])
        let unnamed = try records("""
            {"source": "a.pdf", "status": "ok", "doc_type": "quyet_dinh", "number": "16/QĐ-UBND", "subject": "A", "needs_review": true}
            """)
        XCTAssertEqual(Evaluation.score(truth: truth, export: unnamed).falseAlarms, [])
    }

    func testAMissIsTracedToWhereItsTruthIsInTheText() throws {
        let truth = try records("""
            {"file": "a.pdf", "doc_type": "to_trinh", "number": "24/TTr-UBND", "issued_date": "2025-02-07", "signer": "Trần Phước Hiền", "agency": "SỞ Y TẾ"}
            """)
        // The text has the date spelled out and the number, the signer only without its
        // marks, and no agency at all.
        let text = "Số: 24/TTr-UBND   Quảng Ngãi, ngày 07 tháng 2 năm 2025\nTrần Phước Hiên\u{0C}Kính gửi"
        let export = [JSONRecord(["source": "a.pdf", "status": "ok", "doc_type": "to_trinh", "number": "84/TTr-UBND",
                                  "issued_date": nil, "signer": "Trần Phước Hiên", "agency": "SỞ Y", "text": text])]
        let causes = Dictionary(uniqueKeysWithValues: Evaluation.score(truth: truth, export: export).misses.map { ($0.field, $0.cause) })
        XCTAssertEqual(causes["number"], MissCause.extraction)
        XCTAssertEqual(causes["issued_date"], MissCause.extraction)
        XCTAssertEqual(causes["signer"], MissCause.ocrMarks)
        XCTAssertEqual(causes["agency"], MissCause.notInText)
        let noText = Evaluation.score(truth: truth, export: [JSONRecord(["source": "a.pdf", "status": "ok", "number": "1/X"])])
        XCTAssertNil(noText.misses.first { $0.field == "number" }?.cause)
    }

    func testJSONLinesKeepScalarsAsTextAndNullsAsPresentKeys() throws {
        let line = try records(#"{"pages": 2, "needs_review": true, "x": null, "review_fields": ["a", "b"], "o": {"k": 1}, "s": "Đ"}"#)[0]
        XCTAssertEqual(line["pages"], "2")
        XCTAssertEqual(line["needs_review"], "true")
        XCTAssertTrue(line.has("x"))
        XCTAssertNil(line["x"])
        XCTAssertEqual(line["review_fields"], "a\nb")
        XCTAssertFalse(line.has("o"))
        XCTAssertEqual(line["s"], "Đ")
        XCTAssertThrowsError(try records("{\"a\": 1}\nnot json\n"))
    }
}
