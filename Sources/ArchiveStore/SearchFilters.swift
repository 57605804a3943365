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
    /// The box (hộp) and hồ sơ the document's folders named, as written there.
    public var box: BoxCode?
    public var hoSo: HoSoCode?

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

    func before(_ cutoff: Int) -> IndexRange { IndexRange(lower: lower, upper: min(upper, cutoff)) }
}

/// The filters as a SQL condition on `documents d`, with its values bound, never spliced,
/// and the asker's clearance: search and facets apply the same filters through it.
struct FilterSQL {
    private(set) var sql = "TRUE"
    private(set) var values: [Statement.Value] = []

    init(_ filters: SearchFilters, visibleTo clearance: Clearance, dialect: SQLDialect) {
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
            conditions.append("\(dialect.position(of: "?", in: "d.agency_key")) > 0")
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
        if let box = filters.box {
            conditions.append("d.box = ?")
            values.append(.text(box.rawValue))
        }
        if let hoSo = filters.hoSo {
            conditions.append("d.ho_so = ?")
            values.append(.text(hoSo.rawValue))
        }
        if !conditions.isEmpty { sql = conditions.joined(separator: " AND ") }
    }
}

/// The filters and the asker's clearance as a test of a document's ``DocumentFacts``: the
/// very conditions of ``FilterSQL``, evaluated in memory for the thousands of documents a
/// search's match window holds. SQL's NULL rules are kept: a document without a value
/// passes no filter on it, except that an unmarked document is open at every clearance.
/// `FactFilterTests` holds the two to the same answers.
struct FactFilter {
    private struct Test {
        var column: DocumentFacts.Column
        /// Per code of the column, whether it passes.
        var passes: [Bool]
        var nullPasses: Bool
    }

    private let facts: DocumentFacts.Snapshot
    private var tests: [Test] = []

    init(_ filters: SearchFilters, visibleTo clearance: Clearance, facts: DocumentFacts.Snapshot) {
        self.facts = facts
        func test(_ column: DocumentFacts.Column, nullPasses: Bool = false, _ passes: (String) -> Bool) {
            tests.append(Test(column: column, passes: facts.values[column.rawValue].map(passes), nullPasses: nullPasses))
        }
        func oneOf<Code: RawRepresentable>(_ column: DocumentFacts.Column, _ options: [Code]) where Code.RawValue == String {
            guard !options.isEmpty else { return }
            let codes = Set(options.map(\.rawValue))
            test(column) { codes.contains($0) }
        }
        if let permitted = clearance.permittedSecrecyCodes.map(Set.init) {
            test(.secrecy, nullPasses: true) { permitted.contains($0) }
        }
        oneOf(.docType, filters.docTypes)
        oneOf(.legalForm, filters.legalForms)
        oneOf(.secrecy, filters.secrecy)
        oneOf(.urgency, filters.urgency)
        if let agency = filters.agency {
            let key = Array(SearchIndex.agencyKey(agency).utf8)
            test(.agencyKey) { FactFilter.contains(Array($0.utf8), key) }
        }
        // SQLite compares text byte by byte (BINARY collation): so does this.
        if let from = filters.issuedFrom {
            test(.issuedDate) { !$0.utf8.lexicographicallyPrecedes(from.utf8) }
        }
        if let to = filters.issuedTo {
            test(.issuedDate) { !to.utf8.lexicographicallyPrecedes($0.utf8) }
        }
        if let needsReview = filters.needsReview {
            let wanted = needsReview ? "true" : "false"
            test(.needsReview) { $0 == wanted }
        }
        if let box = filters.box {
            test(.box) { $0 == box.rawValue }
        }
        if let hoSo = filters.hoSo {
            test(.hoSo) { $0 == hoSo.rawValue }
        }
    }

    /// Whether the document of `row` passes; a row the facts do not hold never does.
    func admits(_ row: Int) -> Bool {
        guard facts.holds(row) else { return false }
        for test in tests {
            let code = facts.code(test.column, row)
            guard code >= 0 ? test.passes[Int(code)] : test.nullPasses else { return false }
        }
        return true
    }

    /// SQL's `instr(text, part) > 0`.
    private static func contains(_ text: [UInt8], _ part: [UInt8]) -> Bool {
        guard part.count <= text.count else { return false }
        return (0...(text.count - part.count)).contains { start in text[start..<(start + part.count)].elementsEqual(part) }
    }
}
