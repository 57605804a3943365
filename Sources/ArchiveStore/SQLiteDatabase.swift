import CSQLite
import Foundation

/// A SQLite connection: the only code in sohoa that touches `sqlite3` pointers.
///
/// Not `Sendable`: SQLite connections belong to one thread. Open one per thread; WAL mode
/// lets readers on other connections go on while one writer commits.
final class SQLiteDatabase {
    let handle: OpaquePointer
    /// Statements by their SQL: compiling costs more than running most of them, and the
    /// same few statements run for every page of a batch.
    private var prepared: [String: Statement] = [:]
    /// Lengths of the index rows ranked on this connection (see ``PageLengths``).
    let pageLengths = PageLengths()

    init(path: String) throws {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(path, &db, flags, nil)
        guard let db else { throw SQLiteError(code: SQLITE_NOMEM, message: "out of memory", sql: nil) }
        handle = db
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

    deinit {
        prepared.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that return no rows.
    func execute(_ sql: String) throws {
        guard sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else { throw error(sql: sql) }
    }

    /// The compiled statement for `sql`, compiled once per connection. A statement is reset
    /// before each use, so it must not be used again while its rows are being read.
    func prepare(_ sql: String) throws -> Statement {
        if let statement = prepared[sql] { return statement }
        var compiled: OpaquePointer?
        guard sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &compiled, nil) == SQLITE_OK,
              let compiled else {
            throw error(sql: sql)
        }
        let statement = Statement(compiled, database: self, sql: sql)
        prepared[sql] = statement
        return statement
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction; rolls back if it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    var lastInsertedRowID: Int { Int(sqlite3_last_insert_rowid(handle)) }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changes: Int { Int(sqlite3_changes(handle)) }

    var userVersion: Int {
        get throws { try prepare("PRAGMA user_version").rows { $0.int("user_version") }.first ?? 0 }
    }

    func error(sql: String?) -> SQLiteError {
        SQLiteError(code: sqlite3_extended_errcode(handle) & 0xFF, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }
}

/// A prepared statement; finalised when released.
final class Statement {
    private let statement: OpaquePointer
    /// Unowned: the connection keeps its statements, not the other way round.
    private unowned let database: SQLiteDatabase
    private let sql: String

    fileprivate init(_ statement: OpaquePointer, database: SQLiteDatabase, sql: String) {
        self.statement = statement
        self.database = database
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(statement)
    }

    /// A value that can be bound to a `?` parameter.
    enum Value {
        case int(Int)
        case double(Double)
        case text(String)
        case blob(Data)
        case null
    }

    /// Binds `values` to the parameters in order, replacing earlier bindings.
    @discardableResult
    func bind(_ values: [Value]) throws -> Statement {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32
            switch value {
            case .int(let n): status = sqlite3_bind_int64(statement, index, Int64(n))
            case .double(let d): status = sqlite3_bind_double(statement, index, d)
            case .text(let s): status = sqlite3_bind_text(statement, index, s, -1, SQLiteDatabase.transient)
            case .blob(let data):
                status = data.withUnsafeBytes { bytes in
                    sqlite3_bind_blob(statement, index, bytes.baseAddress, Int32(bytes.count), SQLiteDatabase.transient)
                }
            case .null: status = sqlite3_bind_null(statement, index)
            }
            guard status == SQLITE_OK else { throw database.error(sql: sql) }
        }
        return self
    }

    /// Runs a statement that returns no rows.
    func run() throws {
        defer { sqlite3_reset(statement) }
        let status = sqlite3_step(statement)
        guard status == SQLITE_DONE || status == SQLITE_ROW else { throw database.error(sql: sql) }
    }

    /// Steps through every row, mapping each with `body`.
    func rows<T>(_ body: (Row) throws -> T) throws -> [T] {
        defer { sqlite3_reset(statement) }
        let columns = columnIndexes
        var results: [T] = []
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { return results }
            guard status == SQLITE_ROW else { throw database.error(sql: sql) }
            results.append(try body(Row(statement: statement, columns: columns, sql: sql)))
        }
    }

    /// The result columns by name (`AS` names where the statement gives them), read once
    /// per statement: rows are read by name, so a column added to a `SELECT` cannot shift
    /// the others.
    private lazy var columnIndexes: [String: Int32] = {
        var indexes: [String: Int32] = [:]
        for column in 0..<sqlite3_column_count(statement) {
            guard let name = sqlite3_column_name(statement, column) else { continue }
            indexes[String(cString: name)] = column
        }
        return indexes
    }()

    /// Reads the columns of the current row by name; valid only inside ``rows(_:)``.
    struct Row {
        fileprivate let statement: OpaquePointer
        fileprivate let columns: [String: Int32]
        fileprivate let sql: String

        /// A name the statement does not select is a mistake in sohoa's own SQL, not in the data.
        private func index(_ name: String) -> Int32 {
            guard let index = columns[name] else { preconditionFailure("no column \(name) in: \(sql.prefix(120))") }
            return index
        }

        func isNull(_ name: String) -> Bool { sqlite3_column_type(statement, index(name)) == SQLITE_NULL }
        func int(_ name: String) -> Int { Int(sqlite3_column_int64(statement, index(name))) }
        func double(_ name: String) -> Double { sqlite3_column_double(statement, index(name)) }
        func bool(_ name: String) -> Bool { int(name) != 0 }
        func text(_ name: String) -> String {
            guard let bytes = sqlite3_column_text(statement, index(name)) else { return "" }
            return String(cString: bytes)
        }
        func optionalText(_ name: String) -> String? { isNull(name) ? nil : text(name) }
        func optionalInt(_ name: String) -> Int? { isNull(name) ? nil : int(name) }
        func optionalDouble(_ name: String) -> Double? { isNull(name) ? nil : double(name) }
        func blob(_ name: String) -> Data {
            let column = index(name)
            let count = Int(sqlite3_column_bytes(statement, column))
            guard count > 0, let bytes = sqlite3_column_blob(statement, column) else { return Data() }
            return Data(bytes: bytes, count: count)
        }
    }
}

extension SQLiteDatabase {
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
