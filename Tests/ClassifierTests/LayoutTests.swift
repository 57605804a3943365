import Classifier
import DocumentModel
import XCTest

/// Scanned pages read through their word boxes: what Tesseract runs together is taken
/// apart by position.
final class LayoutTests: XCTestCase {
    /// Words laid out left to right from `left`, 30 px high, one space (12 px) apart.
    private func words(_ text: String, left: Int, top: Int, confidence: Double = 92) -> [RecognizedWord] {
        var x = left
        return text.split(separator: " ").map { token in
            let width = 22 * token.count
            defer { x += width + 12 }
            return RecognizedWord(text: String(token), confidence: confidence, left: x, top: top, right: x + width, bottom: top + 30)
        }
    }

    private func page(_ words: [RecognizedWord]) -> RecognizedPage {
        RecognizedPage(number: 1, text: words.map(\.text).joined(separator: " "), source: .ocr,
                       confidence: 90, words: words, width: 2480, height: 3508)
    }

    /// The header's two blocks in one Tesseract line, with a stray accent between them; the
    /// signer's larger name sitting lower than the last recipient it was run into.
    private func scannedDecision() -> [RecognizedWord] {
        var all: [RecognizedWord] = []
        all += words("HĐND TỈNH HƯNG YÊN", left: 260, top: 140)
        all.append(RecognizedWord(text: "ˆ", confidence: 31, left: 719, top: 128, right: 737, bottom: 178))
        all += words("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", left: 1100, top: 138)
        all += words("VĂN PHÒNG", left: 350, top: 180)
        all += words("Độc lập - Tự do - Hạnh phúc", left: 1200, top: 182)
        all += words("Số: 427/QĐ-VP", left: 340, top: 250)
        all += words("Hưng Yên, ngày 19 tháng 01 năm 2018", left: 1100, top: 252)
        all += words("QUYẾT ĐỊNH", left: 1000, top: 340)
        all += words("Về việc phê duyệt kế hoạch số hóa tài liệu", left: 700, top: 385)
        all += words("Căn cứ Luật Lưu trữ ngày 11 tháng 11 năm 2011;", left: 300, top: 480)
        all += words("Nơi nhận:", left: 300, top: 1500)
        all += words("CHÁNH VĂN PHÒNG", left: 1500, top: 1500)
        all += words("- Như trên;", left: 300, top: 1540)
        all += words("- Lưu: VT.", left: 300, top: 1580)
        // Tesseract's order: the name follows the last recipient on the same "line".
        all += [RecognizedWord(text: "Trần", confidence: 94, left: 1550, top: 1592, right: 1674, bottom: 1648),
                RecognizedWord(text: "Văn", confidence: 95, left: 1692, top: 1604, right: 1790, bottom: 1650),
                RecognizedWord(text: "Hùng", confidence: 96, left: 1808, top: 1598, right: 1930, bottom: 1660)]
        return all
    }

    func testBlocksOfOneTesseractLineAreSeparatedAndStrayMarksDropped() {
        let metadata = DocumentClassifier(today: Fixture.today).classify([page(scannedDecision())])
        XCTAssertEqual(metadata.agencyParent, "HĐND TỈNH HƯNG YÊN")
        XCTAssertEqual(metadata.agency, "VĂN PHÒNG")
        XCTAssertEqual(metadata.number, "427/QĐ-VP")
        XCTAssertEqual(metadata.issuedDate, IssuedDate(year: 2018, month: 1, day: 19))
        XCTAssertEqual(metadata.docType, .quyetDinh)
        XCTAssertEqual(metadata.signerTitle, "CHÁNH VĂN PHÒNG")
        XCTAssertEqual(metadata.signer, "Trần Văn Hùng")

    }

