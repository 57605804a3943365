import DocumentModel

/// One document found by a search, at its best page: what an analyst (or a script, as
/// `search --json`) needs to pick a document without opening it. Every key is on every
/// line, `null` when unknown: scripts read one shape.
public struct SearchHit: Sendable, Codable, Equatable {
    public var id: DocumentID
    /// The input path that stored the document.
    public var source: String
    /// Higher is better: FTS5's bm25, negated; a document found by its own number scores
    /// above any text match.
    public var score: Double
    /// The best-matching page; nil when only the metadata matched.
    @ExplicitNull public var page: Int?
    /// The original text around the first match, matched words in « ».
    public var snippet: String
    public var docType: DocumentType
    @ExplicitNull public var number: String?
    @ExplicitNull public var issuedDate: String?
    @ExplicitNull public var agency: String?
    /// The trích yếu.
    @ExplicitNull public var subject: String?
    @ExplicitNull public var secrecy: Secrecy?

    enum CodingKeys: String, CodingKey {
        case id, source, score, page, snippet, number, agency, subject, secrecy
        case docType = "doc_type"
        case issuedDate = "issued_date"
    }
}

/// What a search found, with whether the ranking was cut short, so a caller can say
/// that the hits are the best of the newest matches, not of all.
public struct SearchResults: Sendable {
    public var hits: [SearchHit]
    /// Set when more pages matched than are ranked by relevance: the hits are the best of
    /// this many most recent matching pages (by issue date). Add words or filters to rank
    /// them all.
    public var rankedWithin: Int?

    public init(hits: [SearchHit], rankedWithin: Int? = nil) {
        self.hits = hits
        self.rankedWithin = rankedWithin
    }
}

extension Archive {
    /// A found document as a hit: its metadata and a snippet of `page` (or of its
    /// metadata), shared by search and "more like this" so both show hits alike.
    func hit(_ id: DocumentID, score: Double, page: Int?, highlighting words: Set<String>) throws -> SearchHit? {
        guard let row = try database.prepare("""
            SELECT d.doc_type, d.number, d.issued_date, d.agency, d.subject, d.secrecy,
                   (SELECT source FROM inputs i WHERE i.sha_key = d.sha256 AND i.status = \(InputStatus.ok.sql) ORDER BY i.id LIMIT 1) AS source
            FROM documents d WHERE d.id = ?
            """).bind([.text(id.rawValue)]).rows({ row in
                (type: try row.code(DocumentType.self, "doc_type", of: .document(id)), number: row.optionalText("number"),
                 date: row.optionalText("issued_date"), agency: row.optionalText("agency"), subject: row.optionalText("subject"),
                 secrecy: try row.optionalText("secrecy").map { _ in try row.code(Secrecy.self, "secrecy", of: .document(id)) },
                 source: row.optionalText("source") ?? "")
            }).first else { return nil }
        var text = [row.number, row.subject, row.agency].compactMap { $0 }.joined(separator: " · ")
        if let page {
            text = try database.prepare("SELECT text FROM pages WHERE document_id = ? AND number = ?")
                .bind([.text(id.rawValue), .int(page)]).rows { $0.text("text") }.first ?? text
        }
        return SearchHit(
            id: id, source: row.source, score: score, page: page, snippet: Snippet.make(from: text, highlighting: words),
            docType: row.type, number: row.number, issuedDate: row.date, agency: row.agency, subject: row.subject,
            secrecy: row.secrecy)
    }
}
