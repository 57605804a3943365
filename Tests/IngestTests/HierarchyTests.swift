import DocumentModel
import Foundation
import XCTest
@testable import Ingest

/// Folder names read as phông, hộp and hồ sơ, as real storage rooms name them.
final class HierarchyTests: XCTestCase {
    func testFolderNamesAsArchivistsWriteThem() {
        XCTAssertEqual(FolderName("Hộp 05 - Lưu trữ 2019", level: .box), FolderName(code: "05", title: "Lưu trữ 2019"))
        XCTAssertEqual(FolderName("Hop_01", level: .box), FolderName(code: "01", title: nil))
        XCTAssertEqual(FolderName("HỘP SỐ 7", level: .box), FolderName(code: "7", title: nil))
        XCTAssertEqual(FolderName("Box 12 – 2018", level: .box), FolderName(code: "12", title: "2018"))
        XCTAssertEqual(FolderName("2019", level: .box), FolderName(code: "2019", title: nil))
        XCTAssertEqual(FolderName("HS017 - Tài liệu năm 2018", level: .file), FolderName(code: "HS017", title: "Tài liệu năm 2018"))
        XCTAssertEqual(FolderName("Ho_so_003", level: .file), FolderName(code: "003", title: nil))
        XCTAssertEqual(FolderName("Hồ sơ số 12 Kế hoạch cải cách", level: .file), FolderName(code: "12", title: "Kế hoạch cải cách"))
        XCTAssertEqual(FolderName("017-TCCB", level: .file), FolderName(code: "017-TCCB", title: nil))
        XCTAssertEqual(FolderName("Phông UBND tỉnh Quảng Ngãi", level: .fonds), FolderName(code: "UBND tỉnh Quảng Ngãi", title: nil))
    }

    func testNamesThatAreNoLevelAreNotGuessed() {
        XCTAssertNil(FolderName("scans", level: .box))
        XCTAssertNil(FolderName("batch1", level: .file), "a lower-case word run into a digit is no code")
        XCTAssertNil(FolderName("Tài liệu 2018", level: .file), "no label, and not starting with its code")
        XCTAssertNil(FolderName("Hop_01", level: .file), "a box's label is not a hồ sơ's")
        XCTAssertNil(FolderName("Hộp", level: .box), "a label without a code")
    }

    func testAPatternPlacesEachInput() throws {
        let pattern = try HierarchyPattern("{box}/{file}")
        let place = pattern.place(ofSource: "Hộp 05 - Lưu trữ 2019/HS017 - Tài liệu năm 2018/cv-12.pdf", batchRoot: "/kho")
        XCTAssertEqual(place, ArchivalPlace(box: BoxCode("05"), boxTitle: "Lưu trữ 2019", hoSo: HoSoCode("HS017"), hoSoTitle: "Tài liệu năm 2018"))
        XCTAssertEqual(pattern.place(ofSource: "Hop_01/Ho_so_003/quet/trang-1.tif", batchRoot: "/kho"),
                       ArchivalPlace(box: BoxCode("01"), hoSo: HoSoCode("003")), "deeper folders belong to the hồ sơ")
        XCTAssertEqual(pattern.place(ofSource: "HS017/cv.pdf", batchRoot: "/kho/Hộp 05"),
                       ArchivalPlace(box: BoxCode("05"), hoSo: HoSoCode("HS017")), "the batch folder is the box")
        XCTAssertTrue(pattern.place(ofSource: "cv.pdf", batchRoot: "/home/an/scans").isEmpty,
                      "folders that name no level give no place")
        let withFonds = try HierarchyPattern("{fonds}/*/{box}")
        XCTAssertEqual(withFonds.place(ofSource: "Phông Sở Nội vụ/2019/Hộp 3/a.pdf", batchRoot: "/kho"),
                       ArchivalPlace(fonds: "Sở Nội vụ", box: BoxCode("3")))
        XCTAssertEqual(withFonds.description, "{fonds}/*/{box}")
    }