    /// A slip into another syllable, where the recogniser weighed the right spelling too:
    /// the counts' weaker preference names the subject for review; the subject is left as
    /// read.
    func testASpellingOCRWeighedAndTheWordsBesideItPreferNamesTheSubject() {
        func decision(weighing: [String]?) -> DocumentMetadata {
            let subject = words("Về việc bảo đảm an toàn giao thông địp Tết Nguyên đán", left: 700, top: 385).map { word in
                var word = word
                if word.text == "địp" { word.alternatives = weighing }
                return word
            }
            let all = scannedDecision().filter { $0.top != 385 } + subject
            return DocumentClassifier(today: Fixture.today).classify([page(all)])
        }
        let weighed = decision(weighing: ["dịp"])
        XCTAssertEqual(weighed.subject, "Về việc bảo đảm an toàn giao thông địp Tết Nguyên đán")
        XCTAssertTrue(weighed.reviewReasons.contains { $0.contains("“địp” may be “dịp”") }, "\(weighed.reviewReasons)")
        // The counts alone prefer "dịp" too little to doubt it.
        let unweighed = decision(weighing: nil)
        XCTAssertFalse(unweighed.reviewReasons.contains { $0.contains("địp") }, "\(unweighed.reviewReasons)")
        // A spelling weighed that the words beside it do not prefer is no doubt.
        XCTAssertFalse(decision(weighing: ["đíp"]).reviewReasons.contains { $0.contains("địp") })
    }

    /// "III" in bold serif, its I's touching, read as "II": the box is as wide as three.
    func testARomanNumeralWiderThanItsStrokesNamesTheSubject() {
        func decision(numeralWidth: Int) -> DocumentMetadata {
            var subject = words("Họp Hội đồng thi đua, khen thưởng quý II", left: 700, top: 385)
            subject[subject.count - 1].right = subject[subject.count - 1].left + numeralWidth
            let all = scannedDecision().filter { $0.top != 385 } + subject
            return DocumentClassifier(today: Fixture.today).classify([page(all)])
        }
        let three = decision(numeralWidth: 46)
        XCTAssertEqual(three.subject, "Họp Hội đồng thi đua, khen thưởng quý II", "which numeral cannot be read off a box")
        XCTAssertTrue(three.reviewReasons.contains("subject: the numeral “II” is as wide as 3 strokes"), "\(three.reviewReasons)")
        XCTAssertFalse(decision(numeralWidth: 32).reviewReasons.contains { $0.contains("numeral") })
    }

    /// Where the counts say nothing ("phòng, chồng": a comma parts the pair), a word read
    /// unsurely whose other marks the recogniser weighed names the subject on its own.
    func testAnUnsureWordWhoseMarksOCRWeighedNamesTheSubject() {
        func decision(confidence: Double) -> DocumentMetadata {
            let subject = words("Về việc tăng cường công tác phòng, chồng thiên tai năm 2024", left: 700, top: 385).map { word in
                var word = word
                if word.text == "chồng" { (word.alternatives, word.confidence) = (["chống"], confidence) }
                return word
            }
            let all = scannedDecision().filter { $0.top != 385 } + subject
            return DocumentClassifier(today: Fixture.today).classify([page(all)])
        }
        let unsure = decision(confidence: 79)
        XCTAssertEqual(unsure.subject, "Về việc tăng cường công tác phòng, chồng thiên tai năm 2024")
        XCTAssertTrue(unsure.reviewReasons.contains("subject: “chồng” read at 79% confidence, and OCR weighed “chống”"),
                      "\(unsure.reviewReasons)")
        XCTAssertFalse(decision(confidence: 91).reviewFields.contains(.subject), "\(decision(confidence: 91).reviewReasons)")
    }

