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
    static let facetWindow = 20_000

    /// How many matching documents have each value of each metadata field — among the
    /// documents of the newest ``facetWindow`` matching pages when more match (the result
    /// says so in ``SearchFacets/countedWithin``).
    public func facets(_ query: SearchQuery) throws -> SearchFacets {
        let parsed = try ParsedQuery(query.text)
        let filter = FilterSQL(query.filters, visibleTo: query.clearance)
        var range = IndexRange(query.filters)
        var facets = SearchFacets()
        var sources: [String] = []
        var values: [Statement.Value] = []
        if let match = parsed.ftsMatch {
            if let cutoff = try cutoff(match, range: range, window: Archive.facetWindow) {
                range = range.from(cutoff)
                facets.countedWithin = Archive.facetWindow
            }
            sources.append("SELECT \(SearchIndex.documentRowSQL) AS row FROM page_text WHERE page_text MATCH ? AND rowid >= ? AND rowid < ?")
            values += [.text(match), .int(range.lower), .int(range.upper)]
        }
        if let number = parsed.number {
            let condition = number.sql
            sources.append("SELECT rowid AS row FROM documents WHERE \(condition.sql)")
            values += condition.values
        }
        let matching = sources.isEmpty ? "SELECT rowid AS row FROM documents" : "SELECT DISTINCT row FROM (\(sources.joined(separator: " UNION ALL ")))"
        let names = ["doc_type", "legal_form", "agency", "year", "secrecy", "urgency", "needs_review"]
        // One pass over the matching documents, grouped by every field at once; the
        // combinations are few next to the documents, and are summed per field here.
        var tallies = Array(repeating: [String: Int](), count: names.count)
        _ = try database.prepare("""
            SELECT d.doc_type, d.legal_form, d.agency, substr(d.issued_date, 1, 4) AS year, d.secrecy, d.urgency,
                   CASE d.needs_review WHEN 1 THEN 'true' ELSE 'false' END AS needs_review, count(*) AS documents
            FROM (\(matching)) h JOIN documents d ON d.rowid = h.row
            WHERE \(filter.sql)
            GROUP BY 1, 2, 3, 4, 5, 6, 7
            """).bind(values + filter.values).rows { row in
                let count = row.int("documents")
                facets.total += count
                for (column, name) in names.enumerated() {
                    if let value = row.optionalText(name) { tallies[column][value, default: 0] += count }
                }
            }
        for (column, name) in names.enumerated() where !tallies[column].isEmpty {
            facets.counts[name] = tallies[column].map { SearchFacets.Count(value: $0.key, count: $0.value) }
                .sorted { ($0.count, $1.value) > ($1.count, $0.value) }
        }
        return facets
    }
}
