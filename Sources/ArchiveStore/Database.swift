import CSQLite
import Foundation

/// A value bound to a `?` parameter, or read from a column, whatever the engine.
public enum SQLValue: Sendable, Equatable {
    case int(Int)
    case double(Double)
    case text(String)
    case blob(Data)
    case null
}

/// A database server the archive's SQL can run on instead of SQLite: PostgreSQL, which the
/// `PostgresArchive` module connects to. The archive hands it one statement at a time,
/// written with `?` parameters; where the two engines' SQL differs, the archive asks its
/// ``Database/dialect`` and writes the server's own.
public protocol SQLServer: AnyObject {
    /// Runs one statement that returns no rows; returns how many rows it changed.
    func execute(_ sql: String, _ values: [SQLValue]) throws -> Int
    /// Runs one statement and returns its columns' names and its rows, in order.
    func query(_ sql: String, _ values: [SQLValue]) throws -> (columns: [String], rows: [[SQLValue]])
    /// Whether `error` says the server went away (a restart, a cut network): the open
    /// transaction is lost, and the next statement opens a new connection.
    func isConnectionLost(_ error: any Error) -> Bool
}

/// Whose SQL a statement must be written in, where SQLite's and PostgreSQL's differ.
enum SQLDialect {
    case sqlite
    case postgresql
}

/// The connection the archive's SQL runs on: the only code in sohoa that touches `sqlite3`
/// pointers, or a ``SQLServer``.
///
/// Not `Sendable`: a connection belongs to one thread. Open one per thread; SQLite's WAL
/// mode lets readers on other connections go on while one writer commits.
final class Database {
    private enum Engine {
        case sqlite(OpaquePointer)
        case server(any SQLServer)
    }

    private let engine: Engine
    /// Statements by their SQL: compiling costs more than running most of them, and the
    /// same few statements run for every page of a batch.
    private var prepared: [String: Statement] = [:]
    /// Lengths of the index rows ranked on this connection (see ``PageLengths``).
    let pageLengths = PageLengths()
    /// Rows a server said the last statement changed.
    fileprivate var serverChanges = 0

    var dialect: SQLDialect {
        if case .server = engine { return .postgresql }
        return .sqlite
    }

    /// The SQLite connection; only SQLite's own features (FTS5, PRAGMA) ask for it.
    var handle: OpaquePointer {
        guard case .sqlite(let handle) = engine else { preconditionFailure("a SQLite feature asked of a server connection") }
        return handle
    }

    init(path: String) throws {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(path, &db, flags, nil)
        guard let db else { throw SQLiteError(code: SQLITE_NOMEM, message: "out of memory", sql: nil) }
        engine = .sqlite(db)
        guard status == SQLITE_OK else { throw error(sql: nil) }
        sqlite3_busy_timeout(db, 10_000)
        // 8 KiB pages hold three page texts where 4 KiB held one (database −23% at 20,000
        // documents, −14% at 100,000); the size applies to a new database only. 64 MiB of
        // cache (the default is 2) took search p95 at 100,000 documents from 55 to 37 ms;
        // WAL checkpoints every 128 MiB rather than 4 MiB made bulk indexing 13% faster.
        try execute("""
            PRAGMA page_size = 8192; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;
            PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 16384;
            """)
        try registerRanking()
    }

    init(server: any SQLServer) {
        engine = .server(server)
    }

    deinit {
        prepared.removeAll()
        if case .sqlite(let handle) = engine { sqlite3_close_v2(handle) }
    }

    /// Runs statements that return no rows: several at once on SQLite, one on a server.
    func execute(_ sql: String) throws {
        switch engine {
        case .sqlite(let handle):
            guard sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else { throw error(sql: sql) }
        case .server(let server):
            serverChanges = try server.execute(sql, [])
        }
    }

