/// The words of ``DocumentFactory/Variety/wide`` documents: more agencies, with the compound
/// symbols of Phụ lục III, longer subjects, more names and addressees.
extension Vocabulary {
    static let wideIssuers: [Issuer] = archiveIssuers + [
        Issuer(lines: ["SỞ KẾ HOẠCH VÀ ĐẦU TƯ"], parent: "UBND TỈNH BÌNH ĐỊNH", abbreviation: "SKHĐT", place: "Bình Định",
               authority: "KT. GIÁM ĐỐC", signerTitle: "PHÓ GIÁM ĐỐC", units: ["TCCB", "VP", "ĐKKD"]),
        Issuer(lines: ["CỤC VĂN THƯ VÀ LƯU TRỮ", "NHÀ NƯỚC"], parent: "BỘ NỘI VỤ", abbreviation: "VTLTNN", place: "Hà Nội",
               authority: "KT. CỤC TRƯỞNG", signerTitle: "PHÓ CỤC TRƯỞNG", units: ["NVĐP", "VP"]),
        Issuer(lines: ["ỦY BAN NHÂN DÂN", "HUYỆN NGHĨA HÀNH"], parent: nil, abbreviation: "UBND", place: "Nghĩa Hành",
               authority: "KT. CHỦ TỊCH", signerTitle: "PHÓ CHỦ TỊCH", units: ["VP", "TCKH"],
               collective: "TM. ỦY BAN NHÂN DÂN"),
        Issuer(lines: ["SỞ GIÁO DỤC VÀ ĐÀO TẠO"], parent: "UBND TỈNH THANH HÓA", abbreviation: "SGDĐT", place: "Thanh Hóa",
               authority: nil, signerTitle: "GIÁM ĐỐC", units: ["GDTrH", "TCCB"]),
        Issuer(lines: ["BAN QUẢN LÝ", "CÁC KHU CÔNG NGHIỆP"], parent: "UBND TỈNH BẮC NINH", abbreviation: "BQLKCN",
               place: "Bắc Ninh", authority: "KT. TRƯỞNG BAN", signerTitle: "PHÓ TRƯỞNG BAN", units: ["QLDN"]),
        Issuer(lines: ["TRUNG TÂM LƯU TRỮ LỊCH SỬ"], parent: "SỞ NỘI VỤ TỈNH NGHỆ AN", abbreviation: "TTLTLS",
               place: "Nghệ An", authority: nil, signerTitle: "GIÁM ĐỐC"),
        Issuer(lines: ["HỘI ĐỒNG NHÂN DÂN", "TỈNH ĐẮK LẮK"], parent: nil, abbreviation: "HĐND", place: "Đắk Lắk",
               authority: "TM. THƯỜNG TRỰC", signerTitle: "PHÓ CHỦ TỊCH", units: ["VP"]),
        Issuer(lines: ["BỘ TÀI NGUYÊN", "VÀ MÔI TRƯỜNG"], parent: nil, abbreviation: "BTNMT", place: "Hà Nội",
               authority: "KT. BỘ TRƯỞNG", signerTitle: "THỨ TRƯỞNG", units: ["ĐCKS", "TCCB"]),
        Issuer(lines: ["ỦY BAN NHÂN DÂN", "XÃ NGHĨA DŨNG"], parent: "UBND HUYỆN TƯ NGHĨA", abbreviation: "UBND",
               place: "Nghĩa Dũng", authority: "KT. CHỦ TỊCH", signerTitle: "PHÓ CHỦ TỊCH",
               collective: "TM. ỦY BAN NHÂN DÂN"),
        Issuer(lines: ["SỞ THÔNG TIN", "VÀ TRUYỀN THÔNG"], parent: "UBND THÀNH PHỐ HẢI PHÒNG", abbreviation: "STTTT",
               place: "Hải Phòng", authority: "KT. GIÁM ĐỐC", signerTitle: "PHÓ GIÁM ĐỐC", units: ["CNTT"]),
        Issuer(lines: ["BỘ Y TẾ"], parent: nil, abbreviation: "BYT", place: "Hà Nội",
               authority: "TL. BỘ TRƯỞNG", signerTitle: "VỤ TRƯỞNG", units: ["KH-TC", "PC"]),
        Issuer(lines: ["SỞ NÔNG NGHIỆP VÀ", "PHÁT TRIỂN NÔNG THÔN"], parent: "UBND TỈNH ĐỒNG THÁP", abbreviation: "SNNPTNT",
               place: "Đồng Tháp", authority: "KT. GIÁM ĐỐC", signerTitle: "PHÓ GIÁM ĐỐC", units: ["TTBVTV"]),
        Issuer(lines: ["ỦY BAN NHÂN DÂN", "THỊ XÃ ĐỨC PHỔ"], parent: nil, abbreviation: "UBND", place: "Đức Phổ",
               authority: "KT. CHỦ TỊCH", signerTitle: "PHÓ CHỦ TỊCH", units: ["VP", "NV"],
               collective: "TM. ỦY BAN NHÂN DÂN"),
    ]

