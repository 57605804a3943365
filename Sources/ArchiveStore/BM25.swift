import Foundation

/// Okapi BM25 as FTS5's `bm25()` computes it (k₁ = 1.2, b = 0.75, FTS5's idf): the one
/// formula both engines rank by — inside SQLite's `sohoa_rank` (``Database/registerRanking()``)
/// and, on PostgreSQL, in Swift over the positions the server returns (``ServerTextIndex``) —
/// so that a search ranks the same on either.
struct BM25 {
    private static let k1 = 1.2, b = 0.75
    /// Rows in the index.
    private let rows: Double
    /// The row's length against the average, as the formula weighs it.
    private let lengthNorm: Double

    /// - Parameters:
    ///   - rows: rows in the index;
    ///   - tokens: tokens in all of them, every column;
    ///   - size: tokens in the row ranked, every column.
    init(rows: Int, tokens: Int, size: Int) {
        self.rows = Double(rows)
        let averageSize = Double(max(tokens, 1)) / Double(max(rows, 1))
        lengthNorm = BM25.k1 * (1 - BM25.b + BM25.b * Double(size) / averageSize)
    }

    /// One phrase's part of the row's score: `frequency` its weighted count in the row,
    /// `pages` the rows that hold it.
    func term(frequency: Double, pages: Double) -> Double {
        let idf = max(1e-6, log((rows - max(pages, 0) + 0.5) / (max(pages, 0) + 0.5)))
        return idf * frequency * (BM25.k1 + 1) / (frequency + lengthNorm)
    }

    /// The weighted count of places where phrases 0, 1, … `words − 1` stand one after another
    /// in one column — what an FTS5 phrase of the query's words would count, without FTS5
    /// reading the words' positions a second time to find it. `found` is every instance of
    /// those phrases; it is sorted in place.
    static func adjacentRuns(_ found: UnsafeMutableBufferPointer<(column: Int32, offset: Int32, phrase: Int32)>, words: Int,
                             weight: (Int32) -> Double) -> Double {
        var found = found
        found.sort { ($0.column, $0.offset, $0.phrase) < ($1.column, $1.offset, $1.phrase) }
        var runs = 0.0
        for start in found.indices where found[start].phrase == 0 {
            let (column, offset, _) = found[start]
            var next = 1
            for later in found[(start + 1)...] {
                guard later.column == column, later.offset < offset + Int32(words) else { break }
                if later.offset == offset + Int32(next), later.phrase == Int32(next) { next += 1 }
            }
            if next == words { runs += weight(column) }
        }
        return runs
    }
}
