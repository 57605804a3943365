/// The export's codes as an archivist reads them, in Vietnamese: the web app's pages and a
/// handover package's metadata name types, secrecy and urgency the same way.
public enum CodeNames {
    /// Document types and legal forms.
    public static let types: [String: String] = [
        "nghi_quyet": "Nghị quyết", "quyet_dinh": "Quyết định", "chi_thi": "Chỉ thị", "quy_che": "Quy chế", "quy_dinh": "Quy định",
        "thong_cao": "Thông cáo", "thong_bao": "Thông báo", "huong_dan": "Hướng dẫn", "chuong_trinh": "Chương trình",
        "ke_hoach": "Kế hoạch", "phuong_an": "Phương án", "de_an": "Đề án", "du_an": "Dự án", "bao_cao": "Báo cáo",
        "to_trinh": "Tờ trình", "cong_van": "Công văn", "van_ban_qppl": "Văn bản QPPL", "bien_ban": "Biên bản",
        "hop_dong": "Hợp đồng", "cong_dien": "Công điện", "ban_ghi_nho": "Bản ghi nhớ", "ban_thoa_thuan": "Bản thỏa thuận",
        "giay_uy_quyen": "Giấy ủy quyền", "giay_moi": "Giấy mời", "giay_gioi_thieu": "Giấy giới thiệu",
        "giay_nghi_phep": "Giấy nghỉ phép", "phieu_gui": "Phiếu gửi", "phieu_chuyen": "Phiếu chuyển", "phieu_bao": "Phiếu báo",
        "thu_cong": "Thư công", "unknown": "Chưa rõ loại",
        "hien_phap": "Hiến pháp", "bo_luat": "Bộ luật", "luat": "Luật", "phap_lenh": "Pháp lệnh", "lenh": "Lệnh",
        "nghi_dinh": "Nghị định", "thong_tu": "Thông tư", "thong_tu_lien_tich": "Thông tư liên tịch",
    ]
    public static let secrecy: [String: String] = ["mat": "Mật", "toi_mat": "Tối mật", "tuyet_mat": "Tuyệt mật"]
    public static let urgency: [String: String] = ["khan": "Khẩn", "thuong_khan": "Thượng khẩn", "hoa_toc": "Hỏa tốc"]
}
