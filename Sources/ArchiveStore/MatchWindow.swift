/// The newest pages that match a query's words, each ranked, and their documents best
/// first: what relevance ranking and facet counts both read, so the index is read once
/// per query rather than once for each.
///
/// An unselective query ("quyết định") matches most of the archive; ranking every page
/// would cost a few microseconds each. The window holds the newest ``Archive/searchWindow``
/// matching pages (index order is issue-date order) and says when more match, so a page
/// can tell its reader that hits are the best of the newest matches.
struct MatchWindow: Sendable {
    /// A document of the window, with its best rank and its best real page.
    struct Document: Sendable {
        /// The document's row in `documents`.
        var row: Int
        /// FTS5's convention: smaller is better.
        var rank: Double
        /// Nil when only its metadata (page 0) matched.
        var page: Int?
    }

    /// Best first; among equals, the newer first.
    private(set) var documents: [Document] = []
    /// The oldest index row read, when more pages match than the window holds: older
    /// matches are below it.
    private(set) var cutoff: Int?
    /// Set when more pages match than the window holds.
    var size: Int? { cutoff == nil ? nil : capacity }
    private let capacity: Int

    /// `pages`: index rows and their ranks, newest first, at most `capacity + 1` of them
    /// (one more tells that more match).
    init(pages: [(row: Int, rank: Double)], capacity: Int) {
        self.capacity = capacity
        var found: [Document] = []
        var foundAt: [Int: Int] = [:]
        var pageRanks: [Double] = []
        for (row, rank) in pages.prefix(capacity) {
            let document = (row >> 16) & 0xFF_FFFF, page = row & 0xFFFF
            let at: Int
            if let known = foundAt[document] {
                at = known
            } else {
                at = found.count
                foundAt[document] = at
                found.append(Document(row: document, rank: rank, page: nil))
                pageRanks.append(.infinity)
            }
            found[at].rank = min(found[at].rank, rank)
            // The best real page: the best ranked, the first among equals.
            if page > 0, (rank, page) < (pageRanks[at], found[at].page ?? .max) {
                found[at].page = page
                pageRanks[at] = rank
            }
        }
        // Found newest first, so ordering equal ranks by discovery keeps the newer first.
        documents = found.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }.map(\.element)
        if pages.count > capacity, let last = pages.prefix(capacity).last { cutoff = last.row }
    }
}

extension Archive {
    /// Matching pages ranked and counted at most (see ``MatchWindow``). bm25 costs about
    /// two microseconds per page, most of it reading the page's length.
    static let searchWindow = 4_000

    /// The window of `parsed`'s words within `range`, read once per query and archive
    /// state when a ``SearchMemo`` is shared.
    func matchWindow(_ parsed: ParsedQuery, range: IndexRange, capacity: Int = Archive.searchWindow, at stamp: ChangeStamp) throws
        -> MatchWindow? {
        guard let match = parsed.ftsMatch else { return nil }
        let read = {
            let pages = try self.pagesHolding(parsed.phrases)
            let inRow = try parsed.wordsInRow.map { (words: $0.count, pages: try self.pagesHolding([$0])[0]) }
            guard self.database.dialect == .sqlite else {
                return MatchWindow(pages: try self.serverRankedRows(ServerTextIndex.Query(parsed), weights: (exact: 4, folded: 1), inRow: inRow,
                                                                    pages: pages, lower: range.lower, upper: range.upper,
                                                                    limit: capacity + 1, at: stamp), capacity: capacity)
            }
            return MatchWindow(pages: try self.database.prepare("""
                SELECT rowid AS row, rank AS r FROM page_text
                WHERE page_text MATCH ? AND rank MATCH ? AND rowid >= ? AND rowid < ? ORDER BY rowid DESC LIMIT ?
                """).bind([.text(match), .text(Archive.rankFunction(weights: (exact: 4, folded: 1), inRow: inRow, pages: pages, at: stamp)), .int(range.lower),
                           .int(range.upper), .int(capacity + 1)])
                .rows { (row: $0.int("row"), rank: $0.double("r")) }, capacity: capacity)
        }
        guard let searchMemo else { return try read() }
        return try searchMemo.window(SearchMemo.WindowKey(match: match, lower: range.lower, upper: range.upper,
                                                          capacity: capacity, stamp: stamp), compute: read)
    }

    /// The ranking for `rank MATCH`: FTS5 reads it as a call with literal arguments
    /// (see ``Database/registerRanking()``); only numbers go into it.
    /// - Parameters:
    ///   - inRow: how many leading phrases are words whose standing side by side counts,
    ///     and the pages holding the rarest of them.
    ///   - pages: the pages holding each phrase of the expression.
    ///   - stamp: the archive's state, whose newest correction tells the ranking when the
    ///     page lengths it remembers may have changed.
    static func rankFunction(weights: (exact: Double, folded: Double), inRow: (words: Int, pages: Int)? = nil, pages: [Int],
                             at stamp: ChangeStamp) -> String {
        let arguments = [Double(stamp.newestCorrection), weights.exact, weights.folded,
                         Double(inRow?.words ?? 0), Double(inRow?.pages ?? 0)] + pages.map(Double.init)
        return "sohoa_rank(" + arguments.map { $0 == $0.rounded() ? "\(Int($0))" : "\($0)" }.joined(separator: ", ") + ")"
    }

    /// For each phrase, an upper bound of the pages that hold it: those of its rarest
    /// word. Ranking needs rarity, not exact counts, and phrases are not counted.
    private func pagesHolding(_ phrases: [[String]]) throws -> [Int] {
        let lookup = try database.prepare("SELECT pages FROM term_pages WHERE term = ?")
        return try phrases.map { words in
            try words.map { try lookup.bind([.text($0)]).rows { $0.int("pages") }.first ?? 0 }.min() ?? 0
        }
    }

    /// What filters and facets read of every document, current to `stamp`.
    func documentFacts(at stamp: ChangeStamp) throws -> DocumentFacts.Snapshot {
        try (searchMemo?.facts ?? ownFacts).snapshot(of: database, at: stamp)
    }
}
