import DocumentModel
import Foundation

extension Archive {
    /// Documents closest in content to `id` — the same decree held by several agencies,
    /// rescans, drafts — by the terms that make that document distinctive (tf × idf over
    /// its folded text and metadata), scored over all their pages together. Neither `id` nor
    /// the documents found may be above `clearance`.
    public func similar(to id: DocumentID, limit: Int = 10, visibleTo clearance: Clearance) throws -> [SearchHit] {
        guard try isVisible(id, to: clearance) else { return [] }
        var texts = try database.prepare("SELECT text FROM pages WHERE document_id = ?").bind([.text(id.rawValue)])
            .rows { $0.text("text") }
        guard !texts.isEmpty else { return [] }
        texts += try database.prepare("SELECT number, subject, agency, agency_parent, signer, place FROM documents WHERE id = ?")
            .bind([.text(id.rawValue)]).rows(SearchIndex.metadataText(of:))
        // Terms as the index cuts them, so that each is found in `term_pages`.
        var frequency: [String: Int] = [:]
        for text in texts {
            SearchIndex.forEachTerm(inFolded: SearchIndex.folded(text)) { _, bytes in
                guard bytes.count > 1, !bytes.allSatisfy({ (0x30...0x39).contains($0) }) else { return }
                frequency[String(decoding: bytes, as: UTF8.self), default: 0] += 1
            }
        }
        let pageCount = Double(try database.prepare("SELECT (SELECT count(*) FROM pages) + (SELECT count(*) FROM documents) AS pages")
            .rows { $0.int("pages") }.first ?? 1)
        let lookup = try database.prepare("SELECT pages FROM term_pages WHERE term = ?")
        // Words on most pages (văn bản, số, ngày) weigh next to nothing: idf = log((N + 1) / df).
        let weighted = try frequency.map { term, count in
            let pages = try lookup.bind([.text(term)]).rows { $0.int("pages") }.first ?? 1
            return (term: term, pages: pages, weight: Double(count) * log((pageCount + 1) / Double(max(1, pages))))
        }
        let chosen = weighted.sorted { ($0.weight, $1.term) > ($1.weight, $0.term) }.prefix(24)
        guard !chosen.isEmpty else { return [] }
        let stamp = try changeStamp()
        let found = database.dialect == .sqlite
            ? try similarOnSQLite(chosen.map { ($0.term, $0.pages) }, excluding: id, limit: limit, visibleTo: clearance, at: stamp)
            : try similarOnServer(chosen.map { ($0.term, $0.pages) }, excluding: id, limit: limit, visibleTo: clearance, at: stamp)
        let terms = chosen.map(\.term)
        return try hits(found.map { ($0.id, $0.score, nil) }, highlighting: Set(terms))
    }

    /// Documents ranked by the sum of their pages' BM25 over `terms`, best first.
    private typealias Scored = (id: DocumentID, score: Double)

    private func similarOnSQLite(_ terms: [(term: String, pages: Int)], excluding id: DocumentID, limit: Int, visibleTo clearance: Clearance,
                                 at stamp: ChangeStamp) throws -> [Scored] {
        let match = "folded : (" + terms.map { "\"\($0.term)\"" }.joined(separator: " OR ") + ")"
        let cutoff = try newestPages(("page_text MATCH ?", .text(match))) ?? 0
        return try database.prepare("""
            SELECT d.id, g.best FROM (
                SELECT document_row, sum(r) AS best FROM (
                    SELECT \(SearchIndex.documentRowSQL) AS document_row, rank AS r
                    FROM page_text WHERE page_text MATCH ? AND rank MATCH ? AND rowid >= ?
                ) GROUP BY document_row
            ) g JOIN documents d ON d.rowid = g.document_row
            WHERE d.id != ? \(clearance.visibilitySQL("d").map { "AND \($0)" } ?? "") ORDER BY g.best LIMIT ?
            """).bind([.text(match), .text(Archive.rankFunction(weights: (exact: 0, folded: 1), pages: terms.map(\.pages), at: stamp)), .int(cutoff),
                       .text(id.rawValue), .int(max(1, limit))])
            .rows { (id: $0.documentID("id"), score: -$0.double("best")) }
    }

    /// The same on a server: the pages are ranked here (``ServerTextIndex``) and summed per
    /// document, and the best documents are read one by one until `limit` pass the clearance.
    private func similarOnServer(_ terms: [(term: String, pages: Int)], excluding id: DocumentID, limit: Int, visibleTo clearance: Clearance,
                                 at stamp: ChangeStamp) throws -> [Scored] {
        let query = ServerTextIndex.Query(anyOf: terms.map(\.term))
        let cutoff = try newestPages(("page_text.folded @@ CAST(? AS tsquery)", .text(query.condition))) ?? 0
        var sums: [Int: Double] = [:]
        for page in try serverRankedRows(query, weights: (exact: 0, folded: 1), inRow: nil, pages: terms.map(\.pages), lower: cutoff,
                                         upper: Int.max, limit: Archive.searchWindow + 1, at: stamp) {
            sums[(page.row >> 16) & 0xFF_FFFF, default: 0] += page.rank
        }
        let read = try database.prepare("""
            SELECT d.id FROM documents d WHERE d.rowid = ? AND d.id != ? \(clearance.visibilitySQL("d").map { "AND \($0)" } ?? "")
            """)
        var found: [Scored] = []
        for (row, sum) in sums.sorted(by: { ($0.value, $0.key) < ($1.value, $1.key) }) where found.count < max(1, limit) {
            if let document = try read.bind([.int(row), .text(id.rawValue)]).rows({ $0.documentID("id") }).first {
                found.append((document, -sum))
            }
        }
        return found
    }

    /// The row id from which the newest ``searchWindow`` pages matching `match` (a condition on `page_text` and its value) start, or
    /// nil when fewer match (all are used). Counting stops at the window, so this stays cheap.
    private func newestPages(_ match: (sql: String, value: Statement.Value)) throws -> Int? {
        try database.prepare("""
            SELECT rowid AS row FROM page_text WHERE \(match.sql) ORDER BY rowid DESC LIMIT 1 OFFSET ?
            """).bind([match.value, .int(Archive.searchWindow)]).rows { $0.int("row") + 1 }.first
    }
}
