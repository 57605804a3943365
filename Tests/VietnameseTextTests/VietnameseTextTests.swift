import XCTest
import VietnameseText

final class VietnameseTextTests: XCTestCase {
    func testFoldRemovesTonesAndMapsD() {
        XCTAssertEqual(VietnameseText.fold("Quyết định Đà Nẵng"), "Quyet dinh Da Nang")
        XCTAssertEqual(VietnameseText.fold("ỦY BAN NHÂN DÂN"), "UY BAN NHAN DAN")
        XCTAssertEqual(VietnameseText.fold("ơ ư ă â ê ô"), "o u a a e o")
    }

    func testFoldKeepsOneCharacterPerCharacter() {
        let nfd = "Nghi\u{0323} \u{0111}i\u{0323}nh" // "Nghị định" with combining marks
        XCTAssertEqual(VietnameseText.fold(nfd), "Nghi dinh")
        XCTAssertEqual(VietnameseText.fold(nfd).count, nfd.count)
    }

    func testNormalizeComposesAndRepairsEth() {
        let decomposed = "Quye\u{0302}\u{0301}t"
        XCTAssertEqual(VietnameseText.normalize(decomposed), "Quyết")
        XCTAssertEqual(VietnameseText.normalize("28/2018/Q\u{00D0}-TTg"), "28/2018/Q\u{0110}-TTg")
    }
}
