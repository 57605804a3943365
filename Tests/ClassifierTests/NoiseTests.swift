import Classifier
import DocumentModel
import XCTest

final class NoiseTests: XCTestCase {
    func testOCRNoiseInNumberDateAndTypeLine() {
        let text = """
        ÚY BAN NHÂN DÂN CỌNG HÒA XÃ HỘI CHÚ NGHĨA VIỆT NAM
        TỈNH QUẢNG NGÃI Độc lập - Tự do - Hạnh phúc
        Sô : 24 /TTr -UBND Quảng Ngãi, ngảy 07 thảng 02 nằm 2 0 2 5
        TỜ TRỈNH

        Về việc miễn nhiệm chức danh Ủy viên
        Ủy ban nhân dân tỉnh Quảng Ngãi nhiệm kỳ 2021 - 2026

        Kính gửi: Hội đồng nhân dân tỉnh
        """
        let metadata = Fixture.classify(text, source: .ocr)
        XCTAssertEqual(metadata.number, "24/TTr-UBND")
        XCTAssertEqual(metadata.issuedDate?.iso, "2025-02-07")
        XCTAssertEqual(metadata.place, "Quảng Ngãi")
        XCTAssertEqual(metadata.docType, .toTrinh)
        // "ÚY" is a tone slip on a name the lexicon knows.
        XCTAssertEqual(metadata.agency, "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI")
        XCTAssertEqual(metadata.subject, "Về việc miễn nhiệm chức danh Ủy viên Ủy ban nhân dân tỉnh Quảng Ngãi nhiệm kỳ 2021 - 2026")
    }

    func testMarksOCRSlippedOnKnownNamesArePutBack() {
        let text = Fixture.document(
            agency: ["HĐND TỈNH HUNGYÊN", "ỦY BAN NHÂN DẬN XÃ TẤN HIỆP"], number: "Số: 881/CĐĐ-STNMT",
            typeLine: "CÔNG ĐIỆN", signature: ["TM. ỦY BAN NHÂN DÂN", "CHU TỊCH", "", "Trần Văn Hùng"])
        let metadata = Fixture.classify(text, source: .ocr)
        XCTAssertEqual(metadata.agencyParent, "HĐND TỈNH HƯNG YÊN")
        // The commune is in the gazetteer: one commune is spelt with these letters.
        XCTAssertEqual(metadata.agency, "ỦY BAN NHÂN DÂN XÃ TÂN HIỆP")
        XCTAssertEqual(metadata.signerTitle, "CHỦ TỊCH")
        XCTAssertEqual(metadata.number, "881/CĐ-STNMT")
        XCTAssertEqual(metadata.docType, .congDien)
        for (read, meant) in [("BẠN QUẢN LÝ CÁC KHU CÔNG NGHIỆP", "BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP"),
                              ("TRƯƠNG ĐẠI HỌC NỘI VỤ HÀ NỘI", "TRƯỜNG ĐẠI HỌC NỘI VỤ HÀ NỘI")] {
            let page = Fixture.document(agency: ["UBND TỈNH QUẢNG NGÃI", read], number: "Số: 12/KH-BQL", typeLine: "KẾ HOẠCH")
            XCTAssertEqual(Fixture.classify(page, source: .ocr).agency, meant)
        }
    }

    func testASpeckBesideTheMottoDoesNotEndTheAgencysBlock() {
        for (agency, parent, expected) in [
            (["BỘ NỘI VỤ", "Ñ", "CỤC VĂN THƯ VÀ LƯU TRỮ", "NHÀ NƯỚC"], "BỘ NỘI VỤ", "CỤC VĂN THƯ VÀ LƯU TRỮ NHÀ NƯỚC"),
            (["BỘ CÔNG THƯƠNG", ":", "TRƯỜNG ĐẠI HỌC CÔNG THƯƠNG", "THÀNH PHỐ HỒ CHÍ MINH"], "BỘ CÔNG THƯƠNG",
             "TRƯỜNG ĐẠI HỌC CÔNG THƯƠNG THÀNH PHỐ HỒ CHÍ MINH"),
        ] {
            let page = Fixture.document(agency: agency, number: "Số: 12/KH-VTLTNN", typeLine: "KẾ HOẠCH")
            let metadata = Fixture.classify(page, source: .ocr)
            XCTAssertEqual(metadata.agency, expected)
            XCTAssertEqual(metadata.agencyParent, parent)
        }
    }

