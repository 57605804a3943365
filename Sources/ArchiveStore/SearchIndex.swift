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

    /// Adds index rows through one prepared statement.
    struct Writer {
        private let insert: Statement

        init(_ database: SQLiteDatabase) throws {
            insert = try database.prepare("INSERT INTO page_text (exact, folded, document_id, page) VALUES (?, ?, ?, ?)")
        }

        func add(_ text: String, documentID: String, page: Int) throws {
            try insert.bind([.text(SearchIndex.exact(text)), .text(SearchIndex.folded(text)), .text(documentID), .int(page)]).run()
        }
    }

    /// Indexes every stored page and document again: the migration that introduced
    /// `page_text`, and the way back should the indexing rules change.
    static func rebuild(_ database: SQLiteDatabase) throws {
        try database.execute("DELETE FROM page_text")
        let writer = try Writer(database)
        _ = try database.prepare("SELECT document_id, number, text FROM pages").rows { row in
            try writer.add(row.text(2), documentID: row.text(0), page: row.int(1))
        }
        let setKeys = try database.prepare("UPDATE documents SET number_key = ?, agency_key = ? WHERE id = ?")
        _ = try database.prepare("SELECT id, number, subject, agency, agency_parent, signer, place FROM documents").rows { row in
            let id = row.text(0)
            try writer.add(metadataText(number: row.optionalText(1), subject: row.optionalText(2), agency: row.optionalText(3),
                                        agencyParent: row.optionalText(4), signer: row.optionalText(5), place: row.optionalText(6)),
                           documentID: id, page: 0)
            try setKeys.bind([
                row.optionalText(1).map { .text(numberKey($0)) } ?? .null,
                row.optionalText(3).map { .text(agencyKey($0)) } ?? .null, .text(id),
            ]).run()
        }
    }
}
