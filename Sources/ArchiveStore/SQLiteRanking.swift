import CSQLite
import Foundation

extension Database {
    /// Registers `sohoa_rank(page_text, c, w₀, w₁, n, dfₙ, df₀, df₁, …)` on this connection:
    /// FTS5's BM25 (same k₁ = 1.2, b = 0.75, same IDF formula, column weights w), except that
    /// - the number of pages holding each phrase, dfᵢ, is given rather than counted;
    /// - when n > 1, the first n phrases (single words) found side by side in that order
    ///   count as one more phrase, held by dfₙ pages: what a phrase of the words in the
    ///   FTS5 expression would add, without FTS5 matching it separately;
    /// - row lengths are remembered while c, the archive's newest correction, stays
    ///   (``PageLengths``).
    ///
    /// FTS5's own `bm25()` counts those pages on every query by reading each phrase's whole
    /// posting list: 20–70 ms per query at 300,000 pages, whatever the limit. sohoa keeps
    /// the counts per term in `term_pages` as it indexes (``SearchIndex/Writer``).
    func registerRanking() throws {
        var api: UnsafeMutablePointer<fts5_api>?
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, "SELECT fts5(?1)", -1, &statement, nil) == SQLITE_OK else {
            throw error(sql: "SELECT fts5(?1)")
        }
        defer { sqlite3_finalize(statement) }
        withUnsafeMutablePointer(to: &api) { pointer in
            _ = sqlite3_bind_pointer(statement, 1, pointer, Database.fts5APIType, nil)
            _ = sqlite3_step(statement)
        }
        guard let api, let create = api.pointee.xCreateFunction,
              create(api, "sohoa_rank", Unmanaged.passUnretained(pageLengths).toOpaque(), sohoaRank, nil) == SQLITE_OK else {
            throw SQLiteError(code: SQLITE_ERROR, message: "this SQLite has no FTS5 (needed for search)", sql: nil)
        }
    }

    /// The pointer type name SQLite checks in `fts5(?1)`; it must outlive the statement,
    /// so it is allocated once and kept.
    nonisolated(unsafe) private static let fts5APIType: UnsafePointer<CChar> = UnsafePointer(strdup("fts5_api_ptr")!)
}

/// The length of each index row this connection has ranked, in tokens.
///
/// FTS5 reads a row's length from its `docsize` table, a B-tree lookup per matching page:
/// a third of an unseen search's time at 100,000 documents. A row's length changes only
/// when a correction indexes its document's metadata again, so lengths are kept until the
/// archive's newest correction moves (``forget(after:)``).
final class PageLengths {
    private var lengths: [Int64: Int32] = [:]
    private var newestCorrection = -1

    /// Forgets every length unless `correction` is the newest correction they were read at.
    /// A correction stored between reading `correction` and ranking leaves its rows' old
    /// lengths for that one query: a nuance of order, never of what is found.
    fileprivate func forget(after correction: Int) {
        guard correction != newestCorrection else { return }
        lengths.removeAll(keepingCapacity: true)
        newestCorrection = correction
    }

    fileprivate subscript(row: Int64) -> Int32? {
        get { lengths[row] }
        set { lengths[row] = newValue }
    }
}

/// BM25 of the current row; see ``Database/registerRanking()``. Negated, like FTS5's,
/// so that smaller is better. Missing weights count 1; a missing df counts as 1 page.
private func sohoaRank(api: UnsafePointer<Fts5ExtensionApi>?, fts: OpaquePointer?, context: OpaquePointer?,
                       valueCount: Int32, values: UnsafeMutablePointer<OpaquePointer?>?) {
    guard let api = api?.pointee, let fts, let values,
          let phraseCountOf = api.xPhraseCount, let rowCountOf = api.xRowCount, let totalSizeOf = api.xColumnTotalSize,
          let instanceCountOf = api.xInstCount, let instance = api.xInst, let sizeOf = api.xColumnSize else {
        sqlite3_result_error(context, "sohoa_rank: FTS5 API incomplete", -1)
        return
    }
    let phrases = Int(phraseCountOf(fts))
    var rows: Int64 = 0, tokens: Int64 = 0, instances: Int32 = 0, size: Int32 = 0
    guard rowCountOf(fts, &rows) == SQLITE_OK, totalSizeOf(fts, -1, &tokens) == SQLITE_OK,
          instanceCountOf(fts, &instances) == SQLITE_OK, let userData = api.xUserData?(fts), let rowID = api.xRowid?(fts) else {
        sqlite3_result_error(context, "sohoa_rank: cannot read the index", -1)
        return
    }
    let lengths = Unmanaged<PageLengths>.fromOpaque(userData).takeUnretainedValue()
    lengths.forget(after: valueCount > 0 ? Int(sqlite3_value_int64(values[0])) : -1)
    if let known = lengths[rowID] {
        size = known
    } else {
        guard sizeOf(fts, -1, &size) == SQLITE_OK else {
            sqlite3_result_error(context, "sohoa_rank: cannot read the index", -1)
            return
        }
        lengths[rowID] = size
    }
    func argument(_ index: Int, default value: Double) -> Double {
        index < Int(valueCount) ? sqlite3_value_double(values[index]) : value
    }
    let bm25 = BM25(rows: Int(rows), tokens: Int(tokens), size: Int(size))
    let inRow = Int(argument(3, default: 0))
    withUnsafeTemporaryAllocation(of: Double.self, capacity: max(1, phrases)) { frequency in
        withUnsafeTemporaryAllocation(of: (column: Int32, offset: Int32, phrase: Int32).self, capacity: max(1, Int(instances))) { found in
            frequency.initialize(repeating: 0)
            var count = 0
            var phrase: Int32 = 0, column: Int32 = 0, offset: Int32 = 0
            for index in 0..<instances where instance(fts, index, &phrase, &column, &offset) == SQLITE_OK {
                frequency[Int(phrase)] += argument(1 + Int(column), default: 1)
                if phrase < inRow {
                    found[count] = (column, offset, phrase)
                    count += 1
                }
            }
            var score = 0.0
            for index in 0..<phrases where frequency[index] > 0 {
                score += bm25.term(frequency: frequency[index], pages: argument(5 + index, default: 1))
            }
            if inRow > 1 {
                let side = BM25.adjacentRuns(UnsafeMutableBufferPointer(rebasing: found[..<count]), words: inRow) { argument(1 + Int($0), default: 1) }
                if side > 0 { score += bm25.term(frequency: side, pages: argument(4, default: 1)) }
            }
            sqlite3_result_double(context, -score)
        }
    }
}
