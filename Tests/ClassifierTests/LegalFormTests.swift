import Classifier
import DocumentModel
import XCTest

final class LegalFormTests: XCTestCase {
    func testNumberWithYearSegmentIsNormative() {
        let cases: [([String], String, String, LegalForm)] = [
            (["CHÍNH PHỦ"], "Số: 45/2026/NĐ-CP", "NGHỊ ĐỊNH", .nghiDinh),
            (["THỦ TƯỚNG CHÍNH PHỦ"], "Số: 28/2018/QĐ-TTg", "QUYẾT ĐỊNH", .quyetDinh),
            (["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI"], "Số: 15/2021/QĐ-UBND", "QUYẾT ĐỊNH", .quyetDinh),
            (["BỘ TÀI CHÍNH"], "Số: 21/2026/TT-BTC", "THÔNG TƯ", .thongTu),
            (["BỘ NỘI VỤ - VĂN PHÒNG CHÍNH PHỦ"], "Số: 55/2005/TTLT-BNV-VPCP", "THÔNG TƯ LIÊN TỊCH", .thongTuLienTich),
            (["HỘI ĐỒNG NHÂN DÂN", "TỈNH QUẢNG NGÃI"], "Số: 05/2019/NQ-HĐND", "NGHỊ QUYẾT", .nghiQuyet),
            (["QUỐC HỘI"], "Luật số: 64/2025/QH15", "LUẬT", .luat),
            (["QUỐC HỘI"], "Nghị quyết số: 187/2025/QH15", "NGHỊ QUYẾT", .nghiQuyet),
            (["ỦY BAN THƯỜNG VỤ QUỐC HỘI"], "Số: 30/2000/PL-UBTVQH10", "PHÁP LỆNH", .phapLenh),
            (["CHỦ TỊCH NƯỚC"], "Số: 8/2018/L-CTN", "LỆNH", .lenh),
        ]
        for (agency, number, typeLine, form) in cases {
            let text = Fixture.document(agency: agency, number: number, date: "Hà Nội, ngày 26 tháng 01 năm 2026",
                                        typeLine: typeLine, subject: ["Quy định quản lý đầu tư ứng dụng công nghệ thông tin"])
            let metadata = Fixture.classify(text)
            XCTAssertEqual(metadata.docType, .vanBanQPPL, number)
            XCTAssertEqual(metadata.legalForm, form, number)
            XCTAssertFalse(metadata.needsReview, "\(number): \(metadata.reviewReasons)")
        }
    }

    func testNghiDinhWithCapitalSubjectAndCitedLaws() {
        let text = """
                   CHÍNH PHỦ                     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                                                       Độc lập - Tự do - Hạnh phúc
                                                               ---------------
               Số: 45/2026/NĐ-CP                               Hà Nội, ngày 26 tháng 01 năm 2026

                                                 NGHỊ ĐỊNH
           QUY ĐỊNH QUẢN LÝ ĐẦU TƯ ỨNG DỤNG CÔNG NGHỆ THÔNG TIN SỬ DỤNG
                          NGUỒN VỐN NGÂN SÁCH NHÀ NƯỚC
        Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;
        Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15 được sửa đổi, bổ sung bởi
        Luật số 87/2025/QH15;
        Theo đề nghị của Bộ trưởng Bộ Khoa học và Công nghệ;
        Chính phủ ban hành Nghị định quy định quản lý đầu tư ứng dụng công nghệ thông tin.
        """
        let last = """
        Điều 30. Trách nhiệm thi hành
        Các Bộ trưởng, Chủ tịch Ủy ban nhân dân cấp tỉnh chịu trách nhiệm thi hành Nghị định này./.
                                                                               TM. CHÍNH PHỦ
                                                                               KT. THỦ TƯỚNG
        Nơi nhận:
        - Ban Bí thư Trung ương Đảng;                                         PHÓ THỦ TƯỚNG
         - Thủ tướng, các Phó Thủ tướng Chính phủ;
         - Văn phòng Quốc hội;                                                Nguyễn Chí Dũng
         - Lưu: VT, CĐS (2).

                                                            PHỤ LỤC
                (Kèm theo Nghị định số 45/2026/NĐ-CP ngày 26 tháng 01 năm 2026 của Chính phủ)
                        TÊN CƠ QUAN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                        Số: .....                       …, ngày … tháng … năm …
                                                       THỦ TRƯỞNG CƠ QUAN
                                                       Nguyễn Văn A
        """
        let metadata = Fixture.classify(text, last)
        XCTAssertEqual(metadata.docType, .vanBanQPPL)
        XCTAssertEqual(metadata.legalForm, .nghiDinh)
        XCTAssertEqual(metadata.number, "45/2026/NĐ-CP")
        XCTAssertEqual(metadata.issuedDate?.iso, "2026-01-26")
        XCTAssertEqual(metadata.place, "Hà Nội")
        XCTAssertEqual(metadata.agency, "CHÍNH PHỦ")
        XCTAssertNil(metadata.agencyParent)
        XCTAssertEqual(metadata.subject, "QUY ĐỊNH QUẢN LÝ ĐẦU TƯ ỨNG DỤNG CÔNG NGHỆ THÔNG TIN SỬ DỤNG NGUỒN VỐN NGÂN SÁCH NHÀ NƯỚC")
        XCTAssertEqual(metadata.signingAuthority, "KT. THỦ TƯỚNG")
        XCTAssertEqual(metadata.signerTitle, "PHÓ THỦ TƯỚNG")
        XCTAssertEqual(metadata.signer, "Nguyễn Chí Dũng")
    }

    func testDraftResolutionWithBlankSequenceIsNormativeButNeedsReview() {
        let text = Fixture.document(agency: ["HỘI ĐỒNG NHÂN DÂN", "TỈNH QUẢNG NGÃI"], number: "Số:       /2025/NQ-HĐND",
                                    date: "Quảng Ngãi, ngày      tháng     năm 2025", typeLine: "NGHỊ QUYẾT")
        let metadata = Fixture.classify(text)
        XCTAssertEqual(metadata.docType, .vanBanQPPL)
        XCTAssertEqual(metadata.legalForm, .nghiQuyet)
        XCTAssertNil(metadata.number)
        XCTAssertNil(metadata.issuedDate)
        XCTAssertTrue(metadata.needsReview)
        XCTAssertTrue(metadata.reviewReasons.contains("document number has no readable sequence digits"))
    }

    func testAdministrativeDecisionHasNoLegalForm() {
        let text = Fixture.document(number: "Số: 1500/QĐ-UBND", typeLine: "QUYẾT ĐỊNH")
        let metadata = Fixture.classify(text)
        XCTAssertEqual(metadata.docType, .quyetDinh)
        XCTAssertNil(metadata.legalForm)
    }
}
