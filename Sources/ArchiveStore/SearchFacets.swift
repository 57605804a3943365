/// Counts of matching documents per value of each metadata field, for the current query:
/// what lets an analyst narrow a broad search by the filters that would help.
public struct SearchFacets: Sendable, Equatable {
    public struct Count: Sendable, Equatable {
        public var value: String
        public var count: Int
    }

    /// Facet name (`doc_type`, `legal_form`, `agency`, `year`, `secrecy`, `urgency`,
    /// `needs_review`, `box`, `ho_so`) to its values, most frequent first.
    public var counts: [String: [Count]] = [:]
    /// Documents matching the query and filters.
    public var total = 0
    /// Set when more pages matched than were counted: the counts are those of the
    /// documents of this many most recent matching pages.
    public var countedWithin: Int?

    public init() {}
}

extension Archive {
    /// How many matching documents have each value of each metadata field — among the
    /// documents of the newest ``searchWindow`` matching pages when more match (the result
    /// says so in ``SearchFacets/countedWithin``).
    public func facets(_ query: SearchQuery) throws -> SearchFacets {
        let stamp = try changeStamp()
        guard let searchMemo else { return try facets(query, window: Archive.searchWindow, at: stamp) }
        return try searchMemo.facets(SearchMemo.Key(query: query, stamp: stamp)) {
            try facets(query, window: Archive.searchWindow, at: stamp)
        }
    }

    /// The fields counted, in ``DocumentFacts``'s columns.
    private static let facetColumns: [DocumentFacts.Column] = [
        .docType, .legalForm, .agency, .year, .secrecy, .urgency, .needsReview, .box, .hoSo,
    ]

    func facets(_ query: SearchQuery, window capacity: Int, at stamp: ChangeStamp) throws -> SearchFacets {
        let parsed = try ParsedQuery(query.text)
        let facts = try documentFacts(at: stamp)
        var facets = SearchFacets()
        // The documents matching: those of the window's pages, and those bearing the number.
        var matching: [Int] = []
        if let window = try matchWindow(parsed, range: IndexRange(query.filters), capacity: capacity, at: stamp) {
            matching = window.documents.map(\.row)
            facets.countedWithin = window.size
        }
        if let number = parsed.number {
            let condition = number.sql(database.dialect)
            matching += try database.prepare("SELECT rowid AS row FROM documents WHERE \(condition.sql)")
                .bind(condition.values).rows { $0.int("row") }
        }
        let rows: any Sequence<Int> = parsed.ftsMatch == nil && parsed.number == nil ? facts.rows : Set(matching)
        let filter = FactFilter(query.filters, visibleTo: query.clearance, facts: facts)
        var tallies = Archive.facetColumns.map { Array(repeating: 0, count: facts.values[$0.rawValue].count) }
        for row in rows where filter.admits(row) {
            facets.total += 1
            for (index, column) in Archive.facetColumns.enumerated() {
                let code = facts.code(column, row)
                if code >= 0 { tallies[index][Int(code)] += 1 }
            }
        }
        for (index, column) in Archive.facetColumns.enumerated() {
            let counts = tallies[index].enumerated().filter { $0.element > 0 }
                .map { SearchFacets.Count(value: facts.text(column, Int32($0.offset)), count: $0.element) }
            guard !counts.isEmpty else { continue }
            facets.counts[column.name] = counts.sorted { ($0.count, $1.value) > ($1.count, $0.value) }
        }
        return facets
    }
}
