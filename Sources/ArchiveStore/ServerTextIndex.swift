import Foundation

/// Full-text search on PostgreSQL, which has no FTS5: the same index rows, matched and
/// ranked so that a search answers as it does on SQLite.
///
/// Each row of `page_text` (``SearchIndex``'s row ids) holds its two columns as `tsvector`s
/// that sohoa writes itself, term by term with positions, cut by
/// ``SearchIndex/forEachTerm(inFolded:_:)`` — never by PostgreSQL's parser, whose idea of a
/// letter depends on the server's locale and which reads "28/2018/qd-ttg" as a file path. A
/// GIN index on `folded` finds the rows holding every word; phrases match by `<->` on the
/// stored positions. Ranking is ``BM25`` computed here from the positions of the query's own
/// terms, which the server hands back alone (`setweight` marks them, `ts_filter` keeps
/// them), with `term_pages` for rarity: FTS5's score, number for number.
///
/// A tsvector keeps positions up to 16,383 and 256 of them per term in a row: a page of more
/// than 16,383 words (a whole book's text layer) matches phrases in its first 16,383, and a
/// word repeated more than 256 times on one page counts 256 times. BM25 barely moves past a
/// few dozen repeats.
enum ServerTextIndex {
    /// A column's text (already in its index form, exact or folded) as a tsvector literal,
    /// and how many tokens it has.
    static func vector(_ text: String) -> (literal: String, tokens: Int) {
        var positions: [String: [Int]] = [:]
        var tokens = 0
        SearchIndex.forEachTerm(inFolded: text) { _, bytes in
            tokens += 1
            positions[String(decoding: bytes, as: UTF8.self), default: []].append(min(tokens, 16_383))
        }
        let literal = positions.map { term, at in
            quoted(term) + ":" + at.prefix(256).map(String.init).joined(separator: ",")
        }.joined(separator: " ")
        return (literal, tokens)
    }

    /// A term quoted for a tsvector or tsquery literal. Terms are letters and digits, but
    /// the quoting does not rely on it.
    private static func quoted(_ term: String) -> String {
        "'" + term.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// The two columns of an index row.
    enum Column: Int32, Hashable {
        case exact = 0, folded = 1
    }

    /// What a search asks of the index: the rows whose folded column matches `condition`,
    /// and the phrases the ranking counts, in the order of FTS5's phrase numbers (see
    /// ``ParsedQuery/phrases``).
    struct Query: Hashable {
        /// A tsquery literal.
        var condition: String
        var phrases: [Phrase]

        struct Phrase: Hashable {
            var column: Column
            var words: [String]
        }

        /// Every group of words, as a phrase, in the folded column; a marked query counts
        /// its exact spellings too. An exact match is always a folded one, so the exact
        /// column adds to the score but not to what is found.
        init(_ parsed: ParsedQuery) {
            condition = parsed.groups.map { "(" + $0.map(ServerTextIndex.quoted).joined(separator: " <-> ") + ")" }
                .joined(separator: " & ")
            phrases = parsed.groups.map { Phrase(column: .folded, words: $0) }
                + (parsed.hasMarks ? parsed.exactGroups.map { Phrase(column: .exact, words: $0) } : [])
        }

        /// Rows holding any of `terms`, each counted in the folded column.
        init(anyOf terms: [String]) {
            condition = terms.map(ServerTextIndex.quoted).joined(separator: " | ")
            phrases = terms.map { Phrase(column: .folded, words: [$0]) }
        }

        /// The terms whose positions ranking needs, per column, as one space-separated list
        /// each for `string_to_array`.
        var terms: (exact: String, folded: String) {
            func of(_ column: Column) -> String {
                Set(phrases.filter { $0.column == column }.flatMap(\.words)).sorted().joined(separator: " ")
            }
            return (of(.exact), of(.folded))
        }
    }

    /// The positions of some terms in a column, parsed from a tsvector's text form
    /// (`'ban':3A,17A 'hanh':4A`; a quote or backslash in a term comes doubled).
    static func positions(_ vector: String) -> [String: [Int32]] {
        let scalars = Array(vector.unicodeScalars)
        var found: [String: [Int32]] = [:]
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "'" else {
                index += 1
                continue
            }
            var term = String.UnicodeScalarView()
            index += 1
            while index < scalars.count {
                let scalar = scalars[index]
                let doubled = index + 1 < scalars.count && scalars[index + 1] == scalar
                if scalar == "'", !doubled {
                    index += 1
                    break
                }
                term.append(scalar)
                index += (scalar == "'" || scalar == "\\") && doubled ? 2 : 1
            }
            var at: [Int32] = []
            if index < scalars.count, scalars[index] == ":" {
                var number: Int32 = 0
                index += 1
                while index < scalars.count, scalars[index] != " " {
                    let scalar = scalars[index]
                    if ("0"..."9").contains(scalar) {
                        number = number * 10 + Int32(scalar.value - 0x30)
                    } else if scalar == "," {
                        at.append(number)
                        number = 0
                    }
                    index += 1
                }
                at.append(number)
            }
            found[String(term)] = at
        }
        return found
    }