    func testABadPatternSaysWhatIsWrong() {
        for (pattern, expected) in [("{hop}/{file}", "'{hop}'"), ("{box}/{box}", "names {box} twice"), ("*/*", "names no level"),
                                    ("", "each folder is")] {
            XCTAssertThrowsError(try HierarchyPattern(pattern), pattern) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(pattern): \(error)")
            }
        }
    }

    func testCodesOrderByTheirNumbers() {
        XCTAssertLessThan(BoxCode("2"), BoxCode("10"))
        XCTAssertLessThan(HoSoCode("HS9"), HoSoCode("HS010"))
        XCTAssertLessThan(HoSoCode("2-ke-hoach.pdf"), HoSoCode("10-bao-cao.pdf"))
        XCTAssertFalse(HoSoCode("HS010") < HoSoCode("HS010"))
    }

    func testTheCatalogueAsExcelSavesIt() throws {
        let csv = "\u{FEFF}STT;Mã hồ sơ;Hộp số;Tiêu đề hồ sơ;Thời hạn bảo quản;Số lượng tờ;Ghi chú\r\n"
            + "1;HS17;05;\"Hồ sơ về việc \"\"số hóa\"\"; năm 2018\";Vĩnh viễn;42;\r\n"
            + "2;HS018;05;Kế hoạch;20 năm;;\"ghi chú\nhai dòng\"\r\n"
            + ";;;;;;\r\n"
        let catalog = try HoSoCatalog(csv: csv)
        XCTAssertEqual(catalog.entries.count, 2, "a row without its code is passed over")
        let first = catalog.entries[0]
        XCTAssertEqual(first.code, HoSoCode("HS17"))
        XCTAssertEqual(first.box, BoxCode("05"))
        XCTAssertEqual(first.title, "Hồ sơ về việc \"số hóa\"; năm 2018")
        XCTAssertEqual(first.retention, "Vĩnh viễn")
        XCTAssertEqual(first.sheets, 42)
        XCTAssertEqual(catalog.entries[1].notes, "ghi chú\nhai dòng")

        XCTAssertEqual(catalog.indexOfEntry(for: ArchivalPlace(box: BoxCode("5"), hoSo: HoSoCode("hs017"))), 0,
                       "codes match whatever their case and leading zeros")
        XCTAssertNil(catalog.indexOfEntry(for: ArchivalPlace(box: BoxCode("06"), hoSo: HoSoCode("HS017"))), "the row's box must agree")
        XCTAssertNil(catalog.indexOfEntry(for: ArchivalPlace(box: BoxCode("05"), hoSo: HoSoCode("HS170"))))
        XCTAssertEqual(catalog.indexOfEntry(for: ArchivalPlace(hoSo: HoSoCode("HS18"))), 1, "a folder without a box matches by code")
    }

    func testTheSeparatorIsCountedOutsideQuotes() throws {
        let catalog = try HoSoCatalog(csv: "Mã hồ sơ;Tiêu đề hồ sơ;\"Khác, xem, thêm, nữa\"\nHS1;\"Kế hoạch, báo cáo\";x\n")
        XCTAssertEqual(catalog.entries.first?.code, HoSoCode("HS1"))
        XCTAssertEqual(catalog.entries.first?.title, "Kế hoạch, báo cáo")
    }

    func testHeadingsWithoutDiacriticsAndAMissingCodeColumn() throws {
        let plain = try HoSoCatalog(csv: "ma ho so,tieu de ho so\n003,Tai lieu\n")
        XCTAssertEqual(plain.entries.first?.title, "Tai lieu")
        XCTAssertThrowsError(try HoSoCatalog(csv: "Tiêu đề,Ghi chú\nA,B\n", origin: "muc-luc.csv")) { error in
            XCTAssertTrue("\(error)".contains("muc-luc.csv has no column 'Mã hồ sơ'"), "\(error)")
        }
    }
}
