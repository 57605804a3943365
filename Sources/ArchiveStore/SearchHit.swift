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
    /// Found documents as hits, in the order given: their metadata and a snippet of each
    /// one's `page` (or of its metadata), shared by search and "more like this" so both
    /// show hits alike. A document no longer there is left out. Read with one statement
    /// for the documents and one for the pages, not two per hit: on a server each
    /// statement is a round trip.
    func hits(_ found: [(id: DocumentID, score: Double, page: Int?)], highlighting words: Set<String>) throws -> [SearchHit] {
        guard !found.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: found.count).joined(separator: ", ")
        var rows: [DocumentID: (type: DocumentType, number: String?, date: String?, agency: String?, subject: String?,
                                secrecy: Secrecy?, source: String)] = [:]
        _ = try database.prepare("""
            SELECT d.id, d.doc_type, d.number, d.issued_date, d.agency, d.subject, d.secrecy,
                   (SELECT source FROM inputs i WHERE i.sha_key = d.sha256 AND i.status = \(InputStatus.ok.sql) ORDER BY i.id LIMIT 1) AS source
            FROM documents d WHERE d.id IN (\(marks))
            """).bind(found.map { .text($0.id.rawValue) }).rows { row in
                let id = row.documentID("id")
                rows[id] = (type: try row.code(DocumentType.self, "doc_type", of: .document(id)), number: row.optionalText("number"),
                            date: row.optionalText("issued_date"), agency: row.optionalText("agency"), subject: row.optionalText("subject"),
                            secrecy: try row.optionalText("secrecy").map { _ in try row.code(Secrecy.self, "secrecy", of: .document(id)) },
                            source: row.optionalText("source") ?? "")
            }
        let pages = found.compactMap { hit in hit.page.map { (hit.id, $0) } }
        var texts: [String: String] = [:]
        if !pages.isEmpty {
            // Two lists rather than (document_id, number) pairs: SQLite searches a list of
            // pairs without the index (180 ms a query at 100,000 documents); a few pages
            // more are read and left.
            let numbers = Set(pages.map(\.1)).sorted()
            let documentMarks = Array(repeating: "?", count: pages.count).joined(separator: ", ")
            let numberMarks = Array(repeating: "?", count: numbers.count).joined(separator: ", ")
            _ = try database.prepare("""
                SELECT document_id, number, text FROM pages WHERE document_id IN (\(documentMarks)) AND number IN (\(numberMarks))
                """).bind(pages.map { .text($0.0.rawValue) } + numbers.map { .int($0) }).rows { row in
                    texts["\(row.text("document_id")) \(row.int("number"))"] = row.text("text")
                }
        }
        return found.compactMap { hit in
            guard let row = rows[hit.id] else { return nil }
            let metadata = [row.number, row.subject, row.agency].compactMap { $0 }.joined(separator: " · ")
            let text = hit.page.flatMap { texts["\(hit.id.rawValue) \($0)"] } ?? metadata
            return SearchHit(
                id: hit.id, source: row.source, score: hit.score, page: hit.page, snippet: Snippet.make(from: text, highlighting: words),
                docType: row.type, number: row.number, issuedDate: row.date, agency: row.agency, subject: row.subject,
                secrecy: row.secrecy)
        }
    }
}
