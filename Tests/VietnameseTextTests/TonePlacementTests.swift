import XCTest
import VietnameseText

final class TonePlacementTests: XCTestCase {
    func testOpenOaOeUyTakeTheMarkOnTheFirstVowel() {
        let pairs = [
            ("hoà", "hòa"), ("thuỷ", "thủy"), ("khoẻ", "khỏe"), ("HOÀ", "HÒA"), ("Hoà", "Hòa"),
            ("uỷ", "ủy"), ("Uỷ", "Ủy"), ("UỶ", "ỦY"), ("toà", "tòa"), ("hoả", "hỏa"), ("HOẢ", "HỎA"),
            ("loè", "lòe"), ("xoè", "xòe"), ("tuỳ", "tùy"), ("luỹ", "lũy"), ("suý", "súy"), ("thoả", "thỏa"),
            ("loà", "lòa"), ("khoá", "khóa"), ("hoạ", "họa"), ("oà", "òa"), ("nguỵ", "ngụy"), ("tuỵ", "tụy"),
        ]
        for (old, new) in pairs {
            XCTAssertEqual(VietnameseText.normalizeTonePlacement(old), new, old)
            XCTAssertEqual(VietnameseText.normalizeTonePlacement(new), new, new)
        }
    }

    func testSyllablesWithOnePlacementStayAsTheyAre() {
        let words = "hoàng thuyết quyết quý quà quả quỳnh quyển khoảng hoạch toàn hoài ngoài xoáy khuỷu " +
            "khuya người đường thuở rượu giữa già giỏi gì nghĩa việc của mùa mía mưa hỏi tuổi Việt Nam"
        XCTAssertEqual(VietnameseText.normalizeTonePlacement(words), words)
    }

    func testMisplacedMarksMoveToTheirVowel() {
        XCTAssertEqual(VietnameseText.normalizeTonePlacement("qúy"), "quý")
        XCTAssertEqual(VietnameseText.normalizeTonePlacement("tòan"), "toàn")
        XCTAssertEqual(VietnameseText.normalizeTonePlacement("gìa"), "già")
        XCTAssertEqual(VietnameseText.normalizeTonePlacement("HÓANG"), "HOÁNG")
        XCTAssertEqual(VietnameseText.normalizeTonePlacement("ngưòi"), "ngưòi") // no hat is added here: letters stay
        XCTAssertEqual(VietnameseText.normalizeTonePlacement("mùôn"), "muồn")
    }

    func testKeepsTextAroundWordsAndLeavesNonWordsAlone() {
        let text = "CỘNG HOÀ XÃ HỘI (Hoả tốc),\n  Giấy uỷ quyền số 28/2018/QĐ-TTg; UBND tỉnh."
        XCTAssertEqual(VietnameseText.normalizeTonePlacement(text),
                       "CỘNG HÒA XÃ HỘI (Hỏa tốc),\n  Giấy ủy quyền số 28/2018/QĐ-TTg; UBND tỉnh.")
    }

    func testDecomposedInputComesOutComposed() {
        XCTAssertEqual(VietnameseText.normalizeTonePlacement("hoa\u{0300}"), "hòa")
        XCTAssertEqual(VietnameseText.normalizeTonePlacement("thuy\u{0309}"), "thủy")
    }
}