    func testTheCouncilsAbbreviationALetterOffIsPutBackAndNamed() {
        let page = Fixture.document(agency: ["DBND TỈNH THANH HÓA", "SỞ NỘI VỤ"], number: "Số: 12/KH-SNV", typeLine: "KẾ HOẠCH")
        let metadata = Fixture.classify(page, source: .ocr)
        XCTAssertEqual(metadata.agencyParent, "UBND TỈNH THANH HÓA")
        XCTAssertTrue(metadata.reviewFields.contains(.agencyParent), "\(metadata.reviewReasons)")
        let right = Fixture.classify(page.replacingOccurrences(of: "DBND", with: "UBND"), source: .ocr)
        XCTAssertEqual(right.agencyParent, "UBND TỈNH THANH HÓA")
        XCTAssertFalse(right.reviewFields.contains(.agencyParent), "\(right.reviewReasons)")
    }

    func testDigitsOCRReadAsOtherMarksAreTakenAndNamed() {
        for (date, iso) in [("Quảng Ngãi, ngày 0Š tháng 4 năm 2017", "2017-04-05"), ("Hà Nội, ngày 2§ tháng 3 năm 2018", "2018-03-28"),
                            ("Hà Nội, ngày 04 tháng TT năm 2020", "2020-11-04"), ("Hà Nội, ngày 10 tháng 02 năm 202Š", "2025-02-10")] {
            let metadata = Fixture.classify(Fixture.document(number: "Số: 12/KH-UBND", date: date, typeLine: "KẾ HOẠCH"), source: .ocr)
            XCTAssertEqual(metadata.issuedDate?.iso, iso, date)
            XCTAssertTrue(metadata.reviewFields.contains(.issuedDate), "\(date): \(metadata.reviewReasons)")
        }
        // A serif 1 blurred reads "]", or T among other marks for 1; T beside a digit may be any.
        for (date, iso) in [("Hà Nội, ngày 0] tháng 8 năm 2016", "2016-08-01"), ("Hà Nội, ngày TÌ tháng 12 năm 2021", "2021-12-11"),
                            ("Hà Nội, ngày 20 tháng T] năm 2019", "2019-11-20"), ("Quảng Ngãi, ngày 24 tháng 9 năm 202]", "2021-09-24")] {
            let metadata = Fixture.classify(Fixture.document(number: "Số: 12/KH-UBND", date: date, typeLine: "KẾ HOẠCH"), source: .ocr)
            XCTAssertEqual(metadata.issuedDate?.iso, iso, date)
        }
        let unsure = Fixture.classify(Fixture.document(number: "Số: 12/KH-UBND", date: "Hà Nội, ngày 21T tháng 9 năm 2020",
                                                       typeLine: "KẾ HOẠCH"), source: .ocr)
        XCTAssertNil(unsure.issuedDate)
        XCTAssertTrue(unsure.reviewFields.contains(.issuedDate), "\(unsure.reviewReasons)")
        let plain = Fixture.classify(Fixture.document(number: "Số: 12/KH-UBND", date: "Hà Nội, ngày 15 tháng 8 năm 2018",
                                                      typeLine: "KẾ HOẠCH"), source: .ocr)
        XCTAssertEqual(plain.issuedDate?.iso, "2018-08-15")
        XCTAssertFalse(plain.reviewFields.contains(.issuedDate), "\(plain.reviewReasons)")
    }

    func testTheFormulaReadInCapitalsIsWrittenAsPrinted() {
        let text = Fixture.document(number: "Số: 12/CT-UBND", typeLine: "CHỈ THỊ",
                                    subject: ["VỀ việc tăng cường công tác phòng, chống thiên tai"])
        XCTAssertEqual(Fixture.classify(text, source: .ocr).subject, "Về việc tăng cường công tác phòng, chống thiên tai")
        for read in ["Vêviệc tăng cường", "Về viêc tăng cường", "Vệ việc tăng cường"] {
            let slipped = text.replacingOccurrences(of: "VỀ việc tăng cường", with: read)
            XCTAssertEqual(Fixture.classify(slipped, source: .ocr).subject, "Về việc tăng cường công tác phòng, chống thiên tai", read)
        }
        for read in ["và việc tăng cường", "Vô việc tăng cường"] {
            let slipped = Fixture.classify(text.replacingOccurrences(of: "VỀ việc tăng cường", with: read), source: .ocr)
            XCTAssertEqual(slipped.subject, "Về việc tăng cường công tác phòng, chống thiên tai", read)
            XCTAssertTrue(slipped.reviewFields.contains(.subject), "a letter changed is named: \(slipped.reviewReasons)")
        }
        let own = text.replacingOccurrences(of: "VỀ việc tăng cường", with: "Việc tăng cường")
        XCTAssertEqual(Fixture.classify(own, source: .ocr).subject, "Việc tăng cường công tác phòng, chống thiên tai")
        let capitals = text.replacingOccurrences(of: "VỀ việc tăng cường công tác phòng, chống thiên tai",
                                                 with: "VỀ VIỆC TĂNG CƯỜNG CÔNG TÁC PHÒNG, CHỐNG THIÊN TAI")
        XCTAssertEqual(Fixture.classify(capitals, source: .ocr).subject?.hasPrefix("VỀ VIỆC"), true, "a subject set in capitals stays so")
    }

