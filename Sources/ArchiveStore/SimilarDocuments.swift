import DocumentModel
import Foundation

extension Archive {
    /// Documents closest in content to `id` — the same decree held by several agencies,
    /// rescans, drafts — by the terms that make that document distinctive (tf × idf over
    /// its folded text and metadata), scored over all their pages together. Neither `id` nor
    /// the documents found may be above `clearance`.
    public func similar(to id: DocumentID, limit: Int = 10, visibleTo clearance: Clearance) throws -> [SearchHit] {
        try requireFullTextIndex()
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
        let match = "folded : (" + chosen.map { "\"\($0.term)\"" }.joined(separator: " OR ") + ")"
        let cutoff = try newestPages(match) ?? 0
        let rows = try database.prepare("""
            SELECT d.id, g.best FROM (
                SELECT document_row, sum(r) AS best FROM (
                    SELECT \(SearchIndex.documentRowSQL) AS document_row, rank AS r
                    FROM page_text WHERE page_text MATCH ? AND rank MATCH ? AND rowid >= ?
                ) GROUP BY document_row
            ) g JOIN documents d ON d.rowid = g.document_row
            WHERE d.id != ? \(clearance.visibilitySQL("d").map { "AND \($0)" } ?? "") ORDER BY g.best LIMIT ?
            """).bind([.text(match), .text(Archive.rankFunction(weights: (exact: 0, folded: 1), pages: chosen.map(\.pages), at: try changeStamp())), .int(cutoff),
                       .text(id.rawValue), .int(max(1, limit))])
            .rows { (id: $0.documentID("id"), score: -$0.double("best")) }
        let terms = chosen.map(\.term)
        return try rows.compactMap { try hit($0.id, score: $0.score, page: nil, highlighting: Set(terms)) }
    }

    /// The row id from which the newest ``searchWindow`` pages matching `match` start, or
    /// nil when fewer match (all are used). Counting stops at the window, so this stays cheap.
    private func newestPages(_ match: String) throws -> Int? {
        try database.prepare("""
            SELECT rowid AS row FROM page_text WHERE page_text MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?
            """).bind([.text(match), .int(Archive.searchWindow)]).rows { $0.int("row") + 1 }.first
    }
}
