import XCTest
@testable import VietnameseText

/// Names from old Windows shares and CDs, in the bytes their legacy encodings wrote:
/// each is read back in the one encoding that makes it Vietnamese, and `source` keeps the
/// bytes losslessly.
final class LegacyEncodingTests: XCTestCase {
    // The same names in each encoding's bytes (CP1258 and TCVN3 as iconv writes them).
    private let cp1258: [UInt8] = [0x51, 0x75, 0x79, 0xEA, 0xEC, 0x74, 0x20, 0xF0, 0x69, 0xF2, 0x6E, 0x68, 0x20, 0x35]
    private let tcvn3: [UInt8] = [0x43, 0xAB, 0x6E, 0x67, 0x20, 0x76, 0xA8, 0x6E, 0x20, 0x73, 0xE8, 0x20, 0x31, 0x32]
    private let vni: [UInt8] = [0x42, 0x69, 0x65, 0xE2, 0x6E, 0x20, 0x62, 0x61, 0xFB, 0x6E, 0x20, 0x68, 0x6F, 0xEF, 0x70]

    func testEachEncodingReadsItsOwnBytes() {
        XCTAssertEqual(LegacyEncoding.cp1258.decode(cp1258), "Quyết định 5")
        XCTAssertEqual(LegacyEncoding.tcvn3.decode(tcvn3), "Công văn số 12")
        XCTAssertEqual(LegacyEncoding.vni.decode(vni), "Biên bản họp")
        // ơ, ư, đ and a marked i have characters of their own in VNI.
        XCTAssertEqual(LegacyEncoding.vni.decode([0x54, 0xF4, 0xF8, 0x20, 0x74, 0x72, 0xEC, 0x6E, 0x68]), "Tờ trình")
        XCTAssertEqual(LegacyEncoding.vni.decode([0xD1, 0x6F, 0x61, 0xF8, 0x6E, 0x20, 0x4E, 0x67, 0xF6, 0xF4, 0xF8, 0x69]), "Đoàn Người")
    }

    func testTheReadingIsTheEncodingThatMakesVietnamese() {
        XCTAssertEqual(LegacyEncoding.reading(of: cp1258)?.encoding, .cp1258)
        XCTAssertEqual(LegacyEncoding.reading(of: cp1258)?.text, "Quyết định 5")
        XCTAssertEqual(LegacyEncoding.reading(of: tcvn3)?.encoding, .tcvn3)
        XCTAssertEqual(LegacyEncoding.reading(of: vni)?.encoding, .vni)
        // Bytes that are Vietnamese in no encoding get no reading rather than a guess.
        XCTAssertNil(LegacyEncoding.reading(of: [0x77, 0x65, 0x69, 0x72, 0x64, 0xFE, 0x0A, 0x6E]))
        XCTAssertNil(LegacyEncoding.reading(of: Array("plain.pdf".utf8)))
    }

    func testASourceKeepsTheBytesAndShowsTheReading() {
        let name = cp1258 + Array(" 100%.pdf".utf8)
        let escaped = SourceName.escaped(name)
        XCTAssertEqual(escaped, "Quy%EA%ECt %F0i%F2nh 5 100%25.pdf")
        XCTAssertEqual(SourceName.bytes(of: Substring(escaped)), name)
        // Only % and two hex digits are an escape ("%+1" is not byte 1).
        XCTAssertEqual(SourceName.bytes(of: "100%+1 %4"), Array("100%+1 %4".utf8))
        XCTAssertEqual(SourceName.display(of: "Hộp 05/" + escaped), "Hộp 05/Quyết định 5 100%.pdf")
        XCTAssertEqual(SourceName.readable(escaped), "Quy%EA%ECt %F0i%F2nh 5 100%25.pdf (Quyết định 5 100%.pdf)")
        // A UTF-8 name is shown as it is, even with a % in it.
        XCTAssertNil(SourceName.display(of: "Báo cáo 100%.pdf"))
        XCTAssertEqual(SourceName.readable("Báo cáo 100%.pdf"), "Báo cáo 100%.pdf")
        // UTF-8 beside legacy bytes in one name reads as neither: no reading is invented.
        XCTAssertNil(SourceName.display(of: SourceName.escaped(Array("hồ s".utf8) + [0xF5, 0xEC])))
    }

    func testANameDecodedOnceAlreadyIsReadBack() {
        // VNI bytes and TCVN3 bytes that a copy decoded as Windows Latin: valid UTF-8, not Vietnamese.
        XCTAssertEqual(SourceName.display(of: "Hộp 1/Bieân baûn hoïp.pdf"), "Hộp 1/Biên bản họp.pdf")
        XCTAssertEqual(SourceName.display(of: "C«ng v¨n sè 12.pdf"), "Công văn số 12.pdf")
        // Names that read as they are, Vietnamese or French, are left alone.
        for name in ["Báo cáo quý 1.pdf", "Quyết định.pdf", "Café.pdf", "scan 001.tif"] {
            XCTAssertNil(SourceName.display(of: name), name)
        }
    }
}
