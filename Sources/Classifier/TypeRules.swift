import DocumentModel

/// What the centred type-name line says: an administrative type, or a form that only a legal
/// normative document takes (NGHỊ ĐỊNH, THÔNG TƯ, LUẬT …).
struct TypeLine: Sendable, Equatable {
    var docType: DocumentType
    /// The legal form the name implies when the document turns out normative.
    var legalForm: LegalForm?
    /// NGHỊ ĐỊNH, THÔNG TƯ, LUẬT … are normative whatever their number says.
    var onlyNormative: Bool
    var lineIndex: Int
}

/// The type rules of Nghị định 30 (Điều 7, Phụ lục III) and Luật 64/2025 (Điều 4).
enum TypeRules {
    private struct Name {
        var folded: String
        var docType: DocumentType
        var legalForm: LegalForm?
        var onlyNormative = false
    }

    /// Type names, folded. Folding keeps these apart (ĐỀ ÁN/DỰ ÁN differ in the vowel).
    private static let names: [Name] = [
        Name(folded: "NGHI QUYET", docType: .nghiQuyet, legalForm: .nghiQuyet),
        Name(folded: "QUYET DINH", docType: .quyetDinh, legalForm: .quyetDinh),
        Name(folded: "CHI THI", docType: .chiThi),
        Name(folded: "QUY CHE", docType: .quyChe),
        Name(folded: "QUY DINH", docType: .quyDinh),
        Name(folded: "THONG CAO", docType: .thongCao),
        Name(folded: "THONG BAO", docType: .thongBao),
        Name(folded: "HUONG DAN", docType: .huongDan),
        Name(folded: "CHUONG TRINH", docType: .chuongTrinh),
        Name(folded: "KE HOACH", docType: .keHoach),
        Name(folded: "PHUONG AN", docType: .phuongAn),
        Name(folded: "DE AN", docType: .deAn),
        Name(folded: "DU AN", docType: .duAn),
        Name(folded: "BAO CAO", docType: .baoCao),
        Name(folded: "TO TRINH", docType: .toTrinh),
        Name(folded: "BIEN BAN", docType: .bienBan),
        Name(folded: "HOP DONG", docType: .hopDong),
        Name(folded: "CONG DIEN", docType: .congDien),
        Name(folded: "BAN GHI NHO", docType: .banGhiNho),
        Name(folded: "BAN THOA THUAN", docType: .banThoaThuan),
        Name(folded: "GIAY UY QUYEN", docType: .giayUyQuyen),
        Name(folded: "GIAY MOI", docType: .giayMoi),
        Name(folded: "GIAY GIOI THIEU", docType: .giayGioiThieu),
        Name(folded: "GIAY NGHI PHEP", docType: .giayNghiPhep),
        Name(folded: "PHIEU GUI", docType: .phieuGui),
        Name(folded: "PHIEU CHUYEN", docType: .phieuChuyen),
        Name(folded: "PHIEU BAO", docType: .phieuBao),
        // Thư công has no name of its own (Phụ lục III, mẫu 1.10): its title says what
        // kind of letter it is.
        Name(folded: "THU CHUC MUNG", docType: .thuCong),
        Name(folded: "THU CAM ON", docType: .thuCong),
        Name(folded: "THU KHEN", docType: .thuCong),
        Name(folded: "THU THAM HOI", docType: .thuCong),
        Name(folded: "THU CHIA BUON", docType: .thuCong),
        Name(folded: "THU NGO", docType: .thuCong),
        Name(folded: "THU KEU GOI", docType: .thuCong),
        Name(folded: "HIEN PHAP", docType: .vanBanQPPL, legalForm: .hienPhap, onlyNormative: true),
        Name(folded: "BO LUAT", docType: .vanBanQPPL, legalForm: .boLuat, onlyNormative: true),
        Name(folded: "LUAT", docType: .vanBanQPPL, legalForm: .luat, onlyNormative: true),
        Name(folded: "PHAP LENH", docType: .vanBanQPPL, legalForm: .phapLenh, onlyNormative: true),
        Name(folded: "LENH", docType: .vanBanQPPL, legalForm: .lenh, onlyNormative: true),
        Name(folded: "NGHI DINH", docType: .vanBanQPPL, legalForm: .nghiDinh, onlyNormative: true),
        Name(folded: "THONG TU", docType: .vanBanQPPL, legalForm: .thongTu, onlyNormative: true),
        Name(folded: "THONG TU LIEN TICH", docType: .vanBanQPPL, legalForm: .thongTuLienTich, onlyNormative: true),
    ]