    func testAFieldWithAGuessedWordIsPutInDoubtAndOnlyThatField() {
        let sure = DocumentClassifier(today: Fixture.today).classify([page(scannedDecision())])
        XCTAssertEqual(sure.fieldConfidence[.agency] ?? 0, 0.92, accuracy: 0.001)
        XCTAssertEqual(sure.fieldConfidence[.signer] ?? 0, 0.94, accuracy: 0.001)
        XCTAssertFalse(sure.needsReview, "\(sure.reviewReasons)")

        let guessed = scannedDecision().map { word in
            var word = word
            if word.text == "PHÒNG", word.top == 180 { word.confidence = 41 }
            return word
        }
        let doubtful = DocumentClassifier(today: Fixture.today).classify([page(guessed)])
        XCTAssertEqual(doubtful.agency, "VĂN PHÒNG")
        XCTAssertEqual(doubtful.fieldConfidence[.agency] ?? 0, 0.41, accuracy: 0.001)
        XCTAssertTrue(doubtful.needsReview)
        XCTAssertEqual(doubtful.reviewFields, [.agency])
        XCTAssertEqual(doubtful.reviewReasons, ["agency read uncertainly (OCR word confidence 41%)"])

        // The number shares its row with the date; a guessed number leaves the date sure.
        let guessedNumber = scannedDecision().map { word in
            var word = word
            if word.text == "427/QĐ-VP" { word.confidence = 38 }
            return word
        }
        let numberInDoubt = DocumentClassifier(today: Fixture.today).classify([page(guessedNumber)])
        XCTAssertEqual(numberInDoubt.reviewFields, [.number])
        XCTAssertEqual(numberInDoubt.fieldConfidence[.issuedDate] ?? 0, 0.92, accuracy: 0.001)

        // A number is held to its grammar: at 55 it stands, where free text at 55 is in doubt.
        let fairly = scannedDecision().map { word in
            var word = word
            if word.text == "427/QĐ-VP" || (word.text == "PHÒNG" && word.top == 180) { word.confidence = 55 }
            return word
        }
        let grammar = DocumentClassifier(today: Fixture.today).classify([page(fairly)])
        XCTAssertEqual(grammar.reviewFields, [.agency], "\(grammar.reviewReasons)")

        // A position spelt as the list has it is the list's, however unsure its capitals.
        let unsureTitle = scannedDecision().map { word in
            var word = word
            if word.top == 1500, word.text == "CHÁNH" { word.confidence = 30 }
            return word
        }
        let listed = DocumentClassifier(today: Fixture.today).classify([page(unsureTitle)])
        XCTAssertEqual(listed.fieldConfidence[.signerTitle] ?? 0, 0.30, accuracy: 0.001)
        XCTAssertFalse(listed.reviewFields.contains(.signerTitle), "\(listed.reviewReasons)")
    }

    /// Dũng and Dung are both common names: read unsurely, either may be the other.
    func testANameWithACommonTwinReadUnsurelyIsNamed() {
        func signed(_ given: String, confidence: Double) -> DocumentMetadata {
            let name = [RecognizedWord(text: "Mai", confidence: 95, left: 1550, top: 1592, right: 1640, bottom: 1648),
                        RecognizedWord(text: given, confidence: confidence, left: 1660, top: 1596, right: 1760, bottom: 1650),
                        RecognizedWord(text: "Dũng", confidence: 96, left: 1780, top: 1598, right: 1900, bottom: 1660)]
            let all = scannedDecision().filter { !($0.top >= 1592 && $0.left >= 1550) } + name
            return DocumentClassifier(today: Fixture.today).classify([page(all)])
        }
        let unsure = signed("Tiền", confidence: 80)
        XCTAssertEqual(unsure.signer, "Mai Tiền Dũng")
        XCTAssertTrue(unsure.reviewReasons.contains { $0.hasPrefix("signer read at 80% confidence, and") && $0.contains("“Dũng” may be Dung") },
                      "\(unsure.reviewReasons)")
        XCTAssertFalse(signed("Tiền", confidence: 93).reviewFields.contains(.signer))
    }

