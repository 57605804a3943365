import DocumentModel

extension Archive {
    /// Documents matching `query`, best first (or by date), each once.
    public func search(_ query: SearchQuery) throws -> SearchResults {
        // Read once: the memo's key, the window, the facts and the ranking all follow it.
        let stamp = try changeStamp()
        guard let searchMemo else { return try run(query, at: stamp) }
        return try searchMemo.results(SearchMemo.Key(query: query, stamp: stamp)) { try run(query, at: stamp) }
    }

    private func run(_ query: SearchQuery, at stamp: ChangeStamp) throws -> SearchResults {
        let parsed = try ParsedQuery(query.text)
        // Without words, a search lists the documents its filters select; with neither, nothing.
        guard parsed.ftsMatch != nil || parsed.number != nil || query.filters != SearchFilters() else {
            throw ArchiveError.emptyQuery
        }
        let offset = max(0, query.offset)
        let limit = max(1, query.limit) + offset
        let filter = FilterSQL(query.filters, visibleTo: query.clearance, dialect: database.dialect)
        var results = SearchResults(hits: [])
        var ranked: [Ranked] = []
        var seen = Set<DocumentID>()
        func keep(_ rows: [Ranked]) {
            for row in rows where ranked.count < limit && seen.insert(row.id).inserted { ranked.append(row) }
        }
        if let number = parsed.number, query.sort == .relevance {
            keep(try documents(bearing: number, filter: filter, limit: limit).map { ($0, 1_000, nil) })
        }
        if let match = textCondition(parsed) {
            let range = IndexRange(query.filters)
            if query.sort == .relevance, let window = try matchWindow(parsed, range: range, at: stamp) {
                results.rankedWithin = window.size
                keep(try rankedDocuments(window, query: query, filter: filter, facts: try documentFacts(at: stamp),
                                         limit: limit + seen.count))
                if ranked.count < limit, let cutoff = window.cutoff {
                    // The filters left too few among the ranked pages: older matches follow, newest first.
                    keep(try datedDocuments(match, range: range.before(cutoff), filter: filter, newestFirst: true, limit: limit))
                }
            } else {
                keep(try datedDocuments(match, range: range, filter: filter, newestFirst: query.sort == .newest, limit: limit))
            }
        } else if parsed.number == nil {
            let order = query.sort == .oldest ? "issued_date ASC NULLS LAST" : "issued_date DESC NULLS LAST"
            keep(try database.prepare("SELECT d.id FROM documents d WHERE \(filter.sql) ORDER BY \(order), d.id LIMIT ?")
                .bind(filter.values + [.int(limit)]).rows { (id: $0.documentID("id"), score: 0, page: nil) })
        }
        results.hits = try hits(Array(ranked.dropFirst(offset)), highlighting: parsed.highlighted)
        return results
    }

    /// A document found, its score and its best page, before it becomes a ``SearchHit``.
    private typealias Ranked = (id: DocumentID, score: Double, page: Int?)

    /// The window's documents best first, as far as `limit` of them pass the filters.
    ///
    /// The facts in memory pick the candidates; each is then confirmed by ``FilterSQL``
    /// as its id is read, so what is shown always passed the rule as `documents` holds it
    /// now, however recently a value was corrected.
    private func rankedDocuments(_ window: MatchWindow, query: SearchQuery, filter: FilterSQL, facts: DocumentFacts.Snapshot,
                                 limit: Int) throws -> [Ranked] {
        let candidates = FactFilter(query.filters, visibleTo: query.clearance, facts: facts)
        var admitted = window.documents.lazy.filter { candidates.admits($0.row) }.makeIterator()
        var found: [Ranked] = []
        // As many candidates as hits are still wanted, confirmed with one statement: the
        // facts seldom admit one the rule then refuses, and on a server each statement is
        // a round trip.
        while found.count < limit {
            var batch: [MatchWindow.Document] = []
            while batch.count < limit - found.count, let next = admitted.next() { batch.append(next) }
            guard !batch.isEmpty else { break }
            let marks = Array(repeating: "?", count: batch.count).joined(separator: ", ")
            var confirmed: [Int: DocumentID] = [:]
            _ = try database.prepare("SELECT d.rowid AS row, d.id FROM documents d WHERE d.rowid IN (\(marks)) AND \(filter.sql)")
                .bind(batch.map { .int($0.row) } + filter.values).rows { confirmed[$0.int("row")] = $0.documentID("id") }
            found += batch.compactMap { document in confirmed[document.row].map { ($0, -document.rank, document.page) } }
        }
        return found
    }

    /// Matching documents in index order — issue-date order — read from the index and
    /// stopping at the limit.
    private func datedDocuments(_ match: (sql: String, value: Statement.Value), range: IndexRange, filter: FilterSQL, newestFirst: Bool, limit: Int) throws
        -> [Ranked] {
        var found: [Ranked] = []
        var seen = Set<DocumentID>()
        _ = try database.prepare("""
            SELECT d.id, \(SearchIndex.pageSQL) AS page FROM page_text JOIN documents d ON d.rowid = \(SearchIndex.documentRowSQL)
            WHERE \(match.sql) AND page_text.rowid >= ? AND page_text.rowid < ? AND \(filter.sql)
            ORDER BY page_text.rowid \(newestFirst ? "DESC" : "ASC") LIMIT ?
            """).bind([match.value, .int(range.lower), .int(range.upper)] + filter.values + [.int(limit * 8)]).rows { row in
                let id = row.documentID("id"), page = row.int("page")
                if seen.insert(id).inserted {
                    found.append((id, 0, page > 0 ? page : nil))
                }
            }
        return Array(found.prefix(limit))
    }
}
