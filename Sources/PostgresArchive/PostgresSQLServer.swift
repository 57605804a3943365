import ArchiveStore
import Foundation

/// The archive's SQL on PostgreSQL: `?` parameters become `$n`, and values cross as the
/// archive's ``SQLValue``s, converted by their PostgreSQL type.
final class PostgresSQLServer: SQLServer {
    let link: PostgresLink
    /// Statements translated once: the same few run for every page and document.
    private var translated: [String: String] = [:]

    init(link: PostgresLink) {
        self.link = link
    }

    func execute(_ sql: String, _ values: [SQLValue]) throws -> Int {
        try again { try link.execute(translate(sql), values.map(Self.bindable)) }
    }

    func query(_ sql: String, _ values: [SQLValue]) throws -> (columns: [String], rows: [[SQLValue]]) {
        try again { try link.cells(translate(sql), values.map(Self.bindable)) }
    }

    func isConnectionLost(_ error: any Error) -> Bool {
        (error as? PostgresFailure)?.isConnectionLost == true
    }

    /// Runs a statement; one outside a transaction whose connection was lost runs once
    /// more on a new one (the link waits for the server to come back). Inside a
    /// transaction the loss is the transaction's, which the archive runs again whole.
    private func again<T>(_ statement: () throws -> T) throws -> T {
        let alone = !link.isInTransaction
        do {
            return try statement()
        } catch let failure as PostgresFailure where failure.isConnectionLost && alone {
            return try statement()
        }
    }

    private func translate(_ sql: String) -> String {
        if let done = translated[sql] { return done }
        let done = Self.numberingParameters(sql)
        translated[sql] = done
        return done
    }

    /// `?` as `$1`, `$2`… in order, and `?N` as `$N`; nothing inside quotes is touched.
    static func numberingParameters(_ sql: String) -> String {
        var result = ""
        result.reserveCapacity(sql.utf8.count + 16)
        var next = 1
        var quote: Character?
        var characters = sql.makeIterator()
        var pending: Character? = characters.next()
        while let character = pending {
            pending = characters.next()
            if let open = quote {
                result.append(character)
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "'", "\"":
                quote = character
                result.append(character)
            case "?":
                var digits = ""
                while let digit = pending, digit.isASCII, digit.isNumber {
                    digits.append(digit)
                    pending = characters.next()
                }
                if digits.isEmpty {
                    result += "$\(next)"
                    next += 1
                } else {
                    result += "$" + digits
                }
            default:
                result.append(character)
            }
        }
        return result
    }

    private static func bindable(_ value: SQLValue) -> PostgresLink.Value {
        switch value {
        case .int(let n): .int(n)
        case .double(let d): .double(d)
        case .text(let s): .text(s)
        case .blob(let data): .bytes(data)
        case .null: .null
        }
    }
}
