import Classifier
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
    final class ExactForms {
        private var known: [Substring: Substring] = [:]

        func callAsFunction(_ text: String) -> String {
            if known.count > 500_000 { known.removeAll(keepingCapacity: true) }
            let normalized = VietnameseText.normalize(text)
            var out = ""
            out.reserveCapacity(normalized.utf8.count)
            for bytes in normalized.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }) {
                let word = Substring(bytes)
                if !out.isEmpty { out.append(" ") }
                if bytes.allSatisfy({ $0 < 0x80 }) {
                    out.append(contentsOf: word)
                } else if let form = known[word] {
                    out.append(contentsOf: form)
                } else {
                    let form = Substring(VietnameseText.normalizeTonePlacement(String(word)))
                    known[word] = form
                    out.append(contentsOf: form)
                }
            }
            return out
        }
    }

    /// Adds index rows through one prepared statement.
    struct Writer {
        private let insert: Statement
        private let exactForms: ExactForms

        init(_ database: SQLiteDatabase, exactForms: ExactForms = ExactForms()) throws {
            insert = try database.prepare("INSERT INTO page_text (rowid, exact, folded) VALUES (?, ?, ?)")
            self.exactForms = exactForms
        }

        func add(_ text: String, documentRow: Int, issuedDate: String?, page: Int) throws {
            try insert.bind([
                .int(SearchIndex.rowID(issuedDate: issuedDate, documentRow: documentRow, page: page)),
                .text(exactForms(text)), .text(SearchIndex.folded(text)),
            ]).run()
        }
    }

    /// Indexes every stored page and document again: the migration that introduced
    /// `page_text`, and the way back should the indexing rules change.
    static func rebuild(_ database: SQLiteDatabase) throws {
        try database.execute("INSERT INTO page_text (page_text) VALUES ('delete-all')")
        let writer = try Writer(database)
        _ = try database.prepare("""
            SELECT p.document_id, p.number, p.text, d.rowid, d.issued_date FROM pages p JOIN documents d ON d.id = p.document_id
            """).rows { row in
                try writer.add(row.text(2), documentRow: row.int(3), issuedDate: row.optionalText(4), page: row.int(1))
            }
        let setKeys = try database.prepare("UPDATE documents SET number_key = ?, agency_key = ? WHERE id = ?")
        _ = try database.prepare("""
            SELECT id, number, subject, agency, agency_parent, signer, place, rowid, issued_date FROM documents
            """).rows { row in
            let id = row.text(0)
            try writer.add(metadataText(number: row.optionalText(1), subject: row.optionalText(2), agency: row.optionalText(3),
                                        agencyParent: row.optionalText(4), signer: row.optionalText(5), place: row.optionalText(6)),
                           documentRow: row.int(7), issuedDate: row.optionalText(8), page: 0)
            try setKeys.bind([
                row.optionalText(1).map { .text(numberKey($0)) } ?? .null,
                row.optionalText(3).map { .text(agencyKey($0)) } ?? .null, .text(id),
            ]).run()
        }
    }
}
