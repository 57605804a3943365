import DocumentModel
import DocumentSynth
import SohoaTesting
import XCTest
@testable import Classifier

/// The syllable model puts back the tone or đ stroke OCR slipped in a trích yếu, and leaves
/// right text alone: a model that changed a right subject would make a silent error.
final class SyllableModelTests: XCTestCase {
    private let model = SyllableModel.shipped

    func testASlippedToneOrStrokeIsPutBackWhereTheWordsBesideItAgree() {
        for (read, meant) in [
            ("Tố chức Hội nghị tổng kết công tác năm 2024", "Tổ chức Hội nghị tổng kết công tác năm 2024"),
            ("Về việc thuê địch vụ công nghệ thông tin", "Về việc thuê dịch vụ công nghệ thông tin"),
            ("xóa nhà tạm, nhà đột nát", "xóa nhà tạm, nhà dột nát"),
            // Capitals stay capitals.
            ("TỐ CHỨC HỘI NGHỊ", "TỔ CHỨC HỘI NGHỊ"),
        ] {
            let restored = model.restored(read)
            XCTAssertEqual(restored.text, meant)
            XCTAssertEqual(restored.changes.count, 1, "\(restored.changes)")
        }
    }

    func testTwoSlipsSideBySideArePutBackTogether() {
        // Neither "bảo" beside "đám" nor "đảm" beside "báo" is likelier enough: only the pair is.
        for (read, meant, restoredWords) in [
            ("Về việc báo đám an toàn giao thông", "Về việc bảo đảm an toàn giao thông", ["bảo", "đảm"]),
            ("Bổ nhiệm cán bộ lánh dạo", "Bổ nhiệm cán bộ lãnh đạo", ["lãnh", "đạo"]),
        ] {
            let restored = model.restored(read)
            XCTAssertEqual(restored.text, meant)
            XCTAssertEqual(restored.changes.map(\.restored), restoredWords)
        }
    }

    func testNamesAndRightTextAreLeftAlone() {
        for text in [
            // A name inside the sentence: the counts know too little of names to judge.
            "đón Tết Nguyên đán Nhâm Dằn",
            "Về việc tăng cường công tác quản lý nhà nước tại tỉnh Quảng Ngãi",
            "Kế hoạch chuyển đổi số năm 2025; phòng, chống thiên tai",
        ] {
            XCTAssertEqual(model.restored(text).text, text)
            XCTAssertTrue(model.restored(text).changes.isEmpty, text)
        }
    }

    func testEveryGeneratedSubjectIsLeftAlone() {
        // Both splits' vocabularies and forms: nothing here was slipped, so nothing may change.
        for fonts in [DocumentFactory.tuningFonts, DocumentFactory.heldBackFonts] {
            var factory = DocumentFactory(seed: 41, variety: .wide(fonts: fonts))
            let types = DocumentFactory.requiredTypes + DocumentFactory.otherTypes
            for index in 0..<400 {
                guard let subject = factory.make(types[index % types.count]).metadata.subject else { continue }
                XCTAssertEqual(model.restored(subject).text, subject)
            }
        }
    }

    func testEveryRealSubjectIsLeftAlone() throws {
        // Corpus-real's subjects as people typed them: read by no OCR, never seen by the counts.
        let subjects = try CorpusReal.truth().compactMap { $0["subject"] as? String }
        XCTAssertGreaterThan(subjects.count, 30)
        for subject in subjects {
            XCTAssertEqual(model.restored(subject).text, subject)
        }
    }

    func testAnOCRSubjectIsRestoredAndNamedButATypedOneIsNot() {
        let page = Fixture.document(number: "Số: 12/KH-UBND", typeLine: "KẾ HOẠCH",
                                    subject: ["Tố chức Hội nghị tổng kết công tác văn thư"])
        let read = Fixture.classify(page, source: .ocr)
        XCTAssertEqual(read.subject, "Tổ chức Hội nghị tổng kết công tác văn thư")
        XCTAssertTrue(read.reviewFields.contains(.subject))
        XCTAssertTrue(read.reviewReasons.contains { $0.contains("“Tố” read as “Tổ”") }, "\(read.reviewReasons)")
        let typed = Fixture.classify(page, source: .textLayer)
        XCTAssertEqual(typed.subject, "Tố chức Hội nghị tổng kết công tác văn thư")
    }

    func testASlipTooWeakToChangeIsStillNamedForReview() {
        // "tổng" beside "nghị" and "kết" is some 500 times likelier than "tống": short of the
        // bar for a change, past the bar for a doubt.
        let restored = model.restored("Về việc tổ chức Hội nghị tống kết công tác")
        XCTAssertEqual(restored.text, "Về việc tổ chức Hội nghị tống kết công tác")
        XCTAssertEqual(restored.doubts.map(\.twin), ["tổng"])
        let page = Fixture.document(number: "Số: 12/KH-UBND", typeLine: "KẾ HOẠCH",
                                    subject: ["Về việc tổ chức Hội nghị tống kết công tác"])
        let read = Fixture.classify(page, source: .ocr)
        XCTAssertTrue(read.reviewFields.contains(.subject))
        XCTAssertTrue(read.reviewReasons.contains { $0.contains("“tống” may be “tổng”") }, "\(read.reviewReasons)")
        XCTAssertTrue(model.restored("Về việc tổ chức Hội nghị tổng kết công tác").doubts.isEmpty)
    }

    func testAnOCRAgencyIsRestoredAndNamed() {
        let page = Fixture.document(agency: ["UBND TỈNH QUẢNG NGÃI", "BAN QLDA ĐẦU TỬ XÂY DỰNG"], number: "Số: 12/KH-BQLDA",
                                    typeLine: "KẾ HOẠCH")
        let read = Fixture.classify(page, source: .ocr)
        XCTAssertEqual(read.agency, "BAN QLDA ĐẦU TƯ XÂY DỰNG")
        XCTAssertTrue(read.reviewFields.contains(.agency))
        XCTAssertTrue(read.reviewReasons.contains { $0.contains("“TỬ” read as “TƯ”") }, "\(read.reviewReasons)")
        XCTAssertEqual(Fixture.classify(page, source: .textLayer).agency, "BAN QLDA ĐẦU TỬ XÂY DỰNG")
    }
}
