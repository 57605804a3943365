import Classifier
import DocumentModel
import XCTest

final class TypeTests: XCTestCase {
    func testEachAdministrativeTypeFromTypeLineAndAbbreviation() {
        let cases: [(String, String, DocumentType)] = [
            ("NGHỊ QUYẾT", "NQ", .nghiQuyet), ("QUYẾT ĐỊNH", "QĐ", .quyetDinh),
            ("CHỈ THỊ", "CT", .chiThi), ("QUY CHẾ", "QC", .quyChe), ("QUY ĐỊNH", "QyĐ", .quyDinh),
            ("THÔNG CÁO", "TC", .thongCao), ("THÔNG BÁO", "TB", .thongBao),
            ("HƯỚNG DẪN", "HD", .huongDan), ("CHƯƠNG TRÌNH", "CTr", .chuongTrinh),
            ("KẾ HOẠCH", "KH", .keHoach), ("PHƯƠNG ÁN", "PA", .phuongAn), ("ĐỀ ÁN", "ĐA", .deAn),
            ("DỰ ÁN", "DA", .duAn), ("BÁO CÁO", "BC", .baoCao), ("TỜ TRÌNH", "TTr", .toTrinh),
            ("BIÊN BẢN", "BB", .bienBan), ("HỢP ĐỒNG", "HĐ", .hopDong), ("CÔNG ĐIỆN", "CĐ", .congDien),
            ("GIẤY MỜI", "GM", .giayMoi), ("GIẤY GIỚI THIỆU", "GGT", .giayGioiThieu),
        ]
        for (typeLine, abbreviation, expected) in cases {
            let text = Fixture.document(number: "Số: 15/\(abbreviation)-UBND", typeLine: typeLine)
            let metadata = Fixture.classify(text)
            XCTAssertEqual(metadata.docType, expected, typeLine)
            XCTAssertNil(metadata.legalForm, typeLine)
            XCTAssertEqual(metadata.number, "15/\(abbreviation)-UBND", typeLine)
            XCTAssertFalse(metadata.needsReview, "\(typeLine): \(metadata.reviewReasons)")
        }
    }

    func testAbbreviationAloneDecidesWhenTheTypeLineIsUnreadable() {
        // Đ and D are different letters here: HD hướng dẫn / HĐ hợp đồng, ĐA đề án / DA dự án.
        let cases: [(String, DocumentType)] = [
            ("HD", .huongDan), ("HĐ", .hopDong), ("ĐA", .deAn), ("DA", .duAn), ("CTr", .chuongTrinh),
            ("CT", .chiThi), ("TTr", .toTrinh), ("QyĐ", .quyDinh), ("QĐ", .quyetDinh),
        ]
        for (abbreviation, expected) in cases {
            let text = Fixture.document(number: "Số: 7/\(abbreviation)-UBND", typeLine: "%% ##", subject: [])
            XCTAssertEqual(Fixture.classify(text).docType, expected, abbreviation)
        }
    }

    func testCongVanFromVVAndIssuerUnitSymbol() {
        let text = """
            UBND TỈNH ĐỒNG NAI              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
               SỞ NỘI VỤ                          Độc lập - Tự do - Hạnh phúc

          Số: 456/SNV-VP                      Đồng Nai, ngày 03 tháng 4 năm 2023
        V/v góp ý dự thảo Quy chế làm việc
          của Ủy ban nhân dân tỉnh nhiệm
              kỳ 2021 - 2026

                               Kính gửi: Văn phòng Ủy ban nhân dân tỉnh

               Thực hiện Công văn số 1200/VP-NC ngày 28/3/2023 của Văn phòng UBND tỉnh,
          Sở Nội vụ có ý kiến như sau: thống nhất với dự thảo./.

          Nơi nhận:                                        KT. GIÁM ĐỐC
          - Như trên;                                      PHÓ GIÁM ĐỐC
          - Lưu: VT, VP.

                                                        Lê Thị Thu Hà
        """
        let metadata = Fixture.classify(text)
        XCTAssertEqual(metadata.docType, .congVan)
        XCTAssertEqual(metadata.number, "456/SNV-VP")
        XCTAssertEqual(metadata.issuedDate?.iso, "2023-04-03")
        XCTAssertEqual(metadata.place, "Đồng Nai")
        XCTAssertEqual(metadata.agency, "SỞ NỘI VỤ")
        XCTAssertEqual(metadata.agencyParent, "UBND TỈNH ĐỒNG NAI")
        XCTAssertEqual(metadata.subject, "góp ý dự thảo Quy chế làm việc của Ủy ban nhân dân tỉnh nhiệm kỳ 2021 - 2026")
        XCTAssertEqual(metadata.signingAuthority, "KT. GIÁM ĐỐC")
        XCTAssertEqual(metadata.signerTitle, "PHÓ GIÁM ĐỐC")
        XCTAssertEqual(metadata.signer, "Lê Thị Thu Hà")
        XCTAssertFalse(metadata.needsReview, "\(metadata.reviewReasons)")
    }

