import Foundation

/// What filters and facet counts read of each document — type, legal form, agency, issue
/// date, secrecy, urgency, review flag, box and hồ sơ — held in memory by row of `documents`.
///
/// Counting the documents of a few thousand matching pages by joining `documents` costs a
/// B-tree lookup each, about a microsecond, and grouping their texts as much again: 15 ms
/// of a search at 100,000 documents. Read from here, the same counts take well under one.
///
/// Each column keeps its distinct texts once and each document a small code per column, so
/// 100,000 documents take a few megabytes. The facts follow the archive's
/// ``Archive/ChangeStamp``: documents are only ever added (new rows are read), and every
/// change to a stored document's values writes a correction (the documents corrected since
/// are read again).
///
/// Hits are never chosen on these facts alone: each is confirmed against `documents` by
/// ``FilterSQL`` as it is read (see ``Archive/search(_:)``), so a value changed a moment
/// ago cannot show a document to someone it is now closed to.
final class DocumentFacts: @unchecked Sendable {
    /// The columns kept, each as its text in `documents` (see ``read(_:where:_:)``).
    enum Column: Int, CaseIterable {
        case docType, legalForm, agency, agencyKey, year, issuedDate, secrecy, urgency, needsReview, box, hoSo
    }

    /// The facts at one moment; a value, so a search reads it without holding a lock.
    struct Snapshot: Sendable {
        /// Per column, code to text.
        fileprivate(set) var values: [[String]] = Column.allCases.map { _ in [] }
        /// Per column, row to code; -1 where the column is NULL.
        fileprivate(set) var codes: [[Int32]] = Column.allCases.map { _ in [] }
        /// Rows that hold a document.
        fileprivate(set) var present: [Bool] = []

        func code(_ column: Column, _ row: Int) -> Int32 { codes[column.rawValue][row] }
        func text(_ column: Column, _ code: Int32) -> String { values[column.rawValue][Int(code)] }

        /// Whether `row` holds a document these facts know.
        func holds(_ row: Int) -> Bool { row >= 0 && row < present.count && present[row] }

        var rows: some Sequence<Int> { present.indices.lazy.filter { present[$0] } }
    }

    private let lock = NSLock()
    private var facts = Snapshot()
    private var known: [[String: Int32]] = Column.allCases.map { _ in [:] }
    private var newestRow = 0
    private var newestCorrection = 0

    /// The facts of every document stored by `stamp` (and perhaps a few since).
    func snapshot(of database: Database, at stamp: Archive.ChangeStamp) throws -> Snapshot {
        try lock.withLock {
            if stamp.newestDocument > newestRow {
                try read(database, where: "rowid > ?", [.int(newestRow)])
            }
            if stamp.newestCorrection > newestCorrection {
                try read(database, where: """
                    rowid IN (SELECT d.rowid FROM corrections c JOIN documents d ON d.id = c.document_id WHERE c.id > ?)
                    """, [.int(newestCorrection)])
                newestCorrection = stamp.newestCorrection
            }
            return facts
        }
    }

    /// Reads the documents `condition` selects, replacing what was known of them.
    private func read(_ database: Database, where condition: String, _ values: [Statement.Value]) throws {
        _ = try database.prepare("""
            SELECT rowid AS row, doc_type, legal_form, agency, agency_key, substr(issued_date, 1, 4) AS year, issued_date,
                   secrecy, urgency, CASE needs_review WHEN 1 THEN 'true' WHEN 0 THEN 'false' END AS needs_review, box, ho_so
            FROM documents WHERE \(condition)
            """).bind(values).rows { row in
                let number = row.int("row")
                if number >= facts.present.count {
                    let grown = number + 1 - facts.present.count
                    facts.present += repeatElement(false, count: grown)
                    for column in Column.allCases { facts.codes[column.rawValue] += repeatElement(-1, count: grown) }
                }
                facts.present[number] = true
                for column in Column.allCases {
                    facts.codes[column.rawValue][number] = intern(row.optionalText(column.name), in: column)
                }
                newestRow = max(newestRow, number)
            }
    }

    private func intern(_ text: String?, in column: Column) -> Int32 {
        guard let text else { return -1 }
        if let code = known[column.rawValue][text] { return code }
        let code = Int32(facts.values[column.rawValue].count)
        facts.values[column.rawValue].append(text)
        known[column.rawValue][text] = code
        return code
    }
}

extension DocumentFacts.Column {
    /// The column's name as ``DocumentFacts`` selects it, and as facets are named.
    var name: String {
        switch self {
        case .docType: "doc_type"
        case .legalForm: "legal_form"
        case .agency: "agency"
        case .agencyKey: "agency_key"
        case .year: "year"
        case .issuedDate: "issued_date"
        case .secrecy: "secrecy"
        case .urgency: "urgency"
        case .needsReview: "needs_review"
        case .box: "box"
        case .hoSo: "ho_so"
        }
    }
}
