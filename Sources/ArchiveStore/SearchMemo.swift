import Foundation

/// The answers to recent searches, shared by the connections of one server, so that the
/// same search asked again — the next page of hits, another order, the facets beside
/// them, a link passed round an office — does not run again.
///
/// An answer is kept under its query, the asker's clearance (part of ``SearchQuery``) and
/// the archive's ``Archive/changeStamp()``. Every stored document and every correction
/// moves the stamp, so a search never sees an answer older than the archive: a document
/// is found as soon as it is stored, and a corrected value is counted at once.
///
///     let memo = SearchMemo()
///     archive.searchMemo = memo   // on every connection of the server
public final class SearchMemo: @unchecked Sendable {
    /// Answers kept of each kind; the least recently used goes first.
    public let capacity: Int
    private let lock = NSLock()
    private var results = Recent<Key, SearchResults>()
    private var facets = Recent<Key, SearchFacets>()
    /// Windows are kept for the moment between a search and its facets, which read the
    /// same one: a few suffice, and each holds thousands of pages.
    private var windows = Recent<WindowKey, MatchWindow>()
    private static let windowCapacity = 16
    /// What filters and facets read of each document, for every connection of the server.
    let facts = DocumentFacts()
    /// Answers given from memory rather than computed.
    var answeredFromMemory: Int { lock.withLock { remembered } }
    private var remembered = 0

    public init(capacity: Int = 500) {
        self.capacity = capacity
    }

    struct Key: Hashable {
        var query: SearchQuery
        var stamp: Archive.ChangeStamp
    }

    /// A ``MatchWindow``'s words, date range and size, at an archive state.
    struct WindowKey: Hashable {
        var match: String
        var lower: Int
        var upper: Int
        var capacity: Int
        var stamp: Archive.ChangeStamp
    }

    func results(_ key: Key, compute: () throws -> SearchResults) rethrows -> SearchResults {
        if let kept = lock.withLock({ recall { results.take(key) } }) { return kept }
        let answer = try compute()
        lock.withLock { results.keep(answer, under: key, capacity: capacity) }
        return answer
    }

    /// Facets do not depend on the order, the page or its length: they are kept for the
    /// query without them.
    func facets(_ key: Key, compute: () throws -> SearchFacets) rethrows -> SearchFacets {
        var key = key
        key.query.sort = .relevance
        key.query.offset = 0
        key.query.limit = 0
        if let kept = lock.withLock({ recall { facets.take(key) } }) { return kept }
        let answer = try compute()
        lock.withLock { facets.keep(answer, under: key, capacity: capacity) }
        return answer
    }

    func window(_ key: WindowKey, compute: () throws -> MatchWindow) rethrows -> MatchWindow {
        if let kept = lock.withLock({ windows.take(key) }) { return kept }
        let window = try compute()
        lock.withLock { windows.keep(window, under: key, capacity: SearchMemo.windowCapacity) }
        return window
    }

    /// Counts an answer found in memory; called under the lock.
    private func recall<Value>(_ find: () -> Value?) -> Value? {
        let found = find()
        if found != nil { remembered += 1 }
        return found
    }

    /// A dictionary that forgets its least recently used entries beyond a capacity.
    private struct Recent<Key: Hashable, Value> {
        private var entries: [Key: (value: Value, used: Int)] = [:]
        private var clock = 0

        mutating func take(_ key: Key) -> Value? {
            guard let entry = entries[key] else { return nil }
            clock += 1
            entries[key] = (entry.value, clock)
            return entry.value
        }

        mutating func keep(_ value: Value, under key: Key, capacity: Int) {
            clock += 1
            entries[key] = (value, clock)
            guard entries.count > capacity else { return }
            // Dropping the older half at once keeps the cost of a scan rare.
            let cut = entries.values.map(\.used).sorted()[entries.count / 2]
            entries = entries.filter { $0.value.used >= cut }
        }
    }
}

extension Archive {
    /// What a search's answer depends on, cheaply read: the newest document row and the
    /// newest correction. Documents are only ever added, and every change to a stored
    /// document's values writes a correction, so any change moves one of the two.
    ///
    /// On a server, several machines store at once and a row id taken earlier may commit
    /// later, below the newest: the stamp there is the transaction snapshot, which changes
    /// whenever a transaction that writes begins or ends, and only then (counting the documents
    /// and corrections instead took 49 ms a query at 100,000 documents). Read before the
    /// data it stamps, a stamp can only be older than what was read, never newer.
    public struct ChangeStamp: Hashable, Sendable {
        let newestDocument: Int
        let newestCorrection: Int
        var serverSnapshot = ""
    }

    public func changeStamp() throws -> ChangeStamp {
        let snapshot = database.dialect == .sqlite ? "''" : "CAST(pg_current_snapshot() AS text)"
        return try database.prepare("""
            SELECT coalesce((SELECT max(rowid) FROM documents), 0) AS d, coalesce((SELECT max(id) FROM corrections), 0) AS c, \(snapshot) AS s
            """).rows {
                ChangeStamp(newestDocument: $0.int("d"), newestCorrection: $0.int("c"), serverSnapshot: $0.text("s"))
            }.first ?? ChangeStamp(newestDocument: 0, newestCorrection: 0)
    }
}