    func testCongVanWhoseIssuerCodeLooksLikeATypeAbbreviation() {
        // Cục Thuế signs công văn as "CT-…", which is also the abbreviation of chỉ thị.
        let text = Fixture.document(agency: ["BỘ TÀI CHÍNH", "CỤC THUẾ"], number: "Số: 2191/CT-CS",
                                    date: "Hà Nội, ngày 08 tháng 4 năm 2026", typeLine: nil,
                                    subject: ["V/v chính sách thuế TNDN"])
        let metadata = Fixture.classify(text)
        XCTAssertEqual(metadata.docType, .congVan)
        XCTAssertEqual(metadata.agency, "CỤC THUẾ")
        XCTAssertEqual(metadata.agencyParent, "BỘ TÀI CHÍNH")
        XCTAssertEqual(metadata.subject, "chính sách thuế TNDN")
        XCTAssertFalse(metadata.needsReview, "\(metadata.reviewReasons)")
    }

    func testCongVanWhoseNumberStartsWithATypeAbbreviationIsFlagged() {
        let text = Fixture.document(number: "Số: 88/CT-UBND", typeLine: nil, subject: ["V/v triển khai nhiệm vụ"])
        let metadata = Fixture.classify(text)
        XCTAssertEqual(metadata.docType, .congVan)
        XCTAssertEqual(metadata.reviewReasons, ["number abbreviation suggests chi_thi but the document reads as a công văn"])
    }

    func testCongVanWithoutVVOrTypeLine() {
        let text = Fixture.document(number: "Số: 575/UBND-KTTH", typeLine: nil, subject: [])
        let metadata = Fixture.classify(text)
        XCTAssertEqual(metadata.docType, .congVan)
        XCTAssertNil(metadata.subject)
    }

    func testTypeLineAndAbbreviationDisagreeingIsFlagged() {
        let text = Fixture.document(number: "Số: 280/BC-UBND", typeLine: "KẾ HOẠCH")
        let metadata = Fixture.classify(text)
        XCTAssertEqual(metadata.docType, .keHoach)
        XCTAssertTrue(metadata.needsReview)
        XCTAssertEqual(metadata.reviewReasons, ["type line and number abbreviation disagree"])
    }

    func testUnknownWithoutTypeLineOrNumber() {
        let text = """
                                      DANH MỤC
                  VĂN BẢN CÓ NỘI DUNG LIÊN QUAN NĂM 2021
              (Ban hành kèm theo Công văn số 1043/BTP-QLXLVPHC ngày 9/4/2021)
        STT   Tên văn bản               Ghi chú
        1     Luật Đất đai số 45/2013/QH13 ngày 29/11/2013
        """
        let metadata = Fixture.classify(text)
        XCTAssertEqual(metadata.docType, .unknown)
        XCTAssertNil(metadata.number)
        XCTAssertNil(metadata.issuedDate)
        XCTAssertNil(metadata.agency)
        // What every document has and this one lacks is named too: a person reviewing it
        // fills them in, or confirms there are none.
        XCTAssertEqual(metadata.reviewReasons, ["document type not recognised", "no document number found", "no issue date found",
                                                "no issuing agency found", "no trích yếu found", "no signer's name found",
                                                "no place found before the date", "no signature found: no name, no position",
                                                "no authority line found, and no position under which one would stand"])
        XCTAssertEqual(metadata.reviewFields, [.docType, .number, .issuedDate, .agency, .subject, .signer, .place, .signerTitle,
                                               .signingAuthority])
    }

