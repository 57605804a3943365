import Classifier
import DocumentModel
import Foundation
import VietnameseText

/// A search as an analyst asks it: words, filters on what the documents are, an order.
///
/// Words match with or without diacritics ("quyet dinh" finds "Quyết định", đ included);
/// typed with diacritics, exact-tone matches rank first ("bản" before "bàn"). Text in double
/// quotes matches adjacent syllables. A document number ("28/2018/QĐ-TTg", "QĐ-TTg 28",
/// "số 28") finds the document that bears it first. The text never reaches SQL: it is cut
/// into words and each is quoted for FTS5.
public struct SearchQuery: Sendable {
    public var text: String
    public var filters: SearchFilters
    public var sort: SearchSort
    public var limit: Int

    public init(text: String, filters: SearchFilters = SearchFilters(), sort: SearchSort = .relevance, limit: Int = 20) {
        self.text = text
        self.filters = filters
        self.sort = sort
        self.limit = limit
    }

    static let maximumLength = 1_000
}

/// Restrictions on the documents a search returns; empty lists and nils restrict nothing.
public struct SearchFilters: Sendable, Equatable {
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

    public init() {}
}

public enum SearchSort: String, Sendable, CaseIterable {
    case relevance, newest, oldest
}

/// One document found by a search, at its best page.
public struct SearchHit: Sendable, Codable, Equatable {
    public var id: DocumentID
    /// The input path that stored the document.
    public var source: String
    /// Higher is better: FTS5's bm25, negated; a document found by its own number scores
    /// above any text match.
    public var score: Double
    /// The best-matching page; nil when only the metadata matched.
    public var page: Int?
    /// The original text around the first match, matched words in « ».
    public var snippet: String
    public var docType: DocumentType
    public var number: String?
    public var issuedDate: String?
    public var agency: String?

    enum CodingKeys: String, CodingKey {
        case id, source, score, page, snippet, number, agency
        case docType = "doc_type"
        case issuedDate = "issued_date"
    }

    /// Every key on every line, `null` when unknown: scripts read one shape.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(source, forKey: .source)
        try container.encode(score, forKey: .score)
        try container.encode(page, forKey: .page)
        try container.encode(snippet, forKey: .snippet)
        try container.encode(docType, forKey: .docType)
        try container.encode(number, forKey: .number)
        try container.encode(issuedDate, forKey: .issuedDate)
        try container.encode(agency, forKey: .agency)
    }
}

/// Counts of matching documents per value of each metadata field, for the current query.
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

