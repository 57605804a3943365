import Classifier
import DocumentModel

/// Builds ND30-layout documents as text, the way `pdftotext -layout` (wide gaps between the
/// left and right blocks) or OCR (one space) renders them.
enum Fixture {
    static let today = IssuedDate(year: 2026, month: 6, day: 30)!

    static func classify(_ pages: String..., source: TextSource = .textLayer, today: IssuedDate = today) -> DocumentMetadata {
        let recognized = pages.enumerated().map {
            RecognizedPage(number: $0.offset + 1, text: $0.element, source: source)
        }
        return DocumentClassifier(today: today).classify(recognized)
    }

    /// A one-page document with the given header parts; the rest is a plausible body.
    static func document(
        agency: [String] = ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI"],
        number: String,
        date: String = "Quảng Ngãi, ngày 12 tháng 7 năm 2019",
        typeLine: String?,
        subject: [String] = ["Về việc tăng cường công tác quản lý nhà nước"],
        signature: [String] = ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "", "Trần Phước Hiền"]
    ) -> String {
        var lines: [String] = []
        let motto = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
        for index in 0..<max(agency.count, motto.count) {
            let left = index < agency.count ? agency[index] : ""
            let right = index < motto.count ? motto[index] : ""
            lines.append("  " + left.padding(toLength: 34, withPad: " ", startingAt: 0) + right)
        }
        lines.append("")
        lines.append("  \(number)".padding(toLength: 36, withPad: " ", startingAt: 0) + date)
        lines.append("")
        if let typeLine {
            lines.append("                         \(typeLine)")
            lines += subject.map { "        \($0)" }
        } else {
            lines += subject
        }
        lines += [
            "",
            "       Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
            "       Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác",
            "văn thư;",
            "       Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 118/TTr-SNV ngày",
            "02/7/2019.",
            "       Nội dung chính của văn bản, thực hiện nghiêm túc./.",
            "",
        ]
        let recipients = ["Nơi nhận:", "- Như trên;", "- CT, PCT UBND tỉnh;", "- Lưu: VT, NC."]
        for index in 0..<max(recipients.count, signature.count) {
            let left = index < recipients.count ? recipients[index] : ""
            let right = index < signature.count ? signature[index] : ""
            lines.append(left.padding(toLength: 44, withPad: " ", startingAt: 0) + right)
        }
        return lines.joined(separator: "\n")
    }
}
