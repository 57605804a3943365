import Classifier
import DocumentModel
import XCTest

/// Values that OCR read with confidence and that still cannot be right, and values every
/// document has that were not found: named for review, never left silent.
final class PlausibilityTests: XCTestCase {
    private func signed(_ name: String) -> DocumentMetadata {
        Fixture.classify(Fixture.document(number: "Số: 12/KH-UBND", typeLine: "KẾ HOẠCH",
                                          signature: ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "", name]))
    }

    func testACommonNameIsTrusted() {
        // Ánh is rarer than Anh in the lists, but a name in its own right.
        for name in ["Trần Phước Hiền", "Nguyễn Văn Nam", "Lê Thị Mai", "Phạm Thị Thanh Trà", "Huỳnh Ngọc Ánh",
                     // Either tone placement: the list writes Hòa, a signature may print Hoà.
                     "Lê Thị Hòa", "Lê Thị Hoà"] {
            let metadata = signed(name)
            XCTAssertEqual(metadata.signer, name)
            XCTAssertFalse(metadata.reviewFields.contains(.signer), "\(name): \(metadata.reviewReasons)")
        }
    }

    func testASurnameWithASlippedToneIsPutBackAndTheChangeRecorded() {
        for (read, meant) in [("Trân Hoàng Tuấn", "Trần Hoàng Tuấn"), ("Nguyên Văn Nam", "Nguyễn Văn Nam")] {
            let metadata = signed(read)
            XCTAssertEqual(metadata.signer, meant)
            XCTAssertTrue(metadata.reviewFields.contains(.signer))
            XCTAssertTrue(metadata.reviewReasons.contains { $0.contains("surname") && $0.contains(meant.split(separator: " ")[0]) },
                          "\(metadata.reviewReasons)")
        }
        // Letters are never changed: a surname spelt with other letters stays as read.
        XCTAssertEqual(signed("Tràn Văn Nam").signer, "Tràn Văn Nam")
    }

    func testAGivenNameThatIsNoNameOrUnknownBesideACommonTwinIsDoubtedNotChanged() {
        for (read, twin) in [("Trần Hoàng Tuần", "Tuấn"), ("Trần Phước Hiên", "Hiền")] {
            let metadata = signed(read)
            XCTAssertEqual(metadata.signer, read)
            XCTAssertTrue(metadata.reviewFields.contains(.signer))
            XCTAssertTrue(metadata.reviewReasons.contains { $0.contains(twin) }, "\(metadata.reviewReasons)")
        }
        XCTAssertTrue(signed("Xuân Quang").reviewReasons.contains { $0.contains("surname") })
    }

    func testAWordNoVietnameseSyllableCanBeIsDoubtedInItsField() {
        let metadata = Fixture.classify(Fixture.document(number: "Số: 12/KH-UBND", typeLine: "KẾ HOẠCH",
                                                         subject: ["Về việc giải quyêt thủ tục hành chính"]))
        XCTAssertEqual(metadata.subject, "Về việc giải quyêt thủ tục hành chính")
        XCTAssertEqual(metadata.reviewFields, [.subject])
        XCTAssertTrue(metadata.reviewReasons.contains { $0.contains("quyêt") })
    }

    func testWhatEveryDocumentHasIsDoubtedWhenNotFound() {
        let unsigned = Fixture.classify(Fixture.document(number: "Số: 12/KH-UBND", typeLine: "KẾ HOẠCH", signature: []))
        XCTAssertNil(unsigned.signer)
        XCTAssertEqual(unsigned.reviewFields, [.signer])
        let whole = signed("Trần Phước Hiền")
        XCTAssertFalse(whole.needsReview, "\(whole.reviewReasons)")
    }

    /// A signing system stamps the number and the day into a born-digital page; OCR reads
    /// them from small raised digits and often misreads them ("565" as "55" on
    /// corpus-real). The page's text layer is exact, the reading is not.
    func testANumberAndDateReadFromASigningStampAreNamedForReview() {
        let text = Fixture.document(number: "Số: 565/TB-UBND", typeLine: "THÔNG BÁO")
        let plain = DocumentClassifier(today: Fixture.today).classify([RecognizedPage(number: 1, text: text, source: .textLayer)])
        XCTAssertEqual(plain.number, "565/TB-UBND")
        XCTAssertFalse(plain.reviewFields.contains(.number), "a text layer's own number is trusted")
        let stamped = DocumentClassifier(today: Fixture.today)
            .classify([RecognizedPage(number: 1, text: text, source: .textLayer, confidence: 91)])
        XCTAssertEqual(stamped.number, "565/TB-UBND")
        XCTAssertTrue(stamped.reviewFields.contains(.number))
        XCTAssertEqual(stamped.fieldConfidence[.number], 0.91)
        XCTAssertEqual(stamped.reviewFields.contains(.issuedDate), stamped.issuedDate != nil)
        XCTAssertTrue(stamped.reviewReasons.contains { $0.contains("signing system's stamp") })
    }
}
