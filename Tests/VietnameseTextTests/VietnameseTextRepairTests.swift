import XCTest
import VietnameseText

final class VietnameseTextRepairTests: XCTestCase {
    private func repaired(_ word: String) -> String {
        VietnameseTextRepair().repair(word).text
    }

    func testValidWordsStay() {
        for word in ["Tố", "tốt", "nghịa", "nguồi", "Hòa", "hoà", "UBND", "QĐ", "TTg", "Email"] {
            XCTAssertEqual(repaired(word), word, word)
        }
    }

    /// OCR-style errors that exactly one nearest valid syllable explains.
    func testRepairsErrorsWithOneNearestFix() {
        let cases = [
            ("Viẹt", "Việt"), // lost circumflex
            ("đưòng", "đường"), ("Đưòng", "Đường"), ("hưóng", "hướng"), // lost horn on ơ
            ("tiép", "tiếp"), ("thiét", "thiết"), ("nhièu", "nhiều"), ("đièu", "điều"), ("huyẹn", "huyện"),
            ("tòan", "toàn"), ("gìa", "già"), ("qúy", "quý"), ("cuả", "của"), // misplaced tone
            ("ngĩa", "nghĩa"), ("NGĨA", "NGHĨA"), ("Ngĩa", "Nghĩa"), // dropped h
            ("chírih", "chính"), ("Thàrih", "Thành"), ("tỉrih", "tỉnh"), // n read as ri
            ("ngàv", "ngày"), // y read as v
            ("Luậi", "Luật"), // t read as i (Tesseract on corpus-real/docs/real_035.jpg)
        ]
        for (ocr, truth) in cases {
            XCTAssertEqual(VietnameseSyllable.kind(of: ocr), .invalid, ocr)
            XCTAssertEqual(repaired(ocr), truth, ocr)
        }
    }

    /// Without a word list the grammar cannot choose between two real syllables: flag, don't guess.
    func testTiesAreFlaggedNotChanged() {
        for ocr in ["càp", "đươc", "viêc", "quyêt", "lâp", "truờng", "tốh", "hoăc"] {
            let result = VietnameseTextRepair().repair(ocr)
            XCTAssertEqual(result.text, ocr, ocr)
            XCTAssertEqual(result.invalidSyllables, 1, ocr)
            XCTAssertEqual(result.wordsFlagged, 1, ocr)
            XCTAssertEqual(result.wordsChanged, 0, ocr)
        }
    }

    func testConfidentWordsAreKept() {
        let repair = VietnameseTextRepair()
        XCTAssertEqual(repair.repair("Viẹt Nam", confidences: [95, 95]).text, "Viẹt Nam")
        XCTAssertEqual(repair.repair("Viẹt Nam", confidences: [41, 95]).text, "Việt Nam")
        XCTAssertEqual(VietnameseTextRepair(confidenceThreshold: 99).repair("Viẹt", confidences: [95]).text, "Việt")
        // A confidence list shorter than the text: the rest is unknown, so unsure.
        XCTAssertEqual(repair.repair("Nam Viẹt", confidences: [95]).text, "Nam Việt")
    }

    func testTextLevelCounts() {
        let ocr = "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIẸT NAM\nSố: 28/2018/QĐ-TTg, ngàv 12/7/2018\n" +
            "Căn cứ Luật Tổ chức Chírih phủ; đươc UBND tỉnh giao (tòan bộ) Email: a@b.vn ./."
        let result = VietnameseTextRepair().repair(ocr, confidences: nil)
        XCTAssertEqual(result.text, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 28/2018/QĐ-TTg, ngày 12/7/2018\n" +
            "Căn cứ Luật Tổ chức Chính phủ; đươc UBND tỉnh giao (toàn bộ) Email: a@b.vn ./.")
        // Words: CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIẸT NAM Số ngàv Căn cứ Luật Tổ chức Chírih phủ đươc UBND tỉnh giao tòan bộ Email
        XCTAssertEqual(result.wordsExamined, 24)
        XCTAssertEqual(result.invalidSyllables, 5)
        XCTAssertEqual(result.wordsChanged, 4)
        XCTAssertEqual(result.wordsFlagged, 1)
    }

    func testInvalidShareCountsOnlyMarkedWords() {
        XCTAssertEqual(VietnameseTextRepair.invalidShare("UBND tỉnh Quảng Ngãi"), 0)
        XCTAssertEqual(VietnameseTextRepair.invalidShare("the quick fox"), 0)
        // Marked words: Viẹt, đường, đươc, Quảng → 2 of 4 invalid.
        XCTAssertEqual(VietnameseTextRepair.invalidShare("Viẹt Nam đường đươc Quảng UBND"), 0.5, accuracy: 1e-9)
    }

    /// Text layer of a born-digital notice (corpus-real/docs/real_003.pdf, UBND tỉnh Quảng Ngãi, 2024).
    static let realNotice = """
        phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi
        giai đoạn 2021 – 2030 khu vực miền Trung, Tây Nguyên
        Thực hiện Công văn số 2003/UBDT-VPCTMTQG ngày 01/11/2024 của
        Ủy ban Dân tộc về việc tham dự Hội nghị đánh giá Chương trình mục tiêu
        quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi
        giai đoạn 2021 - 2030 khu vực miền Trung, Tây Nguyên, do Ủy viên Bộ chính
        trị, Bí thư Trung ương Đảng, Phó Thủ tướng Thường trực Chính phủ Trưởng Ban Chỉ đạo Trung ương các Chương trình MTQG Nguyễn Hòa
        Bình, chủ trì; UBND tỉnh mời các sở, ngành, UBND các huyện cùng tham dự
        Hội nghị nêu trên như sau:
        1. Thành phần
        - Đồng chí Võ Phiên, Phó Chủ tịch UBND tỉnh;
        - Trưởng Ban Dân tộc tỉnh, Phòng Chuyên môn thuộc Ban Dân tộc tỉnh
        (giao Ban Dân tộc tỉnh thông báo);
        - Lãnh đạo các sở, ngành: Sở Kế hoạch và Đầu tư, Sở Lao động - Thương
        binh và Xã hội, Sở Nông nghiệp và Phát triển nông thôn, Sở Tài chính, Sở Văn
        hóa, thể thao và Du lịch, Văn phòng UBND tỉnh;
        - Lãnh đạo Hội Liên hiệp Phụ nữ tỉnh;
        - Đại diện lãnh đạo UBND các huyện: Ba Tơ, Minh Long, Sơn Hà, Sơn
        Tây, Trà Bồng; Phòng KGVX - Văn phòng UBND tỉnh.
        2. Thời gian: Vào lúc 08 giờ 00 phút, ngày 09/11/2024 (sáng Thứ
        Bảy).
        """

    func testRealTextHasNoInvalidWordsAndStaysAsItIs() {
        let words = Self.realNotice.split(whereSeparator: \.isWhitespace).map(String.init)
        XCTAssertEqual(words.filter { VietnameseSyllable.kind(of: $0) == .invalid }, [])
        let result = VietnameseTextRepair().repair(Self.realNotice)
        XCTAssertEqual(result.text, Self.realNotice)
        XCTAssertEqual(result.invalidSyllables, 0)
        XCTAssertGreaterThan(result.wordsExamined, 200)
        XCTAssertEqual(VietnameseText.normalizeTonePlacement(Self.realNotice), Self.realNotice)
        XCTAssertEqual(VietnameseTextRepair.invalidShare(Self.realNotice), 0)
    }
}
