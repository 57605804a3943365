import ArchiveStore
import DocumentModel
import SohoaKit

/// The codes of the export contract as an archivist reads them.
enum Labels {
    static let types = CodeNames.types
    static let secrecy = CodeNames.secrecy
    static let clearance: [String: String] = ["none": "Không", "mat": "Mật", "toi_mat": "Tối mật", "tuyet_mat": "Tuyệt mật"]
    static let urgency = CodeNames.urgency
    static let roles: [String: String] = ["reader": "Người đọc", "archivist": "Lưu trữ viên", "admin": "Quản trị"]
    static let fields: [String: String] = [
        "doc_type": "Loại văn bản", "legal_form": "Hình thức QPPL", "number": "Số, ký hiệu", "issued_date": "Ngày ban hành",
        "place": "Địa danh", "agency": "Cơ quan ban hành", "agency_parent": "Cơ quan chủ quản", "subject": "Trích yếu",
        "signer": "Người ký", "signer_title": "Chức vụ", "signing_authority": "Thẩm quyền ký", "secrecy": "Độ mật",
        "urgency": "Độ khẩn",
    ]
    static let facets: [(String, String)] = [
        ("doc_type", "Loại"), ("agency", "Cơ quan"), ("year", "Năm"), ("secrecy", "Độ mật"), ("urgency", "Độ khẩn"),
        ("needs_review", "Cần duyệt"), ("box", "Hộp"), ("ho_so", "Hồ sơ"),
    ]
    static let batchStates: [String: String] = ["running": "Đang chạy", "interrupted": "Bị ngắt", "stopped": "Đã dừng", "finished": "Xong"]
    static let auditEvents: [String: String] = [
        "login": "Đăng nhập", "login_failed": "Đăng nhập sai", "logout": "Đăng xuất", "correction": "Sửa",
        "classified_download": "Tải tài liệu mật", "user_added": "Thêm người dùng", "user_changed": "Đổi người dùng",
        "user_removed": "Xóa người dùng", "token_issued": "Cấp token", "tokens_revoked": "Thu hồi token", "batch_started": "Chạy lô",
    ]

    /// A facet or field value as people read it: a code's name, "có/không" for a flag.
    static func value(_ value: String, facet: String) -> String {
        switch facet {
        case "doc_type", "legal_form": types[value] ?? value
        case "secrecy": secrecy[value] ?? value
        case "urgency": urgency[value] ?? value
        case "needs_review": value == "true" ? "Cần duyệt" : "Đã ổn"
        default: value
        }
    }

    /// `5000` as `5.000`: Vietnamese groups thousands with a dot.
    static func thousands(_ number: Int) -> String {
        let digits = String(number.magnitude)
        let groups = stride(from: digits.count, to: 0, by: -3).map { end in
            String(digits[digits.index(digits.startIndex, offsetBy: max(0, end - 3))..<digits.index(digits.startIndex, offsetBy: end)])
        }
        return (number < 0 ? "-" : "") + groups.reversed().joined(separator: ".")
    }

    /// `2019-07-12` as `12/07/2019`.
    static func date(_ iso: String?) -> String {
        guard let iso, iso.count == 10 else { return iso ?? "" }
        let parts = iso.split(separator: "-")
        return parts.count == 3 ? "\(parts[2])/\(parts[1])/\(parts[0])" : iso
    }
}
