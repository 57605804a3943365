/// Counts of matching documents per value of each metadata field, for the current query:
/// what lets an analyst narrow a broad search by the filters that would help.
public struct SearchFacets: Sendable, Equatable {
    public struct Count: Sendable, Equatable {
        public var value: String
        public var count: Int
    }

    /// Facet name (`doc_type`, `legal_form`, `agency`, `year`, `secrecy`, `urgency`,
    /// `needs_review`) to its values, most frequent first.
    public var counts: [String: [Count]] = [:]
    /// Documents matching the query and filters.
    public var total = 0
    /// Set when more pages matched than were counted: the counts are those of the
    /// documents of this many most recent matching pages.
    public var countedWithin: Int?

    public init() {}
}

extension Archive {
    /// Pages whose documents facets count at most; counting is cheaper than ranking.
    static let facetWindow = 5_000

    /// How many matching documents have each value of each metadata field — among the
    /// documents of the newest ``facetWindow`` matching pages when more match (the result
    /// says so in ``SearchFacets/countedWithin``).
    public func facets(_ query: SearchQuery) throws -> SearchFacets {
        guard let searchMemo else { return try facets(query, window: Archive.facetWindow) }
        return try searchMemo.facets(SearchMemo.Key(query: query, stamp: changeStamp())) {
            try facets(query, window: Archive.facetWindow)
        }
    }

    func facets(_ query: SearchQuery, window: Int) throws -> SearchFacets {
        let parsed = try ParsedQuery(query.text)
        let filter = FilterSQL(query.filters, visibleTo: query.clearance)
        let range = IndexRange(query.filters)
        var facets = SearchFacets()
        var sources: [String] = []
        var values: [Statement.Value] = []
        if let match = parsed.ftsMatch {
            // The newest pages, read once in index order (no count of the window first):
            // the window applied when it was filled.
            sources.append("""
                SELECT \(SearchIndex.documentRowSQL) AS row, 1 AS page FROM page_text
                WHERE page_text MATCH ? AND rowid >= ? AND rowid < ? ORDER BY rowid DESC LIMIT ?
                """)
            values += [.text(match), .int(range.lower), .int(range.upper), .int(window)]
        }
        if let number = parsed.number {
            let condition = number.sql
            sources.append("SELECT rowid AS row, 0 AS page FROM documents WHERE \(condition.sql)")
            values += condition.values
        }
        let matching = sources.isEmpty ? "SELECT rowid AS row, 0 AS pages FROM documents"
            : "SELECT row, sum(page) AS pages FROM (\(sources.map { "SELECT * FROM (\($0))" }.joined(separator: " UNION ALL "))) GROUP BY row"
        let names = ["doc_type", "legal_form", "agency", "year", "secrecy", "urgency", "needs_review"]
        // One pass over the matching documents, grouped by every field at once and by
        // whether the filters keep them; the combinations are few next to the documents,
        // and are summed per field here.
        var tallies = Array(repeating: [String: Int](), count: names.count)
        var windowPages = 0
        _ = try database.prepare("""
            SELECT d.doc_type, d.legal_form, d.agency, substr(d.issued_date, 1, 4) AS year, d.secrecy, d.urgency,
                   CASE d.needs_review WHEN 1 THEN 'true' ELSE 'false' END AS needs_review, count(*) AS documents,
                   sum(h.pages) AS pages, \(filter.sql) AS passes
            FROM (\(matching)) h JOIN documents d ON d.rowid = h.row
            GROUP BY 1, 2, 3, 4, 5, 6, 7, 10
            """).bind(filter.values + values).rows { row in
                // Pages of documents the filters leave out still fill the window.
                windowPages += row.int("pages")
                guard row.bool("passes") else { return }
                let count = row.int("documents")
                facets.total += count
                for (column, name) in names.enumerated() {
                    if let value = row.optionalText(name) { tallies[column][value, default: 0] += count }
                }
            }
        if windowPages >= window { facets.countedWithin = window }
        for (column, name) in names.enumerated() where !tallies[column].isEmpty {
            facets.counts[name] = tallies[column].map { SearchFacets.Count(value: $0.key, count: $0.value) }
                .sorted { ($0.count, $1.value) > ($1.count, $0.value) }
        }
        return facets
    }
}