/// What a search found.
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
    /// Pages ranked by relevance at most: bm25 costs a few microseconds per matching page,
    /// so an unselective query ("quyết định") ranks its newest pages, not the whole archive.
    static let rankingWindow = 4_000
    /// Pages whose documents facets count at most; counting is cheaper than ranking.
    static let facetWindow = 20_000

    /// Documents matching `query`, best first (or by date), each once.
    public func search(_ query: SearchQuery) throws -> SearchResults {
        let parsed = try ParsedQuery(query.text)
        // Without words, a search lists the documents its filters select; with neither, nothing.
        guard parsed.ftsMatch != nil || parsed.number != nil || query.filters != SearchFilters() else {
            throw ArchiveError.emptyQuery
        }
        let limit = max(1, query.limit)
        let filter = FilterSQL(query.filters)
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
        results.hits = try ranked.compactMap { try hit($0.id, score: $0.score, page: $0.page, highlighting: parsed.highlighted) }
        return results
    }

    /// The row id from which the newest `window` matching pages start, or nil when fewer
    /// match (all are used). Counting stops at the window, so this stays cheap.
    private func cutoff(_ match: String, range: IndexRange, window: Int = Archive.rankingWindow) throws -> Int? {
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

    /// How many matching documents have each value of each metadata field — among the
    /// documents of the newest ``facetWindow`` matching pages when more match (the result
    /// says so in ``SearchFacets/countedWithin``).
    public func facets(_ query: SearchQuery) throws -> SearchFacets {
        let parsed = try ParsedQuery(query.text)
        let filter = FilterSQL(query.filters)
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

    /// Documents closest in content to `id` — the same decree held by several agencies,
    /// rescans, drafts — by the terms that make that document distinctive (tf × idf over
    /// its folded text and metadata), scored over all their pages together.
    public func similar(to id: DocumentID, limit: Int = 10) throws -> [SearchHit] {
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
        let cutoff = try cutoff(match, range: IndexRange(SearchFilters())) ?? 0
        let rows = try database.prepare("""
            SELECT d.id, g.best FROM (
                SELECT document_row, sum(r) AS best FROM (
                    SELECT \(SearchIndex.documentRowSQL) AS document_row, rank AS r
                    FROM page_text WHERE page_text MATCH ? AND rank MATCH ? AND rowid >= ?
                ) GROUP BY document_row
            ) g JOIN documents d ON d.rowid = g.document_row WHERE d.id != ? ORDER BY g.best LIMIT ?
            """).bind([.text(match), .text(Archive.rankFunction(weights: [0, 1], pages: chosen.map(\.pages))), .int(cutoff),
                       .text(id.rawValue), .int(max(1, limit))])
            .rows { (id: $0.documentID("id"), score: -$0.double("best")) }
        let terms = chosen.map(\.term)
        return try rows.compactMap { try hit($0.id, score: $0.score, page: nil, highlighting: Set(terms)) }
    }

    /// Ids of the documents whose own number the query names.
    private func documents(bearing number: NumberPattern, filter: FilterSQL, limit: Int) throws -> [DocumentID] {
        let condition = number.sql
        return try database.prepare("""
            SELECT d.id FROM documents d WHERE \(condition.sql) AND \(filter.sql) ORDER BY d.issued_date DESC LIMIT ?
            """).bind(condition.values + filter.values + [.int(limit)]).rows { $0.documentID("id") }
    }

    private func hit(_ id: DocumentID, score: Double, page: Int?, highlighting words: Set<String>) throws -> SearchHit? {
        guard let row = try database.prepare("""
            SELECT d.doc_type, d.number, d.issued_date, d.agency, d.subject,
                   (SELECT source FROM inputs i WHERE i.document_id = d.id AND i.status = \(InputStatus.ok.sql) ORDER BY i.id LIMIT 1) AS source
            FROM documents d WHERE d.id = ?
            """).bind([.text(id.rawValue)]).rows({ row in
                (type: try row.code(DocumentType.self, "doc_type", of: .document(id)), number: row.optionalText("number"),
                 date: row.optionalText("issued_date"), agency: row.optionalText("agency"), subject: row.optionalText("subject"),
                 source: row.optionalText("source") ?? "")
            }).first else { return nil }
        var text = [row.number, row.subject, row.agency].compactMap { $0 }.joined(separator: " · ")
        if let page {
            text = try database.prepare("SELECT text FROM pages WHERE document_id = ? AND number = ?")
                .bind([.text(id.rawValue), .int(page)]).rows { $0.text("text") }.first ?? text
        }
        return SearchHit(
            id: id, source: row.source, score: score, page: page, snippet: Snippet.make(from: text, highlighting: words),
            docType: row.type, number: row.number, issuedDate: row.date, agency: row.agency)
    }
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

    func from(_ cutoff: Int?) -> IndexRange { IndexRange(lower: max(lower, cutoff ?? lower), upper: upper) }
    func before(_ cutoff: Int) -> IndexRange { IndexRange(lower: lower, upper: min(upper, cutoff)) }
}

/// The filters as a SQL condition on `documents d`, with its values bound, never spliced.
struct FilterSQL {
    private(set) var sql = "1"
    private(set) var values: [Statement.Value] = []

    /// No filter: a search may stop at its limit before reading `documents`.
    var isEmpty: Bool { sql == "1" }

    init(_ filters: SearchFilters) {
        var conditions: [String] = []
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
            conditions.append("instr(d.agency_key, ?) > 0")
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
        if !conditions.isEmpty { sql = conditions.joined(separator: " AND ") }
    }
}

/// A document number named by a query: its serial, and the year and symbol when given.
struct NumberPattern: Equatable {
    var serial: String
    var year: String?
    /// Folded, upper case: `QD-TTG`.
    var symbol: String?

    /// A range on `documents.number_key` (served by its index: "/" sorts just before
    /// "0"), narrowed by year and symbol.
    var sql: (sql: String, values: [Statement.Value]) {
        var sql = "number_key >= ? AND number_key < ?"
        var values: [Statement.Value] = [.text(serial + "/"), .text(serial + "0")]
        if let year {
            sql += " AND instr(number_key, ?) = 1"
            values.append(.text("\(serial)/\(year)/"))
        }
        if let symbol {
            sql += " AND substr(number_key, -?) = ?"
            values += [.int(symbol.count + 1), .text("/" + symbol)]
        }
        return (sql, values)
    }

    /// "28/2018/QĐ-TTg", "5/BC-UBND", "QĐ-TTg 28", "số 28" — or nil.
    init?(_ text: String) {
        let tokens = SearchIndex.folded(text).uppercased().split(whereSeparator: \.isWhitespace).map(String.init)
        let symbolCharacters = CharacterSet.uppercaseLetters.union(.decimalDigits).union(CharacterSet(charactersIn: "-"))
        func isSymbol(_ token: String) -> Bool {
            token.contains("-") && token.contains(where: \.isLetter)
                && token.unicodeScalars.allSatisfy { symbolCharacters.contains($0) }
        }
        func isDigits(_ token: String) -> Bool { token.allSatisfy { $0.isASCII && $0.isNumber } }
        func isSerial(_ token: String) -> Bool { !token.isEmpty && token.count <= 6 && isDigits(token) }
        if tokens.count == 1, tokens[0].contains("/") {
            let parts = tokens[0].split(separator: "/").map(String.init)
            guard parts.count >= 2, parts.count <= 3, isSerial(parts[0]) else { return nil }
            serial = parts[0]
            if parts[1].count == 4, isDigits(parts[1]) { year = parts[1] }
            let last = parts[parts.count - 1]
            if isSymbol(last) || last.allSatisfy(\.isLetter) {
                symbol = last
            } else if last != year {
                return nil
            }
        } else if tokens.count == 2, isSerial(tokens[1]), isSymbol(tokens[0]) {
            serial = tokens[1]
            symbol = tokens[0]
        } else if tokens.count == 2, isSerial(tokens[0]), isSymbol(tokens[1]) {
            serial = tokens[0]
            symbol = tokens[1]
        } else if tokens.count == 2, tokens[0] == "SO", isSerial(tokens[1]) {
            serial = tokens[1]
        } else {
            return nil
        }
    }
}

/// A query cut into words and phrases, in both index forms.
struct ParsedQuery {
    /// Words or quoted phrases, folded.
    var groups: [[String]] = []
    /// The same, tones kept (lower case, one tone placement).
    var exactGroups: [[String]] = []
    var hasMarks = false
    var number: NumberPattern?

    /// Folded words to highlight in snippets.
    var highlighted: Set<String> { Set(groups.joined()) }

    init(_ text: String) throws {
        guard text.count <= SearchQuery.maximumLength else { throw ArchiveError.queryTooLong(limit: SearchQuery.maximumLength) }
        if let control = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control && !"\t\n\r".unicodeScalars.contains($0) }) {
            throw ArchiveError.controlCharacter(control.value)
        }
        number = NumberPattern(text)
        let exact = SearchIndex.exact(text).lowercased()
        var inPhrase = false
        var phrase: [String] = []
        var word = ""
        func endWord() {
            guard !word.isEmpty else { return }
            if inPhrase { phrase.append(word) } else { exactGroups.append([word]) }
            word = ""
        }
        for character in exact {
            if character == "\"" {
                endWord()
                if inPhrase, !phrase.isEmpty { exactGroups.append(phrase) }
                phrase = []
                inPhrase.toggle()
            } else if character.isLetter || character.isNumber {
                word.append(character)
            } else {
                endWord()
            }
        }
        endWord()
        // An unbalanced quote: its words still count, one by one.
        exactGroups += phrase.map { [$0] }
        groups = exactGroups.map { $0.map { VietnameseText.fold($0) } }
        hasMarks = groups != exactGroups
        if groups.isEmpty && number == nil && !text.isEmpty && !text.allSatisfy(\.isWhitespace) {
            throw ArchiveError.emptyQuery
        }
    }

    /// The FTS5 expression: every word or phrase folded (so any spelling matches), plus
    /// the words as one phrase (adjacent words rank higher) and the exact-tone form when
    /// the query has marks (exact spellings rank higher); nil without words.
    var ftsMatch: String? {
        guard !groups.isEmpty else { return nil }
        func all(_ groups: [[String]]) -> String {
            groups.map { "\"" + $0.joined(separator: " ") + "\"" }.joined(separator: " AND ")
        }
        var parts = ["folded : (\(all(groups)))"]
        if let adjacent = adjacentPhrase {
            parts.append("folded : (\(all([adjacent])))")
        }
        if hasMarks {
            parts.append("exact : (\(all(exactGroups)))")
        }
        return parts.joined(separator: " OR ")
    }

    /// Separate words again as one phrase, so that pages with them side by side rank higher.
    private var adjacentPhrase: [String]? {
        groups.count > 1 && groups.allSatisfy({ $0.count == 1 }) ? Array(groups.joined()) : nil
    }

    /// The phrases of ``ftsMatch`` in the order FTS5 numbers them, as folded words (for
    /// the page counts ranking needs); exact phrases are counted by their folded words.
    var phrases: [[String]] {
        groups + (adjacentPhrase.map { [$0] } ?? []) + (hasMarks ? groups : [])
    }
}

