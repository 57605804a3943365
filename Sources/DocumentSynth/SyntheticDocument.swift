import Classifier
import DocumentModel

/// A synthetic document in the Nghị định 30 layout: what to draw, and the metadata a
/// perfect reader would extract from it (the ground truth).
public struct SyntheticDocument: Sendable {
    /// The ground truth, in the export contract's terms.
    public var metadata: DocumentMetadata
    /// Header block, top left: the parent body's line (if any) then the agency's lines.
    public var agencyLines: [String]
    public var parentLine: String?
    /// The type name printed centred ("QUYẾT ĐỊNH"); nil for a công văn.
    public var typeLine: String?
    /// "Căn cứ …" lines: they cite other documents' numbers and dates on purpose.
    public var citations: [String]
    /// Body paragraphs.
    public var paragraphs: [String]
    public var recipients: [String]
    public var pageCount: Int
    /// What precedes the number: "Số:", or "Luật số:" on a law.
    public var numberLabel = "Số:"
    /// The SAO Y / TRÍCH SAO / SAO LỤC block of a copy, under the original's last page.
    public var copy: CopyBlock?

    /// The "<place>, ngày … tháng … năm …" line.
    public var dateLine: String {
        guard let date = metadata.issuedDate, let place = metadata.place else { return "" }
        return SyntheticDocument.dateLine(place: place, date: date)
    }

    static func dateLine(place: String, date: IssuedDate) -> String {
        // Nghị định 30: days below 10 and months 1 and 2 are written with a leading zero.
        let day = date.day < 10 ? "0\(date.day)" : "\(date.day)"
        let month = date.month < 3 ? "0\(date.month)" : "\(date.month)"
        return "\(place), ngày \(day) tháng \(month) năm \(date.year)"
    }

    /// The secrecy and urgency stamps as printed (ô 10a, 10b), in that order.
    public var stampWords: [String] {
        [metadata.secrecy.map(SyntheticDocument.word), metadata.urgency.map(SyntheticDocument.word)].compactMap { $0 }
    }

    static func word(_ secrecy: Secrecy) -> String {
        switch secrecy {
        case .mat: "MẬT"
        case .toiMat: "TỐI MẬT"
        case .tuyetMat: "TUYỆT MẬT"
        }
    }

    static func word(_ urgency: Urgency) -> String {
        switch urgency {
        case .khan: "KHẨN"
        case .thuongKhan: "THƯỢNG KHẨN"
        case .hoaToc: "HỎA TỐC"
        }
    }

    /// The body paragraphs on each page: page 1 takes four under its header, later pages
    /// the rest, evenly.
    var paragraphsByPage: [[String]] {
        let first = Array(paragraphs.prefix(4))
        let rest = Array(paragraphs.dropFirst(4))
        guard pageCount > 1 else { return [paragraphs] }
        let per = max(1, Int((Double(rest.count) / Double(pageCount - 1)).rounded(.up)))
        var chunks = [first]
        for index in 0..<(pageCount - 1) {
            chunks.append(Array(rest.dropFirst(index * per).prefix(per)))
        }
        return chunks
    }

    /// What a perfect reader gets from each page, block by block in reading order: the
    /// text side of the ground truth (for search benchmarks and OCR error rates).
    public var pageTexts: [String] {
        let m = metadata
        return paragraphsByPage.enumerated().map { index, paragraphs in
            var lines: [String] = []
            if index == 0 {
                lines += [parentLine].compactMap { $0 } + agencyLines
                lines += [m.number.map { "\(numberLabel) \($0)" }].compactMap { $0 }
                lines += ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", dateLine]
                if !stampWords.isEmpty {
                    lines.append(stampWords.joined(separator: " "))
                }
                if let typeLine {
                    lines += [typeLine, m.subject].compactMap { $0 }
                } else {
                    lines += ["V/v " + (m.subject ?? ""), "Kính gửi: Các sở, ban, ngành tỉnh"]
                }
                lines += citations
            } else {
                lines.append("\(index + 1)")
            }
            lines += paragraphs
            if index == pageCount - 1 {
                lines += [m.signingAuthority, m.signerTitle, m.signer].compactMap { $0 }
                lines += ["Nơi nhận:"] + recipients
                lines += copy?.lines ?? []
            }
            return lines.joined(separator: "\n")
        }
    }
}

/// The block that makes a document a copy (Nghị định 30, Phụ lục I, Phần II): the copying
/// agency, the copy's own number and date, the copy form, its signer. The document's
/// metadata stays the original's; these are the copy's.
public struct CopyBlock: Sendable, Equatable {
    public enum Form: String, Sendable, CaseIterable {
        case saoY = "sao_y"
        case trichSao = "trich_sao"
        case saoLuc = "sao_luc"

        /// The form's name as printed, and its symbol in the copies' number series.
        var printed: (name: String, abbreviation: String) {
            switch self {
            case .saoY: ("SAO Y", "SY")
            case .trichSao: ("TRÍCH SAO", "TrS")
            case .saoLuc: ("SAO LỤC", "SL")
            }
        }
    }

    public var form: Form
    public var agencyLines: [String]
    public var number: String
    public var place: String
    public var issuedDate: IssuedDate
    public var authority: String?
    public var signerTitle: String
    public var signer: String

    var dateLine: String { SyntheticDocument.dateLine(place: place, date: issuedDate) }

    /// The block's text in reading order.
    var lines: [String] {
        agencyLines + ["Số: \(number)", form.printed.name, dateLine] + [authority].compactMap { $0 } + [signerTitle, signer]
    }
}
