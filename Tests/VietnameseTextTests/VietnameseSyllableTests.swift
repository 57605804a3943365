import XCTest
@testable import VietnameseText

final class VietnameseSyllableTests: XCTestCase {
    /// Real words covering every tone, the gi/qu/k/gh/ngh onsets, glides, diphthongs and triphthongs.
    static let realWords = """
        a à á ả ã ạ ba bà bá bả bã bạ ý y ở ừ ạ ỉa
        nghiêng khuya quyển giường người đường thuở rượu xoong boong moóc
        nghĩa nghỉ nghề nghe ghi ghế ghé kìa kế kê kỹ ký kiến kiểm kịp
        gì gìn giữ giữa già giá giấy giết giếng giỏi giục giũa giêng
        quy quý quà quả qua quân quyết quyền quyên quốc quê quên quẹo quăn quạ quở quỳnh quýt
        hòa hoà thủy thuỷ khỏe khoẻ ủy uỷ hoàng thuyết toàn hoạch khoản khoanh oai xoáy ngoài ngoặc
        thoắt huân xuất khuấy thuế huệ khuếch huynh huých khuỵu ngoẹo tuyết chuyện truyện nguyễn uyên
        việc tiền biết nhiều yêu yên yếm mua muốn buổi uống mưa mười ươm nước cướp hươu
        cộng xã hội chủ nghĩa việt nam độc lập tự do hạnh phúc ủy ban nhân dân tỉnh quảng ngãi
        số quyết định căn cứ luật tổ chức chính phủ ngày tháng năm thông báo về tham dự hội nghị
        đánh giá chương trình mục tiêu quốc gia phát triển kinh tế vùng đồng bào dân tộc thiểu
        miền núi giai đoạn khu vực trung tây nguyên thực hiện công văn của bộ chính trị bí thư
        đảng phó thủ tướng thường trực trưởng chỉ đạo chủ trì mời sở ngành huyện cùng nêu trên
        sau thành phần chí võ phiên lãnh liên hiệp phụ nữ đại diện thời gian vào lúc giờ phút
        sáng thứ bảy địa điểm hội trường khách sạn mường thanh phố phân công nhiệm vụ các cơ quan
        đơn vị gửi danh sách biểu để đăng ký với ban trước tổng hợp chuẩn bị nội dung phát biểu
        liên quan phục vụ đạt kết quả này thay cho giấy nơi như lưu kèm theo những được
        ăn ấm ếch ích ốc ớt ưng ừng ấy âu êu ẩu oản oằn uất
        cháu mái tỏi đòi vui ngửi cứu kêu dìu mẹo kẻng xẻng leng keng mắm tắc bập bẹp sụp cáp cạp tốt Tố
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    func testAcceptsRealWords() {
        XCTAssertGreaterThanOrEqual(Self.realWords.count, 60)
        let rejected = Self.realWords.filter { !VietnameseSyllable.isValid($0) }
        XCTAssertEqual(rejected, [])
    }

    func testAcceptsCapitalsAndDecomposedForms() {
        for word in ["NGHIÊNG", "Quyết", "ĐƯỜNG", "Nghĩa", "THUỞ"] {
            XCTAssertTrue(VietnameseSyllable.isValid(word), word)
        }
        XCTAssertTrue(VietnameseSyllable.isValid("Quye\u{0302}\u{0301}t"))
        XCTAssertTrue(VietnameseSyllable.isValid("ngu\u{031B}o\u{031B}\u{0300}i"))
    }

    func testStripsSurroundingPunctuation() {
        XCTAssertTrue(VietnameseSyllable.isValid("(giao"))
        XCTAssertTrue(VietnameseSyllable.isValid("Tây."))
        XCTAssertTrue(VietnameseSyllable.isValid("“Về"))
    }

    func testRejectsOrthographicErrors() {
        let invalid = [
            "ngĩa", // ng before i: must be ngh
            "ghá", "gha", "ngha", // gh/ngh only before i e ê
            "kă", "ka", "kô", // k only before i e ê (y)
            "cế", "ci", "gế", // c/g/ng not before i e ê
            "tốh", "tốl", // no such codas
            "càp", "cap", "cảt", "mỹt", "tồc", // stop codas take only sắc/nặng
            "că", "tâ", "bă", // ă, â need a coda
            "qá", "qa", "qu", "q", // q is always qu + vowel
            "éch", "óch", "unh", // ch/nh only after a, ê, i
            "iến", // iê needs an onset; alone it is written yê
            "tyên", // yê after an onset only with the glide u
            "viẹt", "nguơi", "truờng", "đưòng", // lost or extra hats
            "tòan", "qúy", "gìa", "hóang", "mià", // misplaced tone
            "mưan", // ưa is written ươ before a coda
            "phoa", "moa", "voan", // no glide after labials
            "xyz", "fan", "wow", "tiếnh",
        ]
        let accepted = invalid.filter(VietnameseSyllable.isValid)
        XCTAssertEqual(accepted, [])
    }

    func testParsesParts() throws {
        let quyet = try XCTUnwrap(VietnameseSyllable("Quyết"))
        XCTAssertEqual([quyet.onset, quyet.medial, quyet.nucleus, quyet.coda], ["q", "u", "yê", "t"])
        XCTAssertEqual(quyet.tone, .sac)
        let nguoi = try XCTUnwrap(VietnameseSyllable("người"))
        XCTAssertEqual([nguoi.onset, nguoi.medial, nguoi.nucleus, nguoi.coda], ["ng", "", "ươ", "i"])
        XCTAssertEqual(nguoi.tone, .huyen)
        let hoa = try XCTUnwrap(VietnameseSyllable("hòa"))
        XCTAssertEqual([hoa.onset, hoa.medial, hoa.nucleus, hoa.coda], ["h", "o", "a", ""])
        let gi = try XCTUnwrap(VietnameseSyllable("giếng"))
        XCTAssertEqual([gi.onset, gi.nucleus, gi.coda], ["gi", "iê", "ng"])
        let khuya = try XCTUnwrap(VietnameseSyllable("khuya"))
        XCTAssertEqual([khuya.onset, khuya.medial, khuya.nucleus, khuya.coda], ["kh", "u", "ya", ""])
        XCTAssertEqual(khuya.tone, .ngang)
        let ruou = try XCTUnwrap(VietnameseSyllable("rượu"))
        XCTAssertEqual([ruou.nucleus, ruou.coda], ["ươ", "u"])
        XCTAssertEqual(ruou.tone, .nang)
        let thuo = try XCTUnwrap(VietnameseSyllable("thuở"))
        XCTAssertEqual([thuo.onset, thuo.medial, thuo.nucleus], ["th", "u", "ơ"])
        XCTAssertEqual(thuo.tone, .hoi)
        XCTAssertEqual(VietnameseSyllable("ngã")?.tone, .nga)
    }

    func testPhonotacticallyPossibleNonWordsAreValid() {
        // The grammar knows syllables, not the lexicon.
        for word in ["trắm", "nghịa", "nguồi", "đước"] {
            XCTAssertTrue(VietnameseSyllable.isValid(word), word)
        }
    }

    func testKinds() {
        XCTAssertEqual(VietnameseSyllable.kind(of: "Tố"), .vietnamese)
        XCTAssertEqual(VietnameseSyllable.kind(of: "tốt"), .vietnamese)
        XCTAssertEqual(VietnameseSyllable.kind(of: "nghĩa"), .vietnamese)
        XCTAssertEqual(VietnameseSyllable.kind(of: "tốh"), .invalid)
        XCTAssertEqual(VietnameseSyllable.kind(of: "ngĩa"), .invalid)
        XCTAssertEqual(VietnameseSyllable.kind(of: "đc"), .invalid)
        for word in ["UBND", "QĐ", "TTg", "HĐND", "QyĐ", "which", "strength", "Email", "đ)", "b", "MTQG"] {
            XCTAssertEqual(VietnameseSyllable.kind(of: word), .foreignOrAbbreviation, word)
        }
        for token in ["28/2018/QĐ-TTg", "2024", "NĐ-CP", "./.", "01/11/2024"] {
            XCTAssertEqual(VietnameseSyllable.kind(of: token), .foreignOrAbbreviation, token)
            XCTAssertFalse(VietnameseSyllable.isValid(token), token)
        }
    }
}
