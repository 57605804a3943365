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
    /// Address, telephone and e-mail lines some offices print under the agency's name.
    public var contactLines: [String] = []
    /// Who the document is addressed to ("Kính gửi:"): a công văn always has someone;
    /// a tờ trình or a báo cáo may. One addressee shares the line; several are listed.
    public var addressees: [String] = []
    /// A TM. line above the signing authority, when a deputy signs for a collective body
    /// ("TM. ỦY BAN NHÂN DÂN" over "KT. CHỦ TỊCH"). The truth's `signing_authority` stays
    /// the line nearest the position, as the export contract defines it.
    public var outerAuthority: String?
    /// How the document is set on the page.
    public var style = PageStyle.standard

    /// The lines of the signature block above the name: authorities, then the position.
    var signatureLines: [String] {
        [outerAuthority, metadata.signingAuthority, metadata.signerTitle].compactMap { $0 }
    }

    /// The "Kính gửi:" block as printed, line by line.
    var addresseeLines: [String] {
        switch addressees.count {
        case 0: []
        case 1: ["Kính gửi: \(addressees[0])"]
        default: ["Kính gửi:"] + addressees.enumerated().map { "- \($1)\($0 == addressees.count - 1 ? "." : ";")" }
        }
    }

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
                lines += [parentLine].compactMap { $0 } + agencyLines + contactLines
                lines += [m.number.map { "\(numberLabel) \($0)" }].compactMap { $0 }
                lines += ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", dateLine]
                if !stampWords.isEmpty {
                    lines.append(stampWords.joined(separator: " "))
                }
                if let typeLine {
                    lines += [typeLine, m.subject].compactMap { $0 }
                } else {
                    lines.append("V/v " + (m.subject ?? ""))
                }
                lines += addresseeLines
                lines += citations
            } else {
                lines.append(style.pageNumber.printed(index + 1))
            }
            lines += paragraphs
            if index == pageCount - 1 {
                lines += signatureLines + [m.signer].compactMap { $0 }
                lines += ["Nơi nhận:"] + recipients
                lines += copy?.lines ?? []
            }
            return lines.joined(separator: "\n")
        }
    }
}

/// How a document is set on the page: what differs from one office's word processor and
/// one scanning station to another, within Nghị định 30's rules (Phụ lục I: A4, margins of
/// 20–25 mm top, 30–35 mm left, 15–20 mm right; text in 12–14 pt). Lengths are in points.
public struct PageStyle: Sendable, Equatable {
    /// Where the secrecy and urgency stamps go: under the number (ô 10a, 10b) or, as many
    /// offices put them, on the right under the date line.
    public enum StampSide: Sendable, Equatable { case underNumber, underDate }

    /// How a continuation page is numbered at its top.
    public enum PageNumber: Sendable, Equatable {
        case plain, dashed, word

        func printed(_ page: Int) -> String {
            switch self {
            case .plain: "\(page)"
            case .dashed: "- \(page) -"
            case .word: "Trang \(page)"
            }
        }
    }

    /// The ink of the agency's round seal over the signature of a scan. Archives scan in
    /// grey, where a red seal cannot be told from print by its colour.
    public enum SealInk: Sendable, Equatable { case red, grey }

    public var font = "DejaVu Serif"
    public var bodySize = 12.0
    public var lineSpacing = 1.35
    public var left = 85.0, right = 57.0, top = 60.0
    /// The centres of the header's two columns (agency and motto).
    public var leftColumn = 170.0, rightColumn = 405.0
    /// Drawn as real paper behaves: the header is a two-cell table (a wide agency name
    /// moves its column left rather than run into the motto), the signer signs with a pen
    /// between the position and the name, and a seal darkens the print it is pressed over.
    /// Off on the standard page, whose drawing the earlier figures were measured on.
    public var paperLike = false
    /// The width the trích yếu of a typed document wraps in.
    public var subjectWidth = 380.0
    public var stampSide = StampSide.underNumber
    public var stampSize = 13.0
    public var pageNumber = PageNumber.plain
    /// A seal drawn on scans, its rings across the position line and the name; nil for none.
    public var seal: SealInk?
    /// How far the seal sits from the signature column's centre, left (negative) or right.
    public var sealOffset = -25.0
    /// On scans, the number's digits written by hand into the blank the printed form left
    /// before its symbol ("Số:      /CT-UBND"), larger and slanted, as offices number paper
    /// on the day it is signed. A typed PDF still prints them.
    public var handFilledNumber = false

    /// The layout every document had before styles varied: the plain and archive sets.
    public static let standard = PageStyle()
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
