/// The document types of Nghị định 30/2020 (Điều 7) plus legal normative documents.
///
/// Raw values are the codes of the export contract (`shared/design/export-contract.md`);
/// never rename one.
public enum DocumentType: String, Sendable, Codable, CaseIterable {
    // The 16 common administrative types.
    case nghiQuyet = "nghi_quyet"
    case quyetDinh = "quyet_dinh"
    case chiThi = "chi_thi"
    case quyChe = "quy_che"
    case quyDinh = "quy_dinh"
    case thongCao = "thong_cao"
    case thongBao = "thong_bao"
    case huongDan = "huong_dan"
    case chuongTrinh = "chuong_trinh"
    case keHoach = "ke_hoach"
    case phuongAn = "phuong_an"
    case deAn = "de_an"
    case duAn = "du_an"
    case baoCao = "bao_cao"
    case toTrinh = "to_trinh"
    case congVan = "cong_van"
    /// Văn bản quy phạm pháp luật; its form is in ``LegalForm``.
    case vanBanQPPL = "van_ban_qppl"
    // The other administrative types of Nghị định 30.
    case bienBan = "bien_ban"
    case hopDong = "hop_dong"
    case congDien = "cong_dien"
    case banGhiNho = "ban_ghi_nho"
    case banThoaThuan = "ban_thoa_thuan"
    case giayUyQuyen = "giay_uy_quyen"
    case giayMoi = "giay_moi"
    case giayGioiThieu = "giay_gioi_thieu"
    case giayNghiPhep = "giay_nghi_phep"
    case phieuGui = "phieu_gui"
    case phieuChuyen = "phieu_chuyen"
    case phieuBao = "phieu_bao"
    case thuCong = "thu_cong"
    case unknown

    /// Whether Nghị định 30's form for this type has a trích yếu under its name. Giấy and
    /// phiếu forms (Phụ lục III, mẫu 1.8 and 1.10, and the slips) and thư công have none:
    /// their title says what they are.
    public var carriesSubject: Bool {
        switch self {
        case .giayUyQuyen, .giayGioiThieu, .giayNghiPhep, .phieuGui, .phieuChuyen, .phieuBao, .thuCong: false
        default: true
        }
    }
}

/// The form of a legal normative document (Luật Ban hành VBQPPL 64/2025, Điều 4).
public enum LegalForm: String, Sendable, Codable, CaseIterable {
    case hienPhap = "hien_phap"
    case boLuat = "bo_luat"
    case luat
    case phapLenh = "phap_lenh"
    case lenh
    case nghiQuyet = "nghi_quyet"
    case nghiDinh = "nghi_dinh"
    case quyetDinh = "quyet_dinh"
    case thongTu = "thong_tu"
    case thongTuLienTich = "thong_tu_lien_tich"
}

/// Dấu chỉ độ mật (Luật Bảo vệ bí mật nhà nước 29/2018, Điều 8).
public enum Secrecy: String, Sendable, Codable, CaseIterable {
    case mat
    case toiMat = "toi_mat"
    case tuyetMat = "tuyet_mat"
}

/// Mức độ khẩn stamp.
public enum Urgency: String, Sendable, Codable, CaseIterable {
    case khan
    case thuongKhan = "thuong_khan"
    case hoaToc = "hoa_toc"
}

/// A calendar date as printed on a document ("ngày 12 tháng 7 năm 2019"), with no time zone.
public struct IssuedDate: Sendable, Codable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// Nil when the parts do not form a real calendar date.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= IssuedDate.daysIn(month: month, year: year) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `yyyy-mm-dd`.
    public init?(iso: String) {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        self.init(year: parts[0], month: parts[1], day: parts[2])
    }

    /// `yyyy-mm-dd`, the form the export contract uses.
    public var iso: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public var description: String { iso }

    public static func < (lhs: IssuedDate, rhs: IssuedDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// What the classifier says about one document: its type and the metadata an archivist files it by.
///
/// Field meanings follow the export contract; every string is NFC with Đ as U+0110.
public struct DocumentMetadata: Sendable, Codable, Equatable {
    public var docType: DocumentType = .unknown
    public var legalForm: LegalForm?
    /// Số và ký hiệu with spaces removed: `28/2018/QĐ-TTg`.
    public var number: String?
    public var issuedDate: IssuedDate?
    public var place: String?
    public var agency: String?
    public var agencyParent: String?
    /// Trích yếu, without a leading "V/v".
    public var subject: String?
    public var signer: String?
    public var signerTitle: String?
    /// The TM./KT./TL./TUQ./Q. line, e.g. `KT. CHỦ TỊCH`; when several are stacked
    /// (`TM. ỦY BAN NHÂN DÂN` / `KT. CHỦ TỊCH`), the one right above the signer's position.
    public var signingAuthority: String?
    public var secrecy: Secrecy?
    public var urgency: Urgency?
    /// Set when the document is a copy (SAO Y, TRÍCH SAO, SAO LỤC); the other fields are
    /// the original's.
    public var copy: CopyMark?
    /// How far each field found can be trusted, 0–1; a field with no entry was not found or
    /// its words could not be traced.
    public var fieldConfidence: [MetadataField: Double] = [:]
    public var needsReview: Bool = false
    public var reviewReasons: [String] = []
    /// The fields the reasons put in doubt, so a reviewer (and the evaluation) knows which
    /// values to check.
    public var reviewFields: [MetadataField] = []

    public init() {}
}

/// How a copy was made (Nghị định 30/2020, Điều 25): a full copy, an extract, or a copy
/// made from a copy.
public enum CopyForm: String, Sendable, Codable, CaseIterable {
    case saoY = "sao_y"
    case trichSao = "trich_sao"
    case saoLuc = "sao_luc"
}

/// The copy block under a copied document (Phụ lục I, Phần II): the copying agency, the
/// form's name, the copy's own number and date, its signer. The document keeps the
/// original's type and metadata; these fields say it is a copy.
public struct CopyMark: Sendable, Codable, Equatable {
    public var form: CopyForm
    /// The copy's own number (`14/SL-UBND`), not the original's.
    public var number: String?
    public var issuedDate: IssuedDate?

    public init(form: CopyForm, number: String?, issuedDate: IssuedDate?) {
        self.form = form
        self.number = number
        self.issuedDate = issuedDate
    }
}
