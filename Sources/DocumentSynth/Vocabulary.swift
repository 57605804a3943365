import Classifier
import DocumentModel

/// An issuing body as its header block prints it.
struct Issuer: Sendable {
    /// The lines of the agency's name; a name too long for one line wraps onto two.
    var lines: [String]
    var parent: String?
    var abbreviation: String
    var place: String
    /// The TM./KT./TL./TUQ. line; nil when the head signs in their own name.
    var authority: String?
    var signerTitle: String
    /// The units whose symbol may follow the issuer's in a number ("SKHĐT-TCCB").
    var units: [String] = []
    /// The collective body a deputy signs for ("TM. ỦY BAN NHÂN DÂN" over "KT. CHỦ TỊCH").
    var collective: String? = nil

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
        .banGhiNho: ("BẢN GHI NHỚ", "BGN"), .banThoaThuan: ("BẢN THỎA THUẬN", "BTT"),
        .giayUyQuyen: ("GIẤY ỦY QUYỀN", "GUQ"), .giayGioiThieu: ("GIẤY GIỚI THIỆU", "GGT"),
        .giayNghiPhep: ("GIẤY NGHỈ PHÉP", "GNP"), .phieuGui: ("PHIẾU GỬI", "PG"), .phieuChuyen: ("PHIẾU CHUYỂN", "PC"),
        .phieuBao: ("PHIẾU BÁO", "PB"),
    ]


    /// Thư công has neither an abbreviation nor a fixed name: its title says what it is.
    static let letterTitles = ["THƯ CHÚC MỪNG", "THƯ CẢM ƠN", "THƯ KHEN"]

    /// What the subject of each of the other Nghị định 30 types is about, instead of a generic topic.
    static let typedSubjects: [DocumentType: [String]] = [
        .bienBan: ["Họp Hội đồng thi đua, khen thưởng quý III", "Kiểm tra công tác văn thư, lưu trữ năm 2024",
                   "Bàn giao hồ sơ, tài liệu lưu trữ"],
        .hopDong: ["Cung cấp dịch vụ số hóa tài liệu lưu trữ", "Thuê phần mềm quản lý văn bản và điều hành"],
        .banGhiNho: ["Hợp tác chuyển đổi số giai đoạn 2024 - 2026", "Phối hợp đào tạo nguồn nhân lực"],
        .banThoaThuan: ["Phối hợp quản lý tài liệu lưu trữ điện tử", "Hợp tác phát triển du lịch vùng"],
        .giayMoi: ["Dự Hội nghị tổng kết công tác năm 2024", "Dự họp trực tuyến về chuyển đổi số"],
    ]

    /// Issuers of every header shape (one or two lines, with or without a parent body,
    /// signed by the head or on their behalf), for documents drawn in ``DocumentFactory/Variety/archive``.
    static let archiveIssuers: [Issuer] = issuers + [
        Issuer(lines: ["BỘ NỘI VỤ"], parent: nil, abbreviation: "BNV", place: "Hà Nội",
               authority: "KT. BỘ TRƯỞNG", signerTitle: "THỨ TRƯỞNG"),
        Issuer(lines: ["SỞ TÀI NGUYÊN", "VÀ MÔI TRƯỜNG"], parent: "UBND TỈNH QUẢNG NGÃI", abbreviation: "STNMT",
               place: "Quảng Ngãi", authority: nil, signerTitle: "GIÁM ĐỐC"),
        Issuer(lines: ["VĂN PHÒNG"], parent: "HĐND TỈNH HƯNG YÊN", abbreviation: "VP", place: "Hưng Yên",
               authority: nil, signerTitle: "CHÁNH VĂN PHÒNG"),
        Issuer(lines: ["TRƯỜNG ĐẠI HỌC CÔNG THƯƠNG", "THÀNH PHỐ HỒ CHÍ MINH"], parent: "BỘ CÔNG THƯƠNG",
               abbreviation: "DCT", place: "Thành phố Hồ Chí Minh", authority: "KT. HIỆU TRƯỞNG",
               signerTitle: "PHÓ HIỆU TRƯỞNG"),
        Issuer(lines: ["ỦY BAN NHÂN DÂN", "XÃ TÂN HIỆP"], parent: nil, abbreviation: "UBND", place: "Tân Hiệp",
               authority: "TM. ỦY BAN NHÂN DÂN", signerTitle: "CHỦ TỊCH"),
        Issuer(lines: ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI"], parent: nil, abbreviation: "UBND", place: "Quảng Ngãi",
               authority: "TL. CHỦ TỊCH", signerTitle: "CHÁNH VĂN PHÒNG"),
        Issuer(lines: ["SỞ Y TẾ"], parent: "UBND TỈNH KHÁNH HÒA", abbreviation: "SYT",
               place: "Khánh Hòa", authority: "TUQ. CHỦ TỊCH", signerTitle: "GIÁM ĐỐC SỞ Y TẾ"),
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

    /// A form of legal normative document as its issuer prints it.
    struct Normative {
        var typeLine: String
        /// The type part of the symbol; nil for a law, whose symbol is only the legislature (`QH15`).
        var abbreviation: String?
        var issuer: Issuer
        /// What precedes the number: laws print "Luật số:", the rest "Số:".
        var numberLabel = "Số:"
        /// Laws and ordinances are titled by their name in capitals, not by a trích yếu.
        var names: [String] = []
    }

    static let nationalAssembly = Issuer(lines: ["QUỐC HỘI"], parent: nil, abbreviation: "QH", place: "Hà Nội",
                                         authority: nil, signerTitle: "CHỦ TỊCH QUỐC HỘI")

    static let normative: [LegalForm: Normative] = [
        .nghiDinh: Normative(typeLine: "NGHỊ ĐỊNH", abbreviation: "NĐ", issuer: Issuer(
            lines: ["CHÍNH PHỦ"], parent: nil, abbreviation: "CP", place: "Hà Nội",
            authority: "TM. CHÍNH PHỦ", signerTitle: "THỦ TƯỚNG")),
        .quyetDinh: Normative(typeLine: "QUYẾT ĐỊNH", abbreviation: "QĐ", issuer: issuers[0]),
        .thongTu: Normative(typeLine: "THÔNG TƯ", abbreviation: "TT", issuer: Issuer(
            lines: ["BỘ NỘI VỤ"], parent: nil, abbreviation: "BNV", place: "Hà Nội",
            authority: "KT. BỘ TRƯỞNG", signerTitle: "THỨ TRƯỞNG")),
        .nghiQuyet: Normative(typeLine: "NGHỊ QUYẾT", abbreviation: "NQ", issuer: Issuer(
            lines: ["HỘI ĐỒNG NHÂN DÂN", "TỈNH ĐỒNG NAI"], parent: nil, abbreviation: "HĐND", place: "Đồng Nai",
            authority: "TM. HỘI ĐỒNG NHÂN DÂN", signerTitle: "CHỦ TỊCH")),
        .thongTuLienTich: Normative(typeLine: "THÔNG TƯ LIÊN TỊCH", abbreviation: "TTLT", issuer: Issuer(
            lines: ["BỘ TÀI CHÍNH - BỘ NỘI VỤ"], parent: nil, abbreviation: "BTC-BNV", place: "Hà Nội",
            authority: "KT. BỘ TRƯỞNG BỘ NỘI VỤ", signerTitle: "THỨ TRƯỞNG")),
        .lenh: Normative(typeLine: "LỆNH", abbreviation: "L", issuer: Issuer(
            lines: ["CHỦ TỊCH NƯỚC"], parent: nil, abbreviation: "CTN", place: "Hà Nội",
            authority: nil, signerTitle: "CHỦ TỊCH NƯỚC")),
        .phapLenh: Normative(typeLine: "PHÁP LỆNH", abbreviation: "PL", issuer: Issuer(
            lines: ["ỦY BAN THƯỜNG VỤ", "QUỐC HỘI"], parent: nil, abbreviation: "UBTVQH", place: "Hà Nội",
            authority: "TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI", signerTitle: "CHỦ TỊCH"),
            names: ["CHI PHÍ TỐ TỤNG", "QUẢN LÝ THỊ TRƯỜNG", "XỬ LÝ VI PHẠM HÀNH CHÍNH"]),
        .luat: Normative(typeLine: "LUẬT", abbreviation: nil, issuer: nationalAssembly, numberLabel: "Luật số:",
                         names: ["LƯU TRỮ", "GIAO DỊCH ĐIỆN TỬ", "BẢO VỆ BÍ MẬT NHÀ NƯỚC",
                                 "BAN HÀNH VĂN BẢN QUY PHẠM PHÁP LUẬT"]),
        .boLuat: Normative(typeLine: "BỘ LUẬT", abbreviation: nil, issuer: nationalAssembly, numberLabel: "Bộ luật số:",
                           names: ["LAO ĐỘNG", "DÂN SỰ", "HÌNH SỰ"]),
        .hienPhap: Normative(typeLine: "HIẾN PHÁP", abbreviation: nil, issuer: nationalAssembly,
                             names: ["NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]),
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

    /// More topics for ``DocumentFactory/Variety/archive``, so subjects differ in length and words.
    static let archiveTopics = topics + [
        "kiện toàn Ban Chỉ đạo công tác thông tin đối ngoại",
        "phê duyệt danh mục hồ sơ năm 2025 của cơ quan",
        "thực hiện Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi",
        "điều chỉnh giá đất cụ thể trên địa bàn",
        "phòng, chống dịch bệnh truyền nhiễm mùa mưa bão",
        "tiếp nhận, giải quyết phản ánh, kiến nghị của người dân và doanh nghiệp",
        "sắp xếp đơn vị hành chính cấp xã",
    ]

    static let signers = [
        "Nguyễn Văn An", "Trần Thị Bích Hằng", "Lê Đức Thắng", "Phạm Quốc Việt", "Đặng Thu Hương", "Võ Minh Đức",
    ]

    static let archiveSigners = signers + [
        "Huỳnh Ngọc Ánh", "Bùi Thị Thúy Hoa", "Ngô Quang Khải", "Dương Văn Tùng", "Hồ Thị Diệu Linh", "Tôn Thất Hưng",
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
