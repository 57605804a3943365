import DocumentModel

/// Restrictions on the documents a search returns, on what the documents are rather than
/// on their words; empty lists and nils restrict nothing.
public struct SearchFilters: Sendable, Hashable {
    public var docTypes: [DocumentType] = []
    public var legalForms: [LegalForm] = []
    /// Part of the agency's name, with or without diacritics.
    public var agency: String?
    /// Issue dates, ISO `yyyy-mm-dd`, both ends included.
    public var issuedFrom: String?
    public var issuedTo: String?
    public var secrecy: [Secrecy] = []
    public var urgency: [Urgency] = []
    public var needsReview: Bool?

    public init() {}
}

/// The order of hits: by relevance, or by issue date for a reader going through a
/// period's documents in turn.
public enum SearchSort: String, Sendable, CaseIterable {
    case relevance, newest, oldest
}

/// The part of the index a search reads: the issue-date filters as a row id range (the
/// index is in date order, see ``SearchIndex/rowID(issuedDate:documentRow:page:)``).
struct IndexRange {
    var lower = 0
    var upper = Int.max

    init(_ filters: SearchFilters) {
        if let from = filters.issuedFrom { lower = SearchIndex.firstRowID(onOrAfter: from) }
        if let to = filters.issuedTo, let day = IssuedDate(iso: to) {
            upper = (SearchIndex.dayNumber(day.iso) + 1) << 40
        }
    }

    private init(lower: Int, upper: Int) {
        self.lower = lower
        self.upper = upper
    }

    func from(_ cutoff: Int?) -> IndexRange { IndexRange(lower: max(lower, cutoff ?? lower), upper: upper) }
    func before(_ cutoff: Int) -> IndexRange { IndexRange(lower: lower, upper: min(upper, cutoff)) }
}

/// The filters as a SQL condition on `documents d`, with its values bound, never spliced,
/// and the asker's clearance: search and facets apply the same filters through it.
struct FilterSQL {
    private(set) var sql = "1"
    private(set) var values: [Statement.Value] = []

    /// No filter: a search may stop at its limit before reading `documents`.
    var isEmpty: Bool { sql == "1" }

    init(_ filters: SearchFilters, visibleTo clearance: Clearance) {
        var conditions: [String] = []
        if let visible = clearance.visibilitySQL("d") { conditions.append(visible) }
        func oneOf<Code: RawRepresentable>(_ column: String, _ options: [Code]) where Code.RawValue == String {
            guard !options.isEmpty else { return }
            conditions.append("\(column) IN (\(options.map { _ in "?" }.joined(separator: ", ")))")
            values += options.map { .text($0.rawValue) }
        }
        oneOf("d.doc_type", filters.docTypes)
        oneOf("d.legal_form", filters.legalForms)
        oneOf("d.secrecy", filters.secrecy)
        oneOf("d.urgency", filters.urgency)
        if let agency = filters.agency {
            // instr, not LIKE: the user's text is data, with no wildcard of its own.
            conditions.append("instr(d.agency_key, ?) > 0")
            values.append(.text(SearchIndex.agencyKey(agency)))
        }
        if let from = filters.issuedFrom {
            conditions.append("d.issued_date >= ?")
            values.append(.text(from))
        }
        if let to = filters.issuedTo {
            conditions.append("d.issued_date <= ?")
            values.append(.text(to))
        }
        if let needsReview = filters.needsReview {
            conditions.append("d.needs_review = ?")
            values.append(.int(needsReview ? 1 : 0))
        }
        if !conditions.isEmpty { sql = conditions.joined(separator: " AND ") }
    }
}
