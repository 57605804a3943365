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
    func testAnIssuersOneReadAsILetterIsPutBack() {
        let ordinance = Fixture.classify(Fixture.document(agency: ["ỦY BAN THƯỜNG VỤ QUỐC HỘI"], number: "Số: 874/2022/PL-UBTVQHI5",
                                                          typeLine: "PHÁP LỆNH"), source: .ocr)
        XCTAssertEqual(ordinance.number, "874/2022/PL-UBTVQH15")
        XCTAssertTrue(ordinance.reviewFields.contains(.number))
        XCTAssertTrue(ordinance.reviewReasons.contains { $0.contains("UBTVQHI5 read as UBTVQH15") }, "\(ordinance.reviewReasons)")
        let right = Fixture.classify(Fixture.document(number: "Số: 874/2022/PL-UBTVQH15", typeLine: "PHÁP LỆNH"), source: .ocr)
        XCTAssertEqual(right.number, "874/2022/PL-UBTVQH15")
        XCTAssertFalse(right.reviewReasons.contains { $0.contains("read as") }, "\(right.reviewReasons)")
    }

    func testAnIssuerALetterOffTheAgencysInitialsIsPutBackAndNamed() {
        for (agency, read, meant) in [
            (["UBND TỈNH QUẢNG NGÃI", "SỞ THÔNG TIN VÀ", "TRUYỀN THÔNG"], "Số: 90/TTr-STTTI", "90/TTr-STTTT"),
            (["BỘ NỘI VỤ", "CỤC VĂN THƯ VÀ LƯU TRỮ", "NHÀ NƯỚC"], "Số: 614/CT-VTLUTNN", "614/CT-VTLTNN"),
            (["UBND TỈNH QUẢNG NGÃI", "SỞ THÔNG TIN VÀ", "TRUYỀN THÔNG"], "Số: 954/CT-STTTTI", "954/CT-STTTT"),
        ] {
            let metadata = Fixture.classify(Fixture.document(agency: agency, number: read, typeLine: "CHỈ THỊ"), source: .ocr)
            XCTAssertEqual(metadata.number, meant, read)
            XCTAssertTrue(metadata.reviewReasons.contains { $0.contains("the agency's initials") }, "\(metadata.reviewReasons)")
        }
        for (agency, number) in [(["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI"], "Số: 575/UBND-KTTH"),
                                 (["UBND TỈNH QUẢNG NGÃI", "SỞ THÔNG TIN VÀ", "TRUYỀN THÔNG"], "Số: 90/TTr-STTTT"),
                                 (["BỘ NỘI VỤ"], "Số: 12/KH-SKHĐT-TCCB")] {
            let metadata = Fixture.classify(Fixture.document(agency: agency, number: number, typeLine: nil), source: .ocr)
            XCTAssertEqual(metadata.number, String(number.dropFirst(4)), number)
            XCTAssertFalse(metadata.reviewReasons.contains { $0.contains("the agency's initials") }, "\(metadata.reviewReasons)")
        }
    }

    func testASectionSignAmongTheDigitsIsAnEight() {
        let decision = Fixture.classify(Fixture.document(number: "Số: §41/CĐ-UBND", typeLine: "CÔNG ĐIỆN"))
        XCTAssertEqual(decision.number, "841/CĐ-UBND")
        XCTAssertTrue(decision.reviewFields.contains(.number))
        XCTAssertTrue(decision.reviewReasons.contains { $0.contains("8 for §") }, "\(decision.reviewReasons)")
        let plain = Fixture.classify(Fixture.document(number: "Số: 841/CĐ-UBND", typeLine: "CÔNG ĐIỆN"))
        XCTAssertFalse(plain.reviewFields.contains(.number))
    }
}