    /// Topics of every length: a trích yếu of one line to four.
    static let wideTopics = archiveTopics + [
        "ban hành Quy chế phối hợp giữa các cơ quan, đơn vị trong việc quản lý, sử dụng và khai thác tài liệu lưu trữ điện tử trên địa bàn tỉnh",
        "phê duyệt Đề án chỉnh lý khoa học tài liệu tồn đọng, tích đống tại các cơ quan, tổ chức thuộc nguồn nộp lưu tài liệu vào Lưu trữ lịch sử tỉnh giai đoạn 2025 - 2030",
        "tăng cường kỷ luật, kỷ cương hành chính",
        "thành lập Tổ công tác",
        "giao chỉ tiêu kế hoạch vốn đầu tư công năm 2025 nguồn ngân sách địa phương cho các huyện, thị xã, thành phố",
        "hỗ trợ khắc phục hậu quả cơn bão số 3 trên địa bàn các xã miền núi",
        "công nhận xã đạt chuẩn nông thôn mới nâng cao năm 2024",
        "quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí khai thác, sử dụng tài liệu lưu trữ",
        "điều động, bổ nhiệm cán bộ lãnh đạo",
        "ủy quyền ký hợp đồng thuê dịch vụ công nghệ thông tin",
        "kiểm tra việc chấp hành pháp luật về lưu trữ tại các đơn vị sự nghiệp công lập trực thuộc Sở, các phòng chuyên môn và Ủy ban nhân dân cấp xã năm 2025",
    ]

    static let wideSigners = archiveSigners + [
        "Nguyễn Thị Thu Huyền", "Trần Quốc Tuấn", "Lê Thị Mỹ Dung", "Phan Đình Trạc", "Huỳnh Tấn Đạt", "Đỗ Văn Chiến",
        "Vũ Hồng Thanh", "Hoàng Trọng Nghĩa", "Trịnh Xuân Thủy", "Lương Thị Kim Oanh", "Đinh Ngọc Quỳnh", "Mai Tiến Dũng",
        "Cao Văn Lực", "Tạ Quang Hưng", "Lâm Thị Ngọc Yến", "Châu Văn Lâm", "Kiều Minh Khuê", "Quách Thế Sơn",
        "Đoàn Ngọc Hải", "Nguyễn Đức Quỳnh", "Trương Thị Ánh Tuyết", "Lý Hoàng Phúc", "Phùng Quốc Hiển", "Thái Thanh Quý",
    ]

    static let addressees = [
        "Ủy ban nhân dân tỉnh", "Các sở, ban, ngành thuộc tỉnh", "Ủy ban nhân dân các huyện, thị xã, thành phố",
        "Thường trực Hội đồng nhân dân tỉnh", "Bộ Nội vụ", "Cục Văn thư và Lưu trữ nhà nước",
    ]

    static let contactLines = [
        ["Địa chỉ: 52 Hùng Vương", "ĐT: 0255.3822.415"], ["ĐT: 0236.3821.120 - Fax: 0236.3823.442"],
        ["Email: vanthu@sonoivu.gov.vn"], ["Địa chỉ: 08 Trần Phú", "Email: vp@ubnd.gov.vn"],
    ]
}