    /// The compiled statement for `sql`, compiled once per connection. A statement is reset
    /// before each use, so it must not be used again while its rows are being read.
    func prepare(_ sql: String) throws -> Statement {
        if let statement = prepared[sql] { return statement }
        let statement: Statement
        switch engine {
        case .sqlite(let handle):
            var compiled: OpaquePointer?
            guard sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &compiled, nil) == SQLITE_OK,
                  let compiled else {
                throw error(sql: sql)
            }
            statement = Statement(.sqlite(compiled), database: self, sql: sql)
        case .server(let server):
            statement = Statement(.server(server), database: self, sql: sql)
        }
        prepared[sql] = statement
        return statement
    }

    /// Runs `body` in one transaction that writes from its start (SQLite's `BEGIN
    /// IMMEDIATE`); rolls back if it throws.
    ///
    /// On a server, a transaction cut by the server going away (a restart) is run again
    /// from its start once the connection is back, up to ``serverRetries`` times: the server
    /// kept none of it, and every body keeps its state inside itself. So a batch goes on
    /// through a restart instead of stopping.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        var cuts = 0
        while true {
            do {
                try execute(dialect == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN")
                do {
                    let result = try body()
                    try execute("COMMIT")
                    return result
                } catch {
                    if !isConnectionLost(error) { try? execute("ROLLBACK") }
                    throw error
                }
            } catch where isConnectionLost(error) && cuts < Database.serverRetries {
                cuts += 1
            }
        }
    }

    /// How often a transaction cut by a lost server connection is run again.
    static let serverRetries = 3

    /// Whether `error` is a server connection that went away (never on SQLite).
    func isConnectionLost(_ error: any Error) -> Bool {
        guard case .server(let server) = engine else { return false }
        return server.isConnectionLost(error)
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changes: Int {
        switch engine {
        case .sqlite(let handle): Int(sqlite3_changes(handle))
        case .server: serverChanges
        }
    }

    var userVersion: Int {
        get throws { try prepare("PRAGMA user_version").rows { $0.int("user_version") }.first ?? 0 }
    }

    func error(sql: String?) -> SQLiteError {
        SQLiteError(code: sqlite3_extended_errcode(handle) & 0xFF, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }
}

/// A prepared statement; finalised when released.
final class Statement {
    fileprivate enum Engine {
        case sqlite(OpaquePointer)
        case server(any SQLServer)
    }

    private let engine: Engine
    /// Unowned: the connection keeps its statements, not the other way round.
    private unowned let database: Database
    private let sql: String
    /// What a server statement is run with (SQLite keeps its bindings itself).
    private var values: [Value] = []

    fileprivate init(_ engine: Engine, database: Database, sql: String) {
        self.engine = engine
        self.database = database
        self.sql = sql
    }

    deinit {
        if case .sqlite(let statement) = engine { sqlite3_finalize(statement) }
    }

    typealias Value = SQLValue

    /// Binds `values` to the parameters in order, replacing earlier bindings.
    @discardableResult
    func bind(_ values: [Value]) throws -> Statement {
        guard case .sqlite(let statement) = engine else {
            self.values = values
            return self
        }
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32
            switch value {
            case .int(let n): status = sqlite3_bind_int64(statement, index, Int64(n))
            case .double(let d): status = sqlite3_bind_double(statement, index, d)
            case .text(let s): status = sqlite3_bind_text(statement, index, s, -1, Database.transient)
            case .blob(let data):
                status = data.withUnsafeBytes { bytes in
                    sqlite3_bind_blob(statement, index, bytes.baseAddress, Int32(bytes.count), Database.transient)
                }
            case .null: status = sqlite3_bind_null(statement, index)
            }
            guard status == SQLITE_OK else { throw database.error(sql: sql) }
        }
        return self
    }

    /// Runs a statement that returns no rows.
    func run() throws {
        switch engine {
        case .sqlite(let statement):
            defer { sqlite3_reset(statement) }
            let status = sqlite3_step(statement)
            guard status == SQLITE_DONE || status == SQLITE_ROW else { throw database.error(sql: sql) }
        case .server(let server):
            database.serverChanges = try server.execute(sql, values)
        }
    }

    /// Steps through every row, mapping each with `body`.
    func rows<T>(_ body: (Row) throws -> T) throws -> [T] {
        switch engine {
        case .sqlite(let statement):
            defer { sqlite3_reset(statement) }
            let columns = sqliteColumns
            var results: [T] = []
            while true {
                let status = sqlite3_step(statement)
                if status == SQLITE_DONE { return results }
                guard status == SQLITE_ROW else { throw database.error(sql: sql) }
                results.append(try body(Row(.sqlite(statement, columns), sql: sql)))
            }
        case .server(let server):
            let answer = try server.query(sql, values)
            let columns = Dictionary(answer.columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            return try answer.rows.map { try body(Row(.values(columns, $0), sql: sql)) }
        }
    }

    /// The result columns by name (`AS` names where the statement gives them), read once
    /// per statement: rows are read by name, so a column added to a `SELECT` cannot shift
    /// the others.
    private lazy var sqliteColumns: [String: Int32] = {
        guard case .sqlite(let statement) = engine else { return [:] }
        var indexes: [String: Int32] = [:]
        for column in 0..<sqlite3_column_count(statement) {
            guard let name = sqlite3_column_name(statement, column) else { continue }
            indexes[String(cString: name)] = column
        }
        return indexes
    }()

    /// Reads the columns of the current row by name; valid only inside ``rows(_:)``.
    /// Values convert as SQLite converts them, whichever engine they came from: an integer
    /// column read as text gives its digits, a text read as a number its leading number.
    struct Row {
        fileprivate enum Cells {
            case sqlite(OpaquePointer, [String: Int32])
            case values([String: Int], [Value])
        }

        private let cells: Cells
        private let sql: String

        fileprivate init(_ cells: Cells, sql: String) {
            self.cells = cells
            self.sql = sql
        }

        /// A name the statement does not select is a mistake in sohoa's own SQL, not in the data.
        private func missing(_ name: String) -> Never {
            preconditionFailure("no column \(name) in: \(sql.prefix(120))")
        }

        private func serverValue(_ name: String) -> Value {
            guard case .values(let columns, let values) = cells else { preconditionFailure("not a server row") }
            guard let index = columns[name] else { missing(name) }
            return values[index]
        }

        /// The column as the engine holds it, whatever its type: for copying rows as they are.
        func value(_ name: String) -> Value {
            guard let (statement, index) = column(name) else { return serverValue(name) }
            switch sqlite3_column_type(statement, index) {
            case SQLITE_INTEGER: return .int(int(name))
            case SQLITE_FLOAT: return .double(double(name))
            case SQLITE_TEXT: return .text(text(name))
            case SQLITE_BLOB: return .blob(blob(name))
            default: return .null
            }
        }

        private func column(_ name: String) -> (OpaquePointer, Int32)? {
            guard case .sqlite(let statement, let columns) = cells else { return nil }
            guard let index = columns[name] else { missing(name) }
            return (statement, index)
        }

        func isNull(_ name: String) -> Bool {
            if let (statement, index) = column(name) { return sqlite3_column_type(statement, index) == SQLITE_NULL }
            return serverValue(name) == .null
        }

        func int(_ name: String) -> Int {
            if let (statement, index) = column(name) { return Int(sqlite3_column_int64(statement, index)) }
            switch serverValue(name) {
            case .int(let n): return n
            case .double(let d): return Int(d)
            case .text(let s): return Int(s.prefix { $0.isNumber || $0 == "-" }) ?? 0
            case .blob, .null: return 0
            }
        }

        func double(_ name: String) -> Double {
            if let (statement, index) = column(name) { return sqlite3_column_double(statement, index) }
            switch serverValue(name) {
            case .int(let n): return Double(n)
            case .double(let d): return d
            case .text(let s): return Double(s) ?? 0
            case .blob, .null: return 0
            }
        }

        func bool(_ name: String) -> Bool { int(name) != 0 }

        func text(_ name: String) -> String {
            if let (statement, index) = column(name) {
                guard let bytes = sqlite3_column_text(statement, index) else { return "" }
                return String(cString: bytes)
            }
            switch serverValue(name) {
            case .int(let n): return String(n)
            case .double(let d): return String(d)
            case .text(let s): return s
            case .blob(let data): return String(decoding: data, as: UTF8.self)
            case .null: return ""
            }
        }

        func optionalText(_ name: String) -> String? { isNull(name) ? nil : text(name) }
        func optionalInt(_ name: String) -> Int? { isNull(name) ? nil : int(name) }
        func optionalDouble(_ name: String) -> Double? { isNull(name) ? nil : double(name) }

        func blob(_ name: String) -> Data {
            if let (statement, index) = column(name) {
                let count = Int(sqlite3_column_bytes(statement, index))
                guard count > 0, let bytes = sqlite3_column_blob(statement, index) else { return Data() }
                return Data(bytes: bytes, count: count)
            }
            switch serverValue(name) {
            case .blob(let data): return data
            case .text(let s): return Data(s.utf8)
            default: return Data()
            }
        }
    }
}

extension Database {
    /// SQLite's `SQLITE_TRANSIENT` is a macro Swift cannot import: SQLite copies the bytes.
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// A failed SQLite call, with SQLite's message and the statement that failed.
public struct SQLiteError: Error, CustomStringConvertible {
    /// SQLite's primary result code (`SQLITE_FULL`, `SQLITE_BUSY`, …).
    public var code: Int32
    public var message: String
    public var sql: String?

    /// The disk is full or failing: the batch must stop rather than fail every input after it.
    public var isStorageFailure: Bool { code == SQLITE_FULL || code == SQLITE_IOERR }

    public var description: String {
        sql.map { "SQLite: \(message) (in: \($0.prefix(120)))" } ?? "SQLite: \(message)"
    }
}

/// The few things SQLite and PostgreSQL spell differently, as SQL fragments, so that a
/// statement is written once with the engine's words put in.
extension SQLDialect {
    /// Where `part` first occurs in `text`, from 1; 0 when it does not.
    func position(of part: String, in text: String) -> String {
        self == .sqlite ? "instr(\(text), \(part))" : "strpos(\(text), \(part))"
    }

    /// The last `length` characters of `text`.
    func suffix(of text: String, length: String) -> String {
        self == .sqlite ? "substr(\(text), -\(length))" : "right(\(text), CAST(\(length) AS integer))"
    }

    /// `column` equals the parameter, NULL equal to NULL.
    func isSame(_ column: String) -> String { same(column, "?") }

    /// `left` equals `right`, NULL equal to NULL.
    func same(_ left: String, _ right: String) -> String {
        self == .sqlite ? "\(left) IS \(right)" : "\(left) IS NOT DISTINCT FROM \(right)"
    }

    /// The length of a JSON array held as text.
    func jsonArrayLength(_ column: String) -> String {
        self == .sqlite ? "json_array_length(\(column))" : "json_array_length(CAST(\(column) AS json))"
    }

    /// Whether a JSON array held as text has the parameter among its (text) elements.
    func jsonArrayContainsParameter(_ column: String) -> String {
        self == .sqlite ? "EXISTS (SELECT 1 FROM json_each(\(column)) f WHERE f.value = ?)"
            : "EXISTS (SELECT 1 FROM json_array_elements_text(CAST(\(column) AS json)) f(value) WHERE f.value = ?)"
    }

    /// The least value of a JSON object of numbers held as text; NULL when it is empty.
    func jsonObjectMinimum(_ column: String) -> String {
        self == .sqlite ? "(SELECT min(value) FROM json_each(\(column)))"
            : "(SELECT min(CAST(value AS double precision)) FROM json_each_text(CAST(\(column) AS json)))"
    }

    /// A JSON object held as text, merged with the JSON object in `patch` (RFC 7396: a
    /// key set to null is removed).
    func jsonMergePatch(_ column: String, _ patch: String) -> String {
        self == .sqlite ? "json_patch(\(column), \(patch))"
            : "CAST(jsonb_strip_nulls(CAST(\(column) AS jsonb) || CAST(\(patch) AS jsonb)) AS text)"
    }

    /// The elements of a JSON array of integers held as text, as rows of `value`.
    func jsonIntegers(_ parameter: String) -> String {
        self == .sqlite ? "SELECT value FROM json_each(\(parameter))"
            : "SELECT CAST(value AS integer) FROM json_array_elements_text(CAST(\(parameter) AS json)) f(value)"
    }

    /// Seconds from the time in `earlier` to the time in `later`, both as the archive
    /// writes times (``Archive/now()``).
    func secondsBetween(_ earlier: String, _ later: String) -> String {
        self == .sqlite ? "((julianday(\(later)) - julianday(\(earlier))) * 86400)"
            : "extract(epoch from (CAST(\(later) AS timestamptz) - CAST(\(earlier) AS timestamptz)))"
    }
}