    func testAQuarterReadAsNoNumeralIsNamed() {
        let text = Fixture.document(number: "Số: 12/TB-UBND", typeLine: "THÔNG BÁO",
                                    subject: ["Họp Hội đồng thi đua, khen thưởng quý III"])
        XCTAssertFalse(Fixture.classify(text, source: .ocr).reviewFields.contains(.subject))
        let slipped = Fixture.classify(text.replacingOccurrences(of: "quý III", with: "quý IH"), source: .ocr)
        XCTAssertEqual(slipped.subject, "Họp Hội đồng thi đua, khen thưởng quý IH", "which quarter cannot be told")
        XCTAssertTrue(slipped.reviewFields.contains(.subject), "\(slipped.reviewReasons)")
        let word = Fixture.classify(text.replacingOccurrences(of: "quý III", with: "quý báu"), source: .ocr)
        XCTAssertFalse(word.reviewFields.contains(.subject), "“quý” before a word is no quarter: \(word.reviewReasons)")
        let rules = Fixture.classify(text.replacingOccurrences(of: "Họp Hội đồng thi đua, khen thưởng quý III",
                                                                with: "Ban hành văn bản QUY PHẠM pháp luật"), source: .ocr)
        XCTAssertFalse(rules.reviewFields.contains(.subject), "quy, without its mark, is no quarter: \(rules.reviewReasons)")
    }

    func testLexiconNeverChangesLettersNorAnOldTonePlacement() {
        let text = Fixture.document(agency: ["UỶ BAN NHÂN DÂN", "TỈNH HÀ TĨNH"], number: "Số: 12/TTLT-BNV",
                                    typeLine: "TỜ TRÌNH", signature: ["KT. CHỦ TỊCH", "PHÓ CHỦ TICH", "", "Lê Văn An"])
        let metadata = Fixture.classify(text, source: .ocr)
        XCTAssertEqual(metadata.agency, "UỶ BAN NHÂN DÂN TỈNH HÀ TĨNH")
        XCTAssertEqual(metadata.number, "12/TTLT-BNV")
        XCTAssertEqual(metadata.signerTitle, "PHÓ CHỦ TỊCH")
        let unknown = Fixture.document(agency: ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÁY"], number: "Số: 5/QĐĐĐ-UBND",
                                       typeLine: "QUYẾT ĐỊNH")
        let kept = Fixture.classify(unknown, source: .ocr)
        XCTAssertEqual(kept.agency, "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÁY", "a Y is no I: letters are OCR's evidence")
        XCTAssertEqual(kept.number, "5/QĐĐĐ-UBND")
    }

    func testATrichYeuCitingDocumentsGoesOnPastTheirDates() {
        let text = Fixture.document(number: "Số: 07/TTr-UBND", typeLine: "TỜ TRÌNH", subject: [
            "Về việc ban hành Nghị quyết bãi bỏ các Nghị quyết: Số 39/2011/NQ-HĐND",
            "ngày 12/12/2011, số 27/2017/NQ-HĐND ngày 14/7/2017",
            "của Hội đồng nhân dân tỉnh Quảng Ngãi",
        ])
        XCTAssertEqual(Fixture.classify(text, source: .ocr).subject,
                       "Về việc ban hành Nghị quyết bãi bỏ các Nghị quyết: Số 39/2011/NQ-HĐND ngày 12/12/2011, số 27/2017/NQ-HĐND ngày 14/7/2017 của Hội đồng nhân dân tỉnh Quảng Ngãi")
        // Without a cited number before it, a "ngày 12 …" line still ends the trích yếu.
        let dated = Fixture.document(number: "Số: 08/TTr-UBND", typeLine: "TỜ TRÌNH",
                                     subject: ["Về việc kiểm kê tài liệu lưu trữ", "ngày 12 tháng 7 năm 2019 của Sở"])
        XCTAssertEqual(Fixture.classify(dated, source: .ocr).subject, "Về việc kiểm kê tài liệu lưu trữ")
    }

    func testAnIncomingStampBesideTheTrichYeuDoesNotEndIt() {
        let text = Fixture.document(number: "Số: 12/CT-UBND", typeLine: "CHỈ THỊ", subject: [
            "-TRUNG TÂM CÔNG BÁO Q. NGÃI | Về việc tăng cường công tác thi hành án hành chính",
            "Số: 1152 | trên địa bàn tỉnh Quảng Ngãi",
        ])
        XCTAssertEqual(Fixture.classify(text, source: .ocr).subject,
                       "Về việc tăng cường công tác thi hành án hành chính trên địa bàn tỉnh Quảng Ngãi")
    }

