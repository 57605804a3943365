import Classifier

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

    /// The "<place>, ngày … tháng … năm …" line.
    public var dateLine: String {
        guard let date = metadata.issuedDate, let place = metadata.place else { return "" }
        // Nghị định 30: days below 10 and months 1 and 2 are written with a leading zero.
        let day = date.day < 10 ? "0\(date.day)" : "\(date.day)"
        let month = date.month < 3 ? "0\(date.month)" : "\(date.month)"
        return "\(place), ngày \(day) tháng \(month) năm \(date.year)"
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
                lines += ["Số: \(m.number ?? "")", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", dateLine]
                if m.secrecy != nil || m.urgency != nil {
                    lines.append([m.secrecy.map { _ in "MẬT" }, m.urgency.map { _ in "KHẨN" }].compactMap { $0 }.joined(separator: " "))
                }
                if let typeLine {
                    lines += [typeLine, m.subject ?? ""]
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
            }
            return lines.joined(separator: "\n")
        }
    }
}