    /// Abbreviations of Phụ lục III, uppercased but not folded: Đ and D are distinct
    /// (HĐ hợp đồng ≠ HD hướng dẫn, ĐA đề án ≠ DA dự án).
    private static let abbreviations: [String: DocumentType] = [
        "NQ": .nghiQuyet, "QĐ": .quyetDinh, "CT": .chiThi, "QC": .quyChe, "QYĐ": .quyDinh,
        "TC": .thongCao, "TB": .thongBao, "HD": .huongDan, "CTR": .chuongTrinh, "KH": .keHoach,
        "PA": .phuongAn, "ĐA": .deAn, "DA": .duAn, "BC": .baoCao, "TTR": .toTrinh,
        "BB": .bienBan, "HĐ": .hopDong, "CĐ": .congDien, "BGN": .banGhiNho, "BTT": .banThoaThuan,
        "GUQ": .giayUyQuyen, "GM": .giayMoi, "GGT": .giayGioiThieu, "GNP": .giayNghiPhep,
        "PG": .phieuGui, "PC": .phieuChuyen, "PB": .phieuBao,
        // OCR drops the bar of Đ; where the D form means nothing else, read it back.
        "QD": .quyetDinh, "QYD": .quyDinh, "CD": .congDien,
    ]

    /// Type parts of normative numbers (`NĐ-CP`, `TT-BNV`, `L-CTN`, `PL-UBTVQH10`).
    private static let legalForms: [String: LegalForm] = [
        "NĐ": .nghiDinh, "ND": .nghiDinh, "QĐ": .quyetDinh, "QD": .quyetDinh, "TT": .thongTu,
        "TTLT": .thongTuLienTich, "NQ": .nghiQuyet, "NQLT": .nghiQuyet, "PL": .phapLenh, "L": .lenh,
    ]

    /// The first line of the header that is exactly a type name in capitals. A prefix of up
    /// to three stamp tokens is allowed ("HỎA TỐC CHỈ THỊ", "Ngày: - NGHỊ ĐỊNH").
    static func typeLine(in lines: ArraySlice<TextLine>) -> TypeLine? {
        for index in lines.indices {
            let line = lines[index]
            guard !line.text.hasSuffix(":") else { continue }
            for candidate in Set([line.text] + line.columns) {
                if let name = typeName(in: candidate) {
                    return TypeLine(docType: name.docType, legalForm: name.legalForm,
                                    onlyNormative: name.onlyNormative, lineIndex: index)
                }
            }
        }
        return nil
    }

    private static func typeName(in text: String) -> Name? {
        let key = Fold.key(text)
        let words = key.split(whereSeparator: { !$0.isLetter }).map(String.init)
        let originals = text.split(whereSeparator: { !$0.isLetter }).map(String.init)
        guard !words.isEmpty, words.count == originals.count else { return nil }
        // Longest name first so THÔNG TƯ LIÊN TỊCH wins over THÔNG TƯ.
        for drop in 0...min(3, words.count - 1) {
            let tail = words[drop...].joined(separator: " ")
            guard let name = names.first(where: { $0.folded == tail }) else { continue }
            guard Fold.isUppercase(originals[drop...].joined(separator: " "), tolerance: 0) else { return nil }
            // A capitalised prefix would be prose in caps ("BAN HÀNH QUY ĐỊNH"), not a stamp
            // (HỎA TỐC, the incoming ĐẾN box) or OCR debris (single letters, lowercase).
            let prefix = originals[..<drop].joined(separator: " ")
            let isStamp = Stamps.isStampText(words[..<drop].joined(separator: " "))
                || words[..<drop].contains { $0 == "DEN" || $0.count == 1 }
            guard drop == 0 || isStamp || !Fold.isUppercase(prefix, tolerance: 0) else { return nil }
            return name
        }
        return nil
    }

    /// The administrative type an abbreviation stands for, if it is one.
    static func type(forAbbreviation abbreviation: String) -> DocumentType? {
        abbreviations[abbreviation.uppercased()]
    }

    /// True when the two abbreviations differ only by Đ/D, which OCR confuses.
    static func differOnlyByBar(_ abbreviation: String, _ type: DocumentType) -> Bool {
        let folded = Fold.key(abbreviation)
        return abbreviations.contains { $0.value == type && Fold.key($0.key) == folded }
    }

    /// The legal form a normative number's notation states; `QH` (laws and National Assembly
    /// resolutions) and `UBTVQH` need the type line to tell which.
    static func legalForm(forNotation groups: [String], typeLine: TypeLine?) -> LegalForm? {
        guard let first = groups.first else { return nil }
        if let form = legalForms[first.uppercased()] { return form }
        let body = String(first.uppercased().prefix { !$0.isNumber })
        if body == "QH" || body == "UBTVQH" {
            return typeLine?.legalForm ?? (body == "QH" ? .luat : .nghiQuyet)
        }
        return nil
    }
}