    /// A row as the ranking reads it: its length and where the query's terms stand.
    struct RowTerms {
        var tokens: Int
        var exact: [String: [Int32]]
        var folded: [String: [Int32]]

        func positions(_ column: Column) -> [String: [Int32]] { column == .exact ? exact : folded }
    }

    /// The row's BM25 score as `sohoa_rank` gives it on SQLite for the same expression,
    /// negated like FTS5's (smaller is better).
    /// - Parameters:
    ///   - pages: the rows holding each phrase of `query`;
    ///   - inRow: how many leading phrases are single words whose standing side by side
    ///     counts, and the rows holding the rarest of them.
    static func rank(_ row: RowTerms, _ query: Query, weights: (exact: Double, folded: Double), inRow: (words: Int, pages: Int)?,
                     pages: [Int], bm25: BM25) -> Double {
        func weight(_ column: Column) -> Double { column == .exact ? weights.exact : weights.folded }
        var score = 0.0
        for (index, phrase) in query.phrases.enumerated() {
            let at = row.positions(phrase.column)
            guard let first = at[phrase.words[0]] else { continue }
            let rest = phrase.words.dropFirst().map { Set(at[$0] ?? []) }
            let instances = first.filter { start in rest.enumerated().allSatisfy { $0.element.contains(start + Int32($0.offset + 1)) } }.count
            if instances > 0 {
                score += bm25.term(frequency: Double(instances) * weight(phrase.column), pages: Double(index < pages.count ? pages[index] : 1))
            }
        }
        if let inRow, inRow.words > 1 {
            var found: [(column: Int32, offset: Int32, phrase: Int32)] = []
            for (index, phrase) in query.phrases.prefix(inRow.words).enumerated() {
                for offset in row.positions(phrase.column)[phrase.words[0]] ?? [] {
                    found.append((phrase.column.rawValue, offset, Int32(index)))
                }
            }
            let side = found.withUnsafeMutableBufferPointer { buffer in
                BM25.adjacentRuns(buffer, words: inRow.words) { weight(Column(rawValue: $0) ?? .folded) }
            }
            if side > 0 { score += bm25.term(frequency: side, pages: Double(inRow.pages)) }
        }
        return -score
    }
}

extension Archive {
    /// The condition that an index row (`page_text`) matches `parsed`'s words, with the
    /// value it binds: FTS5's `MATCH`, or the server's `@@`.
    func textCondition(_ parsed: ParsedQuery) -> (sql: String, value: Statement.Value)? {
        guard let match = parsed.ftsMatch else { return nil }
        return database.dialect == .sqlite ? ("page_text MATCH ?", .text(match))
            : ("page_text.folded @@ CAST(? AS tsquery)", .text(ServerTextIndex.Query(parsed).condition))
    }