    func testLettersAreThuCong() {
        for title in ["THƯ CHÚC MỪNG", "THƯ CẢM ƠN", "THƯ KHEN"] {
            let text = Fixture.document(number: "", typeLine: title, subject: [])
            XCTAssertEqual(Fixture.classify(text).docType, .thuCong, title)
        }
    }

    func testCopyKeepsTheOriginalsTypeAndCarriesItsOwnNumberAndDate() {
        let original = Fixture.document(number: "Số: 776/TC-SYT", typeLine: "THÔNG CÁO")
        let copy = original + """

        ỦY BAN NHÂN DÂN                    SAO LỤC
        XÃ TÂN HIỆP
        Số: 14/SL-UBND                     Tân Hiệp, ngày 15 tháng 9 năm 2024
        TM. ỦY BAN NHÂN DÂN
        CHỦ TỊCH
        Trần Thị Bích Hằng
        """
        let metadata = Fixture.classify(copy)
        XCTAssertEqual(metadata.docType, .thongCao)
        XCTAssertEqual(metadata.number, "776/TC-SYT")
        XCTAssertEqual(metadata.issuedDate?.iso, "2019-07-12")
        XCTAssertEqual(metadata.copy, CopyMark(form: .saoLuc, number: "14/SL-UBND", issuedDate: IssuedDate(year: 2024, month: 9, day: 15)))
        let flatOCR = original + "\nSỞ NỘI VỤ SAO Y\nSố: 30/SY-SNV Đồng Nai, ngày 28 tháng 11 năm 2024\nKT. GIÁM ĐỐC"
        XCTAssertEqual(Fixture.classify(flatOCR, source: .ocr).copy,
                       CopyMark(form: .saoY, number: "30/SY-SNV", issuedDate: IssuedDate(year: 2024, month: 11, day: 28)))
        // OCR sets a tight bold "SAO Y" as one word; the copy's signer is still not the original's.
        let glued = Fixture.classify(original + "\nCỤC THUẾ SAOY\nSố: 120/SY-CT Hà Nội, ngày 15 tháng 12 năm 2024\n"
                                     + "TL. BỘ TRƯỞNG\nCỤC TRƯỞNG\nHồ Thị Diệu Linh", source: .ocr)
        XCTAssertEqual(glued.copy, CopyMark(form: .saoY, number: "120/SY-CT", issuedDate: IssuedDate(year: 2024, month: 12, day: 15)))
        XCTAssertEqual(glued.signer, "Trần Phước Hiền")
        // A copy whose date OCR could not read is checked, not left silently empty; one read
        // through a look-alike ("ngày 1Š", a 5) is taken and checked too.
        let copyBlock = "\nCỤC THUẾ SAO Y\nSố: 120/SY-CT Hà Nội, ngày 1Š tháng 12 năm 2024\nTL. BỘ TRƯỞNG\nCỤC TRƯỞNG\nHồ Thị Diệu Linh"
        let lookAlike = Fixture.classify(original + copyBlock, source: .ocr)
        XCTAssertEqual(lookAlike.copy?.issuedDate?.iso, "2024-12-15")
        XCTAssertTrue(lookAlike.reviewFields.contains(.copyIssuedDate), "\(lookAlike.reviewReasons)")
        let undated = Fixture.classify(original + copyBlock.replacingOccurrences(of: "ngày 1Š", with: "ngày .…"), source: .ocr)
        XCTAssertEqual(undated.copy?.form, .saoY)
        XCTAssertNil(undated.copy?.issuedDate)
        XCTAssertTrue(undated.reviewFields.contains(.copyIssuedDate), "\(undated.reviewReasons)")
        XCTAssertNil(Fixture.classify(original).copy)
        XCTAssertNil(Fixture.classify(original + "\nBản sao y được gửi các đơn vị để thực hiện.").copy)
        XCTAssertEqual(Fixture.classify(copy).reviewFields, [])
        // A copy whose own number is unreadable (handwritten, under the seal) is checked.
        let unnumbered = Fixture.classify(copy.replacingOccurrences(of: "Số: 14/SL-UBND", with: "Số:  ....../SL-UBND"))
        XCTAssertEqual(unnumbered.copy?.form, .saoLuc)
        XCTAssertNil(unnumbered.copy?.number)
        XCTAssertEqual(unnumbered.reviewFields, [.copyNumber])
        XCTAssertTrue(unnumbered.needsReview)
    }
}
