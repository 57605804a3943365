import DocumentModel
import Foundation

/// A document number named by a query: its serial, and the year and symbol when given.
/// Analysts search by number first, and a number is no words: FTS5 would cut it apart,
/// so it is looked up on `documents.number_key` instead.
struct NumberPattern: Equatable {
    var serial: String
    var year: String?
    /// Folded, upper case: `QD-TTG`.
    var symbol: String?

    /// A range on `documents.number_key` (served by its index: "/" sorts just before
    /// "0"), narrowed by year and symbol.
    func sql(_ dialect: SQLDialect) -> (sql: String, values: [Statement.Value]) {
        var sql = "number_key >= ? AND number_key < ?"
        var values: [Statement.Value] = [.text(serial + "/"), .text(serial + "0")]
        if let year {
            sql += " AND \(dialect.position(of: "?", in: "number_key")) = 1"
            values.append(.text("\(serial)/\(year)/"))
        }
        if let symbol {
            sql += " AND \(dialect.suffix(of: "number_key", length: "?")) = ?"
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

extension Archive {
    /// Ids of the documents whose own number the query names.
    func documents(bearing number: NumberPattern, filter: FilterSQL, limit: Int) throws -> [DocumentID] {
        let condition = number.sql(database.dialect)
        return try database.prepare("""
            SELECT d.id FROM documents d WHERE \(condition.sql) AND \(filter.sql) ORDER BY d.issued_date DESC LIMIT ?
            """).bind(condition.values + filter.values + [.int(limit)]).rows { $0.documentID("id") }
    }
}
