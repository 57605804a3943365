import Classifier

/// An issuing body as its header block prints it.
struct Issuer: Sendable {
    /// The lines of the agency's name; a name too long for one line wraps onto two.
    var lines: [String]
    var parent: String?
    var abbreviation: String
    var place: String
    var authority: String
    var signerTitle: String

    /// The agency as the export contract names it: wrapped lines joined with a space.
    var agency: String { lines.joined(separator: " ") }
}

/// The words synthetic documents are made of: real agency names, titles, abbreviations
/// (Nghị định 30, Phụ lục III) and administrative prose with every tone and đ/Đ.
enum Vocabulary {
    static let typeNames: [DocumentType: (name: String, abbreviation: String)] = [
        .nghiQuyet: ("NGHỊ QUYẾT", "NQ"), .quyetDinh: ("QUYẾT ĐỊNH", "QĐ"), .chiThi: ("CHỈ THỊ", "CT"),
        .quyChe: ("QUY CHẾ", "QC"), .quyDinh: ("QUY ĐỊNH", "QyĐ"), .thongCao: ("THÔNG CÁO", "TC"),
        .thongBao: ("THÔNG BÁO", "TB"), .huongDan: ("HƯỚNG DẪN", "HD"), .chuongTrinh: ("CHƯƠNG TRÌNH", "CTr"),
        .keHoach: ("KẾ HOẠCH", "KH"), .phuongAn: ("PHƯƠNG ÁN", "PA"), .deAn: ("ĐỀ ÁN", "ĐA"), .duAn: ("DỰ ÁN", "DA"),
        .baoCao: ("BÁO CÁO", "BC"), .toTrinh: ("TỜ TRÌNH", "TTr"), .bienBan: ("BIÊN BẢN", "BB"),
        .hopDong: ("HỢP ĐỒNG", "HĐ"), .giayMoi: ("GIẤY MỜI", "GM"), .congDien: ("CÔNG ĐIỆN", "CĐ"),
    ]

    static let issuers: [Issuer] = [
        Issuer(lines: ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI"], parent: nil, abbreviation: "UBND", place: "Quảng Ngãi",
               authority: "KT. CHỦ TỊCH", signerTitle: "PHÓ CHỦ TỊCH"),
        Issuer(lines: ["SỞ NỘI VỤ"], parent: "UBND TỈNH ĐỒNG NAI", abbreviation: "SNV", place: "Đồng Nai",
               authority: "KT. GIÁM ĐỐC", signerTitle: "PHÓ GIÁM ĐỐC"),
        Issuer(lines: ["CỤC THUẾ"], parent: "BỘ TÀI CHÍNH", abbreviation: "CT", place: "Hà Nội",
               authority: "TL. BỘ TRƯỞNG", signerTitle: "CỤC TRƯỞNG"),
        Issuer(lines: ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ ĐÀ NẴNG"], parent: nil, abbreviation: "UBND", place: "Đà Nẵng",
               authority: "TM. ỦY BAN NHÂN DÂN", signerTitle: "CHỦ TỊCH"),
    ]

    static let normative: [LegalForm: (typeLine: String, abbreviation: String, issuer: Issuer)] = [
        .nghiDinh: ("NGHỊ ĐỊNH", "NĐ", Issuer(lines: ["CHÍNH PHỦ"], parent: nil, abbreviation: "CP", place: "Hà Nội",
                                              authority: "TM. CHÍNH PHỦ", signerTitle: "THỦ TƯỚNG")),
        .quyetDinh: ("QUYẾT ĐỊNH", "QĐ", issuers[0]),
        .thongTu: ("THÔNG TƯ", "TT", Issuer(lines: ["BỘ NỘI VỤ"], parent: nil, abbreviation: "BNV", place: "Hà Nội",
                                            authority: "KT. BỘ TRƯỞNG", signerTitle: "THỨ TRƯỞNG")),
        .nghiQuyet: ("NGHỊ QUYẾT", "NQ", Issuer(lines: ["HỘI ĐỒNG NHÂN DÂN", "TỈNH ĐỒNG NAI"], parent: nil,
                                                abbreviation: "HĐND", place: "Đồng Nai",
                                                authority: "TM. HỘI ĐỒNG NHÂN DÂN", signerTitle: "CHỦ TỊCH")),
    ]

    static let topics = [
        "triển khai văn phòng điện tử trong các cơ quan nhà nước",
        "tăng cường công tác phòng, chống thiên tai năm 2024",
        "lập, quản lý hồ sơ và nộp lưu hồ sơ vào lưu trữ cơ quan",
        "đẩy mạnh chuyển đổi số trong giải quyết thủ tục hành chính",
        "tổ chức Hội nghị tổng kết công tác cải cách hành chính",
        "bảo đảm an toàn giao thông dịp Tết Nguyên đán",
        "số hóa tài liệu lưu trữ giấy của các sở, ban, ngành",
    ]

    static let signers = [
        "Nguyễn Văn An", "Trần Thị Bích Hằng", "Lê Đức Thắng", "Phạm Quốc Việt", "Đặng Thu Hương", "Võ Minh Đức",
    ]

    static let sentences = [
        "Các sở, ban, ngành và Ủy ban nhân dân các huyện có trách nhiệm tổ chức thực hiện nghiêm túc nội dung này.",
        "Thủ trưởng các cơ quan, đơn vị chịu trách nhiệm trước Chủ tịch Ủy ban nhân dân tỉnh về kết quả thực hiện.",
        "Văn phòng Ủy ban nhân dân tỉnh theo dõi, đôn đốc và báo cáo định kỳ hằng quý.",
        "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc thì kịp thời phản ánh về Sở Nội vụ để tổng hợp.",
        "Kinh phí thực hiện được bố trí từ nguồn ngân sách nhà nước theo phân cấp hiện hành.",
        "Đẩy mạnh ứng dụng công nghệ thông tin, bảo đảm đồng bộ, thống nhất và an toàn dữ liệu.",
        "Tài liệu giấy sau khi số hóa phải được bảo quản đúng quy định, không để hư hỏng, thất lạc.",
        "Người đứng đầu cơ quan, tổ chức chịu trách nhiệm về việc lập hồ sơ và nộp lưu đúng thời hạn.",
        "Kết quả đánh giá là căn cứ để xét thi đua, khen thưởng cuối năm đối với tập thể và cá nhân.",
        "Đề nghị các đơn vị phối hợp chặt chẽ, tránh chồng chéo, bảo đảm tiến độ đề ra.",
    ]
}