    func testAnAuthorityWithoutItsPositionIsPutInDoubt() {
        let text = Fixture.document(number: "Số: 12/QĐ-UBND", typeLine: "QUYẾT ĐỊNH",
                                    signature: ["KT. CHỦ TỊCH", "", "", "Trần Phước Hiền"])
        let metadata = Fixture.classify(text)
        XCTAssertEqual(metadata.signingAuthority, "KT. CHỦ TỊCH")
        XCTAssertNil(metadata.signerTitle)
        XCTAssertEqual(metadata.reviewFields, [.signerTitle])
        XCTAssertEqual(metadata.fieldConfidence[.number], 1, "a text layer guesses nothing")
    }

    func testASpeckBetweenLinesDoesNotSplitThemAndAParagraphGapEndsATrichYeu() {
        var all = scannedDecision().filter { $0.top < 340 }
        all += words("QUYẾT ĐỊNH", left: 1000, top: 340)
        all += words("Về việc phê duyệt kế hoạch số hóa", left: 700, top: 385)
        // A bracket read from a speck under the line, clear of both lines' heights.
        all.append(RecognizedWord(text: ")", confidence: 71, left: 1150, top: 420, right: 1160, bottom: 428))
        all += words("tài liệu lưu trữ năm 2018", left: 760, top: 432)
        // Prose after a gap of two line heights, opening with no word the rules stop at.
        all += words("Trong những năm qua công tác lưu trữ đã có nhiều chuyển biến", left: 300, top: 530)
        let metadata = DocumentClassifier(today: Fixture.today).classify([page(all)])
        XCTAssertEqual(metadata.subject, "Về việc phê duyệt kế hoạch số hóa tài liệu lưu trữ năm 2018")
    }

    func testTextLayerPagesAreReadAsTheirText() {
        let text = Fixture.document(number: "Số: 12/QĐ-UBND", typeLine: "QUYẾT ĐỊNH")
        let metadata = DocumentClassifier(today: Fixture.today)
            .classify([RecognizedPage(number: 1, text: text, source: .textLayer)])
        XCTAssertEqual(metadata.agency, "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI")
        XCTAssertEqual(metadata.number, "12/QĐ-UBND")
    }
}

extension LayoutTests {
    /// A dash or rule read beside a word ("_ KT.", the rim of a lifted seal) sits lower
    /// than the word: it must not pull the word onto the next line. Words from the seal
    /// scan of the tuning split (doc_0026), where it did.
    func testAMarkBesideAWordDoesNotMoveItsLine() {
        var all = words("Nơi nhận:", left: 269, top: 1237)
        all += [RecognizedWord(text: "_", confidence: 80, left: 1022, top: 1266, right: 1025, bottom: 1268),
                RecognizedWord(text: "KT.", confidence: 90, left: 1047, top: 1236, right: 1107, bottom: 1274),
                RecognizedWord(text: "GIÁM", confidence: 95, left: 1120, top: 1229, right: 1213, bottom: 1262),
                RecognizedWord(text: "ĐỐC", confidence: 95, left: 1224, top: 1228, right: 1296, bottom: 1262)]
        all += words("- Như trên;", left: 270, top: 1276)
        all += [RecognizedWord(text: "PHÓ", confidence: 95, left: 1050, top: 1266, right: 1118, bottom: 1314),
                RecognizedWord(text: "GIÁM", confidence: 95, left: 1134, top: 1266, right: 1214, bottom: 1314),
                RecognizedWord(text: "ĐỐC", confidence: 95, left: 1233, top: 1270, right: 1305, bottom: 1304)]
        all += words("- Lưu: VT, TH.", left: 270, top: 1313)
        all += words("Trần Quốc Tuấn", left: 1080, top: 1450)
        let metadata = DocumentClassifier(today: Fixture.today).classify([page(scannedDecision().prefix(22) + all)])
        XCTAssertEqual(metadata.signingAuthority, "KT. GIÁM ĐỐC")
        XCTAssertEqual(metadata.signerTitle, "PHÓ GIÁM ĐỐC")
        XCTAssertEqual(metadata.signer, "Trần Quốc Tuấn")
    }
}