/// Cuts the original, accented text around the first matched word.
///
/// Matching happens on folded text. Stored text is NFC, where every Vietnamese letter is one
/// scalar, and folding maps scalar to scalar, so a word found folded is the same span of
/// the original. Only the tokens up to the window's end are examined: a hit costs the same
/// on a long page as on a short one when the match comes early.
enum Snippet {
    static func make(from text: String, highlighting words: Set<String>, before: Int = 10, after: Int = 25) -> String {
        let scalars = Array(text.unicodeScalars)
        var tokens: [(range: Range<Int>, matched: Bool)] = []
        var firstMatch: Int?
        var index = 0
        while index < scalars.count {
            guard isWordPart(scalars[index]) else {
                index += 1
                continue
            }
            let start = index
            var folded = String.UnicodeScalarView()
            while index < scalars.count, isWordPart(scalars[index]) {
                let scalar = VietnameseText.fold(scalars[index])
                folded.append(("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar)
                index += 1
            }
            let matched = words.contains(String(folded))
            tokens.append((start..<index, matched))
            if matched, firstMatch == nil { firstMatch = tokens.count - 1 }
            if let firstMatch, tokens.count > firstMatch + after { break }
            if firstMatch == nil, tokens.count > before + after, words.isEmpty { break }
        }
        guard !tokens.isEmpty else { return "" }
        let first = firstMatch ?? 0
        let from = max(0, first - before), to = min(tokens.count - 1, first + after)
        var out = String.UnicodeScalarView()
        if from > 0 { out.append("…") }
        var cursor = tokens[from].range.lowerBound
        for token in tokens[from...to] {
            out.append(contentsOf: scalars[cursor..<token.range.lowerBound].map { $0 == "\n" || $0 == "\r" ? " " : $0 })
            if token.matched { out.append("«") }
            out.append(contentsOf: scalars[token.range])
            if token.matched { out.append("»") }
            cursor = token.range.upperBound
        }
        if to < tokens.count - 1 || index < scalars.count { out.append(contentsOf: " …".unicodeScalars) }
        return String(out)
    }

    private static func isWordPart(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