    /// On a server, the index rows matching `query` whose ids are in `lower..<upper`, newest
    /// first, at most `limit`, each with its rank (see ``ServerTextIndex/rank(_:_:weights:inRow:pages:bm25:)``).
    func serverRankedRows(_ query: ServerTextIndex.Query, weights: (exact: Double, folded: Double), inRow: (words: Int, pages: Int)?,
                          pages: [Int], lower: Int, upper: Int, limit: Int, at stamp: ChangeStamp) throws -> [(row: Int, rank: Double)] {
        let bm25Totals = try serverIndexTotals(at: stamp)
        let terms = query.terms
        // The window's rows are found by row id alone first, and only they are read whole:
        // the tsvectors live out of line (TOAST), and reading them for every match, not
        // just the window's, took 2.5 times as long for common words at 100,000 documents.
        return try database.prepare("""
            SELECT p.rowid AS row, p.tokens,
                   CAST(ts_filter(setweight(p.exact, 'A', string_to_array(?, ' ')), '{a}') AS text) AS e,
                   CAST(ts_filter(setweight(p.folded, 'A', string_to_array(?, ' ')), '{a}') AS text) AS f
            FROM (SELECT rowid FROM page_text WHERE folded @@ CAST(? AS tsquery) AND rowid >= ? AND rowid < ?
                  ORDER BY rowid DESC LIMIT ?) AS window_rows
            JOIN page_text p ON p.rowid = window_rows.rowid ORDER BY p.rowid DESC
            """).bind([.text(terms.exact), .text(terms.folded), .text(query.condition), .int(lower), .int(upper), .int(limit)])
            .rows { row in
                let tokens = row.int("tokens")
                let terms = ServerTextIndex.RowTerms(tokens: tokens, exact: ServerTextIndex.positions(row.text("e")),
                                                     folded: ServerTextIndex.positions(row.text("f")))
                let bm25 = BM25(rows: bm25Totals.rows, tokens: bm25Totals.tokens, size: tokens)
                return (row.int("row"), ServerTextIndex.rank(terms, query, weights: weights, inRow: inRow, pages: pages, bm25: bm25))
            }
    }

    /// Rows and tokens in the server's index, read once per archive state: the average row
    /// length BM25 needs, which FTS5 keeps for itself.
    private func serverIndexTotals(at stamp: ChangeStamp) throws -> (rows: Int, tokens: Int) {
        if let known = indexTotals.value(at: stamp) { return known }
        let totals = try database.prepare("SELECT count(*) AS n, coalesce(sum(tokens), 0) AS t FROM page_text")
            .rows { (rows: $0.int("n"), tokens: $0.int("t")) }.first ?? (0, 0)
        indexTotals.keep(totals, at: stamp)
        return totals
    }
}

/// ``Archive``'s last read of the server index's totals, with the state it was read at.
final class IndexTotals {
    private var kept: (stamp: Archive.ChangeStamp, rows: Int, tokens: Int)?

    func value(at stamp: Archive.ChangeStamp) -> (rows: Int, tokens: Int)? {
        guard let kept, kept.stamp == stamp else { return nil }
        return (kept.rows, kept.tokens)
    }

    func keep(_ totals: (rows: Int, tokens: Int), at stamp: Archive.ChangeStamp) {
        kept = (stamp, totals.rows, totals.tokens)
    }
}

extension Archive {
    /// On a server, writes the search index again when an upgrade of its layout set the old
    /// rows aside (`page_text_v1`: the index before it held tsvectors), then drops them. The
    /// first machine to open the upgraded archive does it, under a lock; the others wait
    /// for it and find it done.
    public func finishIndexUpgrade() throws {
        guard database.dialect == .postgresql else { return }
        // Read from pg_class, not with to_regclass: a name lookup may answer from this
        // session's catalog cache, which an advisory lock does not refresh.
        let pending = {
            try self.database.prepare("""
                SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class WHERE relname = 'page_text_v1' AND relnamespace = to_regnamespace(current_schema())) AS pending
                """).rows { $0.bool("pending") }.first == true
        }
        guard try pending() else { return }
        try database.transaction {
            // "sohoa" in ASCII, plus one: a key no other program is likely to take.
            _ = try database.prepare("SELECT pg_advisory_xact_lock(495857594210)").rows { _ in () }
            guard try pending() else { return }
            try SearchIndex.rebuild(database, countingTerms: true)
            try database.execute("DROP TABLE IF EXISTS page_text_v1")
        }
    }
}
