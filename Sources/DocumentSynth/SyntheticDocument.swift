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
}
