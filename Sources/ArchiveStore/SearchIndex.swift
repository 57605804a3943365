import Classifier
import DocumentModel
import Foundation
import VietnameseText

/// How text enters the full-text index — the one place that decides it, so that pages,
/// metadata and queries agree on what "the same word" is.
///
/// Each page is indexed twice, in the two columns of `page_text`:
/// - `exact`: NFC with one tone placement ("hoà" and "hòa" are one word) and tones kept,
///   so "bản" can rank above "bàn";
/// - `folded`: tones removed and đ→d (``VietnameseText/fold(_:)-(String)``), so "ban" finds
///   every spelling. SQLite's own diacritic folding leaves đ alone, hence our own.
///
/// Page 0 of each document indexes its metadata (number, subject, agency, signer, place),
/// so a document is found by them even where OCR garbled them in the page text.
///
/// The table is contentless: the text is in `pages`, and a row's id says whose page it is
/// (``rowID(issuedDate:documentRow:page:)``), so a search reads only the index itself.
enum SearchIndex {
    static func exact(_ text: String) -> String {
        VietnameseText.normalizeTonePlacement(VietnameseText.normalize(text))
    }

    static func folded(_ text: String) -> String {
        VietnameseText.fold(VietnameseText.normalize(text))
    }

    /// A document number as a lookup key: folded, upper case, without spaces, so
    /// "28/2018/QĐ-TTg", "28/2018/qd-ttg" and "28 / 2018 / QĐ-TTg" are one key.
    static func numberKey(_ number: String) -> String {
        folded(number).uppercased().filter { !$0.isWhitespace }
    }

    /// An agency name for filtering by part of it: folded, lower case.
    static func agencyKey(_ agency: String) -> String {
        folded(agency).lowercased()
    }

    static func metadataText(number: String?, subject: String?, agency: String?, agencyParent: String?,
                             signer: String?, place: String?) -> String {
        [number, subject, agency, agencyParent, signer, place].compactMap { $0 }.joined(separator: "\n")
    }

    /// ``metadataText(number:subject:agency:agencyParent:signer:place:)`` of a `documents`
    /// row that selects those columns.
    static func metadataText(of row: Statement.Row) -> String {
        metadataText(number: row.optionalText("number"), subject: row.optionalText("subject"), agency: row.optionalText("agency"),
                     agencyParent: row.optionalText("agency_parent"), signer: row.optionalText("signer"), place: row.optionalText("place"))
    }

    /// The index row id of a page: the document's issue day in the high bits, then the
    /// document's row in `documents`, then the page. Index order is thus date order, so
    /// "newest first" and date ranges are read straight from the index, stopping at the
    /// limit, however many pages match.
    static func rowID(issuedDate: String?, documentRow: Int, page: Int) -> Int {
        dayNumber(issuedDate) << 40 | (documentRow & 0xFF_FFFF) << 16 | min(page, 0xFFFF)
    }

    /// SQL for the `documents` row and the page number of an index row.
    static let documentRowSQL = "((page_text.rowid >> 16) & 16777215)"
    static let pageSQL = "(page_text.rowid & 65535)"

    /// The first index row id of a day (nil date: day 0, before every dated document).
    static func firstRowID(onOrAfter date: String?) -> Int {
        dayNumber(date) << 40
    }

    /// Days from 1900-01-01 to an ISO date; 0 when there is no date.
    static func dayNumber(_ iso: String?) -> Int {
        guard let iso, let date = IssuedDate(iso: iso) else { return 0 }
        // Days from civil (H. Hinnant), shifted so that 1900-01-01 is day 1.
        let y = date.month <= 2 ? date.year - 1 : date.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5 + date.day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return max(1, era * 146_097 + dayOfEra - 693_900)
    }

    /// ``exact(_:)`` for a stream of pages, word by word with the words remembered: a
    /// language of a few thousand syllables repeats itself, so placing tones becomes a
    /// lookup after the first pages (indexing is several times faster). The index needs
    /// the words, not the line breaks, so words are joined by single spaces.
    ///
    /// Words are remembered by a hash of their UTF-8 bytes: Swift's own `String` hashing
    /// normalises Unicode first, which cost more than placing the tones.
    ///
    /// Not thread-safe: each thread that prepares text has its own (see ``Writer``).
    final class ExactForms: @unchecked Sendable {
        private var known: [UInt64: (word: [UInt8], form: [UInt8])] = [:]

