import Classifier
import DocumentModel
import XCTest

/// A number made to agree with Nghị định 30's grammar where the page itself says what it
/// must be — every change named for review, since it alters what was read.
final class NumberGrammarTests: XCTestCase {
    func testTheTypeLineDecidesBetweenTTrAndTT() {
        let proposal = Fixture.classify(Fixture.document(number: "Số: 24/TT-UBND", typeLine: "TỜ TRÌNH"))
        XCTAssertEqual(proposal.number, "24/TTr-UBND")
        XCTAssertEqual(proposal.docType, .toTrinh)
        XCTAssertTrue(proposal.reviewFields.contains(.number))
        XCTAssertTrue(proposal.reviewReasons.contains { $0.contains("TT read as TTr") }, "\(proposal.reviewReasons)")

        let circular = Fixture.classify(Fixture.document(agency: ["BỘ NỘI VỤ"], number: "Số: 02/2019/TTr-BNV", typeLine: "THÔNG TƯ"))
        XCTAssertEqual(circular.number, "02/2019/TT-BNV")
        XCTAssertTrue(circular.reviewFields.contains(.number))

        let asRead = Fixture.classify(Fixture.document(number: "Số: 24/TTr-UBND", typeLine: "TỜ TRÌNH"))
        XCTAssertEqual(asRead.number, "24/TTr-UBND")
        XCTAssertFalse(asRead.reviewReasons.contains { $0.contains("read as") }, "a right number is left alone")
    }

    func testAWordGluedOnFromTheNextColumnIsCutOff() {
        let notice = Fixture.classify(Fixture.document(number: "Số: 15/TB-UBND-Biên", typeLine: "THÔNG BÁO"))
        XCTAssertEqual(notice.number, "15/TB-UBND")
        XCTAssertTrue(notice.reviewReasons.contains { $0.contains("Biên cut off") }, "\(notice.reviewReasons)")
        // Issuer and unit abbreviations stay, however many.
        let letter = Fixture.classify(Fixture.document(number: "Số: 575/UBND-KTTH", typeLine: nil))
        XCTAssertEqual(letter.number, "575/UBND-KTTH")
        let compound = Fixture.classify(Fixture.document(number: "Số: 12/KH-SKHĐT-TCCB", typeLine: "KẾ HOẠCH"))
        XCTAssertEqual(compound.number, "12/KH-SKHĐT-TCCB")
        XCTAssertFalse(compound.reviewReasons.contains { $0.contains("cut off") })
    }
}

extension NumberGrammarTests {
    /// "§" before the symbol is a printed 8 Tesseract misread; put back and named.
    func testASectionSignAmongTheDigitsIsAnEight() {
        let decision = Fixture.classify(Fixture.document(number: "Số: §41/CĐ-UBND", typeLine: "CÔNG ĐIỆN"))
        XCTAssertEqual(decision.number, "841/CĐ-UBND")
        XCTAssertTrue(decision.reviewFields.contains(.number))
        XCTAssertTrue(decision.reviewReasons.contains { $0.contains("8 for §") }, "\(decision.reviewReasons)")
        let plain = Fixture.classify(Fixture.document(number: "Số: 841/CĐ-UBND", typeLine: "CÔNG ĐIỆN"))
        XCTAssertFalse(plain.reviewFields.contains(.number))
    }
}
