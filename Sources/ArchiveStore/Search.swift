import DocumentModel

extension Archive {
    /// Pages ranked by relevance at most: bm25 costs a few microseconds per matching page,
    /// so an unselective query ("quyết định") ranks its newest pages, not the whole archive.
    static let rankingWindow = 4_000

    /// Documents matching `query`, best first (or by date), each once.
    public func search(_ query: SearchQuery) throws -> SearchResults {
        guard let searchMemo else { return try run(query) }
        return try searchMemo.results(SearchMemo.Key(query: query, stamp: changeStamp())) { try run(query) }
    }

    private func run(_ query: SearchQuery) throws -> SearchResults {
        let parsed = try ParsedQuery(query.text)
        // Without words, a search lists the documents its filters select; with neither, nothing.
        guard parsed.ftsMatch != nil || parsed.number != nil || query.filters != SearchFilters() else {
            throw ArchiveError.emptyQuery
        }
        let offset = max(0, query.offset)
        let limit = max(1, query.limit) + offset
        let filter = FilterSQL(query.filters, visibleTo: query.clearance)
        var results = SearchResults(hits: [])
        var ranked: [Ranked] = []
        var seen = Set<DocumentID>()
        func keep(_ rows: [Ranked]) {
            for row in rows where ranked.count < limit && seen.insert(row.id).inserted { ranked.append(row) }
        }
        if let number = parsed.number, query.sort == .relevance {
            keep(try documents(bearing: number, filter: filter, limit: limit).map { ($0, 1_000, nil) })
        }
        if let match = parsed.ftsMatch {
            let range = IndexRange(query.filters)
            if query.sort == .relevance {
                let cutoff = try cutoff(match, range: range)
                if cutoff != nil { results.rankedWithin = Archive.rankingWindow }
                keep(try rankedDocuments(match, phrases: parsed.phrases, range: range.from(cutoff), filter: filter,
                                         limit: limit + seen.count))
                if ranked.count < limit, let cutoff {
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
        results.hits = try ranked.dropFirst(offset).compactMap { try hit($0.id, score: $0.score, page: $0.page, highlighting: parsed.highlighted) }
        return results
    }

    /// The row id from which the newest `window` matching pages start, or nil when fewer
    /// match (all are used). Counting stops at the window, so this stays cheap.
    func cutoff(_ match: String, range: IndexRange, window: Int = Archive.rankingWindow) throws -> Int? {
        try database.prepare("""
            SELECT rowid AS row FROM page_text WHERE page_text MATCH ? AND rowid >= ? AND rowid < ? ORDER BY rowid DESC LIMIT 1 OFFSET ?
            """).bind([.text(match), .int(range.lower), .int(range.upper), .int(window)])
            .rows { $0.int("row") + 1 }.first
    }

    /// A document found, its score and its best page, before it becomes a ``SearchHit``.
    private typealias Ranked = (id: DocumentID, score: Double, page: Int?)

    private func rankedDocuments(_ match: String, phrases: [[String]], range: IndexRange, filter: FilterSQL, limit: Int) throws
        -> [Ranked] {
        // Page keys pack (rank, page) into one integer, so one GROUP BY finds each
        // document's best rank and its best real page (metadata is page 0).
        let pages = try pagesHolding(phrases)
        return try database.prepare("""
            SELECT d.id, g.best, g.page_key FROM (
                SELECT document_row, min(r) AS best,
                       min(CASE WHEN page > 0 THEN CAST((r + 1000000) * 1000 AS INTEGER) * 100000 + page END) AS page_key
                FROM (SELECT \(SearchIndex.documentRowSQL) AS document_row, \(SearchIndex.pageSQL) AS page, rank AS r
                      FROM page_text WHERE page_text MATCH ? AND rank MATCH ? AND rowid >= ? AND rowid < ?)
                GROUP BY document_row
                \(filter.isEmpty ? "ORDER BY best LIMIT \(limit)" : "")
            ) g JOIN documents d ON d.rowid = g.document_row
            WHERE \(filter.sql)
            ORDER BY g.best LIMIT ?
            """).bind([.text(match), .text(Archive.rankFunction(weights: [4, 1], pages: pages)), .int(range.lower), .int(range.upper)]
                      + filter.values + [.int(limit)])
            .rows { (id: $0.documentID("id"), score: -$0.double("best"), page: $0.optionalInt("page_key").map { $0 % 100_000 }) }
    }

    /// The ranking for `rank MATCH`: FTS5 reads it as a call with literal arguments
    /// (see ``SQLiteDatabase/registerRanking()``); only numbers go into it.
    static func rankFunction(weights: [Double], pages: [Int]) -> String {
        "sohoa_rank(" + (weights.map { "\($0)" } + pages.map { "\($0)" }).joined(separator: ", ") + ")"
    }

    /// For each phrase, an upper bound of the pages that hold it: those of its rarest
    /// word. Ranking needs rarity, not exact counts, and phrases are not counted.
    private func pagesHolding(_ phrases: [[String]]) throws -> [Int] {
        let lookup = try database.prepare("SELECT pages FROM term_pages WHERE term = ?")
        return try phrases.map { words in
            try words.map { try lookup.bind([.text($0)]).rows { $0.int("pages") }.first ?? 0 }.min() ?? 0
        }
    }

    /// Matching documents in index order — issue-date order — read from the index and
    /// stopping at the limit.
    private func datedDocuments(_ match: String, range: IndexRange, filter: FilterSQL, newestFirst: Bool, limit: Int) throws
        -> [Ranked] {
        var found: [Ranked] = []
        var seen = Set<DocumentID>()
        _ = try database.prepare("""
            SELECT d.id, \(SearchIndex.pageSQL) AS page FROM page_text JOIN documents d ON d.rowid = \(SearchIndex.documentRowSQL)
            WHERE page_text MATCH ? AND page_text.rowid >= ? AND page_text.rowid < ? AND \(filter.sql)
            ORDER BY page_text.rowid \(newestFirst ? "DESC" : "ASC") LIMIT ?
            """).bind([.text(match), .int(range.lower), .int(range.upper)] + filter.values + [.int(limit * 8)]).rows { row in
                let id = row.documentID("id"), page = row.int("page")
                if seen.insert(id).inserted {
                    found.append((id, 0, page > 0 ? page : nil))
                }
            }
        return Array(found.prefix(limit))
    }
}