        /// - Parameter text: text already normalised (``VietnameseText/normalize(_:)``).
        func callAsFunction(normalized text: String) -> String {
            if known.count > 500_000 { known.removeAll(keepingCapacity: true) }
            var out: [UInt8] = []
            out.reserveCapacity(text.utf8.count)
            for bytes in text.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }) {
                if !out.isEmpty { out.append(0x20) }
                guard bytes.contains(where: { $0 >= 0x80 }) else {
                    out.append(contentsOf: bytes)
                    continue
                }
                var hash = FNV1a()
                bytes.forEach { hash.add($0) }
                if let entry = known[hash.value], entry.word.elementsEqual(bytes) {
                    out.append(contentsOf: entry.form)
                } else {
                    let form = Array(VietnameseText.normalizeTonePlacement(String(Substring(bytes))).utf8)
                    if known[hash.value] == nil { known[hash.value] = (Array(bytes), form) }
                    out.append(contentsOf: form)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// One row to index: whose page it is (``rowID(issuedDate:documentRow:page:)``) and
    /// its text as stored.
    struct Entry {
        var rowID: Int
        var text: String
    }

    /// Adds index rows through one prepared statement, and counts the pages that hold
    /// each term in `term_pages`.
    ///
    /// Rows go in in row id order. FTS5 keeps new rows in memory while their ids grow and
    /// writes them out as one segment; a lower id forces a write of its own. Row ids follow
    /// issue dates, which a batch meets in no order, so unsorted bulk loads made thousands
    /// of tiny segments and took twice as long.
    struct Writer {
        private let database: Database
        private let insert: Statement
        private let countTerms: Statement?
        private let lanes: [ExactForms]

        /// - Parameters:
        ///   - lanes: one word cache per thread that may prepare text; more than one
        ///     spreads a large load's text preparation over the cores.
        ///   - countsTerms: false only while migrating an archive that has no term counts yet.
        init(_ database: Database, lanes: [ExactForms] = [ExactForms()], countsTerms: Bool = true) throws {
            self.database = database
            insert = try database.prepare(database.dialect == .sqlite ? "INSERT INTO page_text (rowid, exact, folded) VALUES (?, ?, ?)"
                : "INSERT INTO page_text (rowid, exact, folded, tokens) VALUES (?, CAST(? AS tsvector), CAST(? AS tsvector), ?)")
            countTerms = countsTerms ? try database.prepare("""
                INSERT INTO term_pages (term, pages) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET pages = term_pages.pages + excluded.pages
                """) : nil
            self.lanes = lanes
        }

        func add(_ entries: [Entry]) throws {
            let sorted = entries.sorted { $0.rowID < $1.rowID }
            let texts = sorted.map(\.text)
            var termPages: [UInt64: (term: String, pages: Int)] = [:]
            func insert(_ prepared: Prepared, from start: Int) throws {
                for (offset, forms) in prepared.forms.enumerated() {
                    try self.insert.bind([.int(sorted[start + offset].rowID), .text(forms.exact), .text(forms.folded)]
                        + (forms.tokens.map { [.int($0)] } ?? [])).run()
                }
                termPages.merge(prepared.termPages) { ($0.term, $0.pages + $1.pages) }
            }
            let counting = countTerms != nil, vectors = database.dialect != .sqlite
            if lanes.count > 1, texts.count > Writer.chunkSize {
                // Other threads prepare the text of later chunks while this one inserts:
                // FTS5's own work, on one thread, then hides the preparation.
                let chunks = stride(from: 0, to: texts.count, by: Writer.chunkSize).map { $0..<min($0 + Writer.chunkSize, texts.count) }
                let handOver = HandOver<Prepared>(count: chunks.count)
                let group = DispatchGroup()
                let helpers = Array(lanes.dropFirst())
                for (index, exactForms) in helpers.enumerated() {
                    DispatchQueue.global().async(group: group) {
                        for chunk in stride(from: index, to: chunks.count, by: helpers.count) where !handOver.isCancelled {
                            handOver.put(chunk, Writer.prepare(texts[chunks[chunk]], exactForms, counting: counting, vectors: vectors))
                        }
                    }
                }
                // The helpers use this writer's word caches: they must be done before it returns.
                defer {
                    handOver.cancel()
                    group.wait()
                }
                for (index, range) in chunks.enumerated() {
                    try insert(handOver.take(index), from: range.lowerBound)
                }
            } else {
                try insert(Writer.prepare(texts[...], lanes[0], counting: counting, vectors: vectors), from: 0)
            }
            if let countTerms {
                // In one order on every connection: two workers storing at once on a server
                // otherwise lock the same terms in opposite orders and deadlock.
                for (term, pages) in termPages.values.sorted(by: { $0.term < $1.term }) {
                    try countTerms.bind([.text(term), .int(pages)]).run()
                }
            }
        }

        /// Takes rows out of the index and their pages out of `term_pages`: `entries` must be
        /// the rows' ids and the very text they were added with. `page_text` is contentless, so
        /// FTS5 removes the terms it is told of; the text is prepared as ``add(_:)`` prepared
        /// it, which gives the same terms as long as the indexing rules have not changed — and
        /// a change of them comes with a migration that rebuilds the index (see ``rebuild(_:)``).
        func remove(_ entries: [Entry]) throws {
            let prepared = Writer.prepare(entries.map(\.text)[...], lanes[0], counting: true, vectors: false)
            if database.dialect == .sqlite {
                let delete = try database.prepare("INSERT INTO page_text (page_text, rowid, exact, folded) VALUES ('delete', ?, ?, ?)")
                for (entry, forms) in zip(entries, prepared.forms) {
                    try delete.bind([.int(entry.rowID), .text(forms.exact), .text(forms.folded)]).run()
                }
            } else {
                let delete = try database.prepare("DELETE FROM page_text WHERE rowid = ?")
                for entry in entries { try delete.bind([.int(entry.rowID)]).run() }
            }
            // A term on no page any more leaves FTS5's vocabulary, so it leaves the counts too.
            let uncount = try database.prepare("UPDATE term_pages SET pages = pages - ? WHERE term = ?")
            let drop = try database.prepare("DELETE FROM term_pages WHERE term = ? AND pages <= 0")
            for (term, pages) in prepared.termPages.values.sorted(by: { $0.term < $1.term }) {
                try uncount.bind([.int(pages), .text(term)]).run()
                try drop.bind([.text(term)]).run()
            }
        }

        /// Texts prepared at a time by a helper thread.
        private static let chunkSize = 256

        private struct Prepared: Sendable {
            /// The columns' text; on a server, their tsvector literals and the row's tokens
            /// (``ServerTextIndex/vector(_:)``).
            var forms: [(exact: String, folded: String, tokens: Int?)] = []
            /// Pages per term, by the hash of the term (see ``SearchIndex/forEachTerm(inFolded:_:)``);
            /// a collision of two terms merges their counts, harmless for ranking.
            var termPages: [UInt64: (term: String, pages: Int)] = [:]
        }

        private static func prepare(_ texts: ArraySlice<String>, _ exactForms: ExactForms, counting: Bool, vectors: Bool) -> Prepared {
            var prepared = Prepared()
            prepared.forms.reserveCapacity(texts.count)
            var lastRow: [UInt64: Int] = [:]
            for (row, text) in texts.enumerated() {
                let normalized = VietnameseText.normalize(text)
                let folded = VietnameseText.fold(normalized)
                let exact = exactForms(normalized: normalized)
                if vectors {
                    let exactVector = ServerTextIndex.vector(exact), foldedVector = ServerTextIndex.vector(folded)
                    prepared.forms.append((exactVector.literal, foldedVector.literal, exactVector.tokens + foldedVector.tokens))
                } else {
                    prepared.forms.append((exact, folded, nil))
                }
                guard counting else { continue }
                forEachTerm(inFolded: folded) { hash, bytes in
                    guard lastRow.updateValue(row, forKey: hash) != row else { return }
                    prepared.termPages[hash, default: (String(decoding: bytes, as: UTF8.self), 0)].pages += 1
                }
            }
            return prepared
        }
    }

    /// The terms of folded text as FTS5's unicode61 tokenizer cuts them — runs of letters
    /// and digits, lower case — each given as its UTF-8 bytes and a 64-bit FNV-1a hash of
    /// them, so that counting needs no `String` per word. A term longer than 256 bytes
    /// (OCR noise) is given by its first 256.
    static func forEachTerm(inFolded text: String, _ body: (_ hash: UInt64, _ bytes: UnsafeBufferPointer<UInt8>) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { buffer in
            var count = 0
            var hash = FNV1a()
            func append(_ byte: UInt8) {
                guard count < buffer.count else { return }
                buffer[count] = byte
                count += 1
                hash.add(byte)
            }
            func end() {
                guard count > 0 else { return }
                body(hash.value, UnsafeBufferPointer(rebasing: buffer[..<count]))
                count = 0
                hash = FNV1a()
            }
            for scalar in text.unicodeScalars {
                switch scalar.value {
                case 0x61...0x7A, 0x30...0x39: append(UInt8(scalar.value))
                case 0x41...0x5A: append(UInt8(scalar.value + 32))
                case 0..<0x80: end()
                default:
                    guard scalar.properties.isAlphabetic || scalar.properties.numericType != nil else { end(); continue }
                    for lower in scalar.properties.lowercaseMapping.utf8 { append(lower) }
                }
            }
            end()
        }
    }

    /// 64-bit FNV-1a: a quick hash of UTF-8 bytes for the word tables above.
    struct FNV1a {
        private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

        mutating func add(_ byte: UInt8) {
            value = (value ^ UInt64(byte)) &* 0x100_0000_01b3
        }
    }

    /// Values handed from the threads that make them to the one that uses them, in order.
    private final class HandOver<T: Sendable>: @unchecked Sendable {
        private var slots: [T?]
        private var cancelled = false
        private let condition = NSCondition()

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func put(_ index: Int, _ value: T) {
            condition.withLock {
                slots[index] = value
                condition.broadcast()
            }
        }

        /// Waits for the value at `index` and takes it.
        func take(_ index: Int) -> T {
            condition.withLock {
                while slots[index] == nil { condition.wait() }
                defer { slots[index] = nil }
                return slots[index]!
            }
        }

        /// Tells the makers to stop: the user has given up (an insert failed).
        func cancel() { condition.withLock { cancelled = true } }

        var isCancelled: Bool { condition.withLock { cancelled } }
    }

    /// Indexes every stored page and document again: the migration that introduced
    /// `page_text`, and a copy of an archive (`sohoa migrate`). Should the indexing rules
    /// change, a new migration runs this and refills `term_pages` from `page_text_terms`,
    /// as migration 5 does; with `countingTerms`, the counts are made as rows go in.
    /// - Returns: the index rows written.
    @discardableResult
    static func rebuild(_ database: Database, countingTerms: Bool = false) throws -> Int {
        if database.dialect == .sqlite {
            try database.execute("INSERT INTO page_text (page_text) VALUES ('delete-all')")
        } else {
            try database.execute("DELETE FROM page_text")
        }
        if countingTerms { try database.execute("DELETE FROM term_pages") }
        let writer = try Writer(database, countsTerms: countingTerms)
        var pending: [Entry] = []
        var written = 0
        func add(_ entry: Entry) throws {
            written += 1
            pending.append(entry)
            if pending.count == 10_000 {
                try writer.add(pending)
                pending.removeAll(keepingCapacity: true)
            }
        }
        _ = try database.prepare("""
            SELECT p.number, p.text, d.rowid AS document_row, d.issued_date FROM pages p JOIN documents d ON d.id = p.document_id
            """).rows { row in
                try add(Entry(rowID: rowID(issuedDate: row.optionalText("issued_date"), documentRow: row.int("document_row"),
                                           page: row.int("number")),
                              text: row.text("text")))
            }
        let setKeys = try database.prepare("UPDATE documents SET number_key = ?, agency_key = ? WHERE id = ?")
        _ = try database.prepare("""
            SELECT id, number, subject, agency, agency_parent, signer, place, rowid AS document_row, issued_date FROM documents
            """).rows { row in
            try add(Entry(rowID: rowID(issuedDate: row.optionalText("issued_date"), documentRow: row.int("document_row"), page: 0),
                          text: metadataText(of: row)))
            try setKeys.bind([
                .optional(row.optionalText("number").map(numberKey)), .optional(row.optionalText("agency").map(agencyKey)),
                .text(row.text("id")),
            ]).run()
        }
        try writer.add(pending)
        return written
    }
}