    func testWrongToneOnTypeLineAndEthInNumber() {
        // "QUYÉT" (wrong tone) still folds to QUYET; "QÐ" with Eth U+00D0 comes back as U+0110.
        let text = Fixture.document(number: "S6: 142/Q\u{00D0}-UBND", typeLine: "QUYÉT ĐỊNH")
        let metadata = Fixture.classify(text, source: .ocr)
        XCTAssertEqual(metadata.docType, .quyetDinh)
        XCTAssertEqual(metadata.number, "142/Q\u{0110}-UBND")
        XCTAssertFalse(metadata.number!.unicodeScalars.contains("\u{00D0}"))
    }

    func testDecomposedInputComesOutComposed() {
        let text = Fixture.document(number: "Số: 3/TB-UBND", typeLine: "THÔNG BÁO",
                                    subject: ["Kết luận của Phó Chủ tịch UBND tỉnh"])
        let metadata = Fixture.classify(text.decomposedStringWithCanonicalMapping)
        XCTAssertEqual(metadata.docType, .thongBao)
        XCTAssertEqual(metadata.subject, "Kết luận của Phó Chủ tịch UBND tỉnh")
        XCTAssertEqual(metadata.subject?.unicodeScalars.count, "Kết luận của Phó Chủ tịch UBND tỉnh".unicodeScalars.count)
        XCTAssertEqual(metadata.agency, "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI")
    }

    func testHandwrittenDigitsMissingGiveNilNumberWithReason() {
        let text = Fixture.document(number: "Số:       /TTr-UBND", typeLine: "TỜ TRÌNH")
        let metadata = Fixture.classify(text)
        XCTAssertNil(metadata.number)
        XCTAssertEqual(metadata.docType, .toTrinh)
        XCTAssertTrue(metadata.needsReview)
        XCTAssertEqual(metadata.reviewReasons, ["document number has no readable sequence digits"])
    }

    func testGarbledDigitsAreNotReturned() {
        let text = Fixture.document(agency: ["BỘ TÀI CHÍNH", "CỤC THUẾ"], number: "Số: 2/9. /CT-CS",
                                    typeLine: nil, subject: ["V/v chính sách thuế"])
        let metadata = Fixture.classify(text, source: .ocr)
        XCTAssertNil(metadata.number)
        XCTAssertEqual(metadata.docType, .congVan)
        XCTAssertEqual(metadata.reviewReasons, ["document number has no readable sequence digits"])
    }

    func testStrayDotAfterSequence() {
        let text = Fixture.document(agency: ["UỶ BAN NHÂN DÂN", "THỊ XÃ BỈM SƠN"], number: "Số: 3070. /KH-UBND",
                                    date: "Bỉm Sơn, ngày 09 tháng 9 năm 2024", typeLine: "KẾ HOẠCH")
        let metadata = Fixture.classify(text)
        XCTAssertEqual(metadata.number, "3070/KH-UBND")
        XCTAssertEqual(metadata.agency, "UỶ BAN NHÂN DÂN THỊ XÃ BỈM SƠN")
        XCTAssertEqual(metadata.place, "Bỉm Sơn")
    }

    /// A short original with no "Căn cứ" has its head run down into the copy's block under it.
    func testTheOriginalsDateIsNeverTheCopys() {
        let text = """
        BỘ TÀI NGUYÊN                     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
        VÀ MÔI TRƯỜNG                     Độc lập - Tự do - Hạnh phúc
        Số: 819/PC-BTNMT                  Hà Nội, ngày 1Ì tháng 1Z năm 2020
                               PHIẾU CHUYỂN
        Người đứng đầu cơ quan, tổ chức chịu trách nhiệm về việc lập hồ sơ.
        Nơi nhận:                                   KT. BỘ TRƯỞNG
        - Như trên;                                 THỨ TRƯỞNG
        - Lưu: VT, TH.
                                                    Tạ Quang Hưng
        SỞ NỘI VỤ                                   SAO LỤC
        Số: 217/SL-SNV                    Đồng Nai, ngày 13 tháng 12 năm 2020
        """
        let metadata = Fixture.classify(text, source: .ocr)
        XCTAssertNil(metadata.issuedDate, "the copy's date is the copy's")
        XCTAssertTrue(metadata.reviewFields.contains(.issuedDate), "\(metadata.reviewReasons)")
        XCTAssertEqual(metadata.copy?.issuedDate?.iso, "2020-12-13")
    }

    /// "phố" of a place's level slipped to "phó" is still the level: its letters allow no other word there.
    func testAPlaceLevelWithASlippedMarkIsKept() {
        let metadata = Fixture.classify(Fixture.document(number: "Số: 528/HD-DCT", date: "Thành phó Hồ Chí Minh, ngày 23 tháng 10 năm 2023",
                                                         typeLine: "HƯỚNG DẪN"), source: .ocr)
        XCTAssertEqual(metadata.place, "Thành phố Hồ Chí Minh")
    }
}
