import DocumentModel
import XCTest
@testable import SohoaKit

/// Where the review desk crops a field: the header of a text-layer page, as poppler gives
/// its words (points of an A4 page).
final class FieldZoneTests: XCTestCase {
    private func word(_ text: String, _ left: Int, _ top: Int, _ right: Int) -> PageView.Word {
        PageView.Word(text: text, left: left, top: top, right: right, bottom: top + 15)
    }

    private lazy var header: [PageView.Word] = [
        word("ỦY", 102, 48, 122), word("BAN", 125, 48, 156), word("NHÂN", 160, 48, 203), word("DÂN", 206, 48, 238),
        word("CỘNG", 270, 49, 309), word("HÒA", 312, 49, 341), word("XÃ", 344, 49, 362), word("HỘI", 365, 49, 391),
        word("TỈNH", 103, 63, 141), word("QUẢNG", 144, 63, 197), word("NGÃI", 200, 63, 237),
        word("Độc", 310, 63, 337), word("lập", 340, 63, 361),
        word("Số:", 114, 88, 135), word("877/TB-UBND", 138, 88, 226),
        word("Quảng", 283, 88, 324), word("Ngãi,", 326, 88, 360), word("ngày", 363, 88, 394), word("10", 396, 88, 413),
        word("tháng", 415, 88, 451), word("5", 454, 88, 463), word("năm", 466, 88, 493), word("2023", 496, 88, 527),
        word("Về", 125, 138, 143), word("việc", 147, 138, 175), word("triển", 178, 138, 214), word("khai", 217, 138, 248),
        word("quan", 245, 154, 281), word("nhà", 284, 154, 312), word("nước", 315, 154, 350),
        word("Căn", 113, 184, 138), word("cứ", 140, 184, 156), word("Luật", 159, 184, 187),
    ]

    private func box(_ field: MetadataField, _ value: String) -> (left: Int, top: Int, right: Int, bottom: Int)? {
        let zone = FieldZone(field)
        return zone.words(of: value, among: header, within: zone.band(width: 595, height: 842), pageWidth: 595)
    }

    func testAnAgencyOfTwoLinesIsCroppedWholeWithoutTheMottoColumn() throws {
        let agency = try XCTUnwrap(box(.agency, "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"))
        XCTAssertLessThanOrEqual(agency.top, 48)
        XCTAssertGreaterThanOrEqual(agency.bottom, 78, "both lines")
        XCTAssertLessThan(agency.right, 270, "not the motto column")
    }

    func testTheNumberKeepsItsPrintedLabelAndTheDateItsLine() throws {
        let number = try XCTUnwrap(box(.number, "877/TB-UBND"))
        XCTAssertLessThanOrEqual(number.left, 114, "'Số:' is shown")
        XCTAssertLessThan(number.right, 283, "not the date beside it")
        XCTAssertGreaterThanOrEqual(number.top, 63)
        let date = try XCTUnwrap(box(.issuedDate, "2023-05-10"))
        XCTAssertLessThanOrEqual(date.left, 283)
        XCTAssertGreaterThanOrEqual(date.right, 527)
        XCTAssertGreaterThanOrEqual(date.top, 63, "the date's own line")
    }

    func testASubjectOfTwoLinesStopsBeforeTheBody() throws {
        let subject = try XCTUnwrap(box(.subject, "Về việc triển khai văn phòng điện tử trong các cơ quan nhà nước"))
        XCTAssertLessThanOrEqual(subject.top, 138)
        XCTAssertGreaterThanOrEqual(subject.bottom, 169)
        XCTAssertLessThan(subject.bottom, 184, "not the Căn cứ line")
    }

    func testAValueNotOnThePageGivesNoBox() {
        XCTAssertNil(box(.signer, "Võ Minh Đức"))
    }
}
