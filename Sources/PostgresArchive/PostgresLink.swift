import ArchiveStore
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// A connection to a PostgreSQL server: the only code in sohoa that touches postgres-nio.
///
/// sohoa's stages are threads, not tasks, so each call waits for its answer; use a link
/// from one thread at a time (it is not `Sendable`), and open one per thread, as with
/// SQLite. A link whose server went away (a restart, a cut cable) opens itself again on
/// the next call, waiting up to a minute for it; the statement that was running
/// fails with ``PostgresFailure/isConnectionLost``, and repeating its transaction is the
/// caller's choice, since only the caller knows whether it is safe. Never inside a
/// transaction: once the connection of an open transaction is lost, every statement
/// fails so until `ROLLBACK` or a new `BEGIN`, so that no later statement of it runs,
/// alone, on a new connection.
public final class PostgresLink {
    public let address: PostgresAddress
    /// How long a call waits for a server that is not answering before it gives up: a
    /// restart takes seconds, a machine's reboot about a minute.
    private static let reconnectPatience: TimeInterval = 60
    private var connection: PostgresConnection?
    private var nextConnectionID = 1
    private var transaction = TransactionState.none

    private enum TransactionState {
        case none
        case open
        /// The connection went away with the transaction: the server kept none of it.
        case lost
    }

    /// Whether a transaction is open (or was, until its connection was lost).
    public var isInTransaction: Bool { transaction != .none }
    private let logger: Logger

    /// Opens a connection, or fails with the server's reason (wrong password, no such
    /// database) or with the address it could not reach.
    public init(_ address: PostgresAddress) throws {
        self.address = address
        var logger = Logger(label: "sohoa.postgres")
        logger.logLevel = .critical
        self.logger = logger
        connection = try connect()
    }

    deinit {
        try? connection?.close().wait()
    }

    /// A value bound to a `$n` parameter.
    public enum Value {
        case int(Int)
        case double(Double)
        case text(String)
        case bytes(Data)
        case null
    }

    /// Runs a statement; returns how many rows it changed (0 when it says nothing).
    @discardableResult
    public func execute(_ sql: String, _ values: [Value] = []) throws -> Int {
        try run(sql, values).metadata.rows ?? 0
    }

    /// Runs a statement and maps each row it returns with `body`.
    public func rows<T>(_ sql: String, _ values: [Value] = [], _ body: (Row) throws -> T) throws -> [T] {
        try run(sql, values).rows.map { try body(Row($0.makeRandomAccess())) }
    }

    /// Runs a statement and returns its columns' names and every cell as an ``SQLValue``:
    /// integers, numbers, text (JSON included), bytes and booleans (as 0 or 1), as the
    /// archive's shared SQL reads them.
    public func cells(_ sql: String, _ values: [Value] = []) throws -> (columns: [String], rows: [[SQLValue]]) {
        let result = try run(sql, values)
        guard let first = result.rows.first else { return ([], []) }
        let columns = first.map(\.columnName)
        let rows = try result.rows.map { row in try row.map(Self.cellValue) }
        return (columns, rows)
    }

    private static func cellValue(_ cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8, .oid: return .int(try cell.decode(Int.self))
        case .float4, .float8: return .double(try cell.decode(Double.self))
        case .numeric:
            let decimal = try cell.decode(Decimal.self)
            let number = NSDecimalNumber(decimal: decimal)
            return decimal == Decimal(number.intValue) ? .int(number.intValue) : .double(number.doubleValue)
        case .bool: return .int(try cell.decode(Bool.self) ? 1 : 0)
        case .bytea:
            var buffer = try cell.decode(ByteBuffer.self)
            return .blob(buffer.readData(length: buffer.readableBytes) ?? Data())
        case .timestamptz, .timestamp:
            return .text(Archive.timestamp(try cell.decode(Date.self)))
        default:
            return .text(try cell.decode(String.self))
        }
    }

    /// Runs `body` in one transaction; rolls back if it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            if connection != nil { _ = try? execute("ROLLBACK") }
            throw error
        }
    }

    private func run(_ sql: String, _ values: [Value]) throws -> PostgresQueryResult {
        // Only BEGIN, COMMIT and ROLLBACK move the transaction's state; every other
        // statement is longer, and is not upper-cased on its way (once per page and row).
        let command = sql.utf8.count <= 8 ? sql.uppercased() : ""
        switch (command, transaction) {
        case ("BEGIN", .lost), ("ROLLBACK", .lost):
            // A ROLLBACK on a new connection only warns that no transaction is open.
            transaction = .none
        case (_, .lost):
            if command == "COMMIT" { transaction = .none }
            throw PostgresFailure(message: "the connection to the server was lost during a transaction", connectionLost: true)
        default:
            break
        }
        let result = try send(sql, values)
        switch command {
        case "BEGIN": transaction = .open
        case "COMMIT", "ROLLBACK": transaction = .none
        default: break
        }
        return result
    }

    private func send(_ sql: String, _ values: [Value]) throws -> PostgresQueryResult {
        let live: PostgresConnection
        do {
            live = try liveConnection()
        } catch let failure as PostgresFailure where failure.isConnectionLost && transaction == .open {
            transaction = .lost
            throw failure
        }
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .int(let n): binds.append(n)
            case .double(let d): binds.append(d)
            case .text(let s): binds.append(s)
            case .bytes(let data): binds.append(ByteBuffer(bytes: data))
            case .null: binds.appendNull()
            }
        }
        do {
            return try live.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).wait()
        } catch {
            let failure = PostgresFailure(error, sql: sql)
            if failure.isConnectionLost {
                try? live.close().wait()
                connection = nil
                if transaction == .open { transaction = .lost }
            }
            throw failure
        }
    }

    private func liveConnection() throws -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        connection = nil
        if transaction == .open {
            throw PostgresFailure(message: "the connection to the server was lost during a transaction", connectionLost: true)
        }
        let deadline = Date().addingTimeInterval(Self.reconnectPatience)
        while true {
            do {
                let fresh = try connect()
                connection = fresh
                return fresh
            } catch let failure as PostgresFailure where failure.isConnectionLost && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.25)
            }
        }
    }

    private func connect() throws -> PostgresConnection {
        let configuration: PostgresConnection.Configuration
        // As psql does: an address without a password takes PGPASSWORD's, so that the
        // password need not be on a command line.
        let password = address.password ?? ProcessInfo.processInfo.environment["PGPASSWORD"]
        switch address.endpoint {
        case .tcp(let host, let port):
            configuration = .init(host: host, port: port, username: address.user, password: password,
                                  database: address.database, tls: .disable)
        case .unixSocket:
            configuration = .init(unixSocketPath: address.socketPath ?? "", username: address.user,
                                  password: password, database: address.database)
        }
        nextConnectionID += 1
        do {
            return try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration,
                                                  id: nextConnectionID, logger: logger).wait()
        } catch {
            throw PostgresFailure(error, sql: nil, address: address)
        }
    }

    /// The columns of one row, read by name.
    public struct Row {
        private let row: PostgresRandomAccessRow

        init(_ row: PostgresRandomAccessRow) { self.row = row }

        public func isNull(_ name: String) -> Bool { row[name].bytes == nil }
        public func int(_ name: String) throws -> Int { try row[name].decode(Int.self) }
        public func bool(_ name: String) throws -> Bool { try row[name].decode(Bool.self) }
        public func text(_ name: String) throws -> String { try row[name].decode(String.self) }
        public func date(_ name: String) throws -> Date { try row[name].decode(Date.self) }
        public func optionalInt(_ name: String) throws -> Int? { isNull(name) ? nil : try int(name) }
        public func optionalText(_ name: String) throws -> String? { isNull(name) ? nil : try text(name) }
    }
}

/// A failed PostgreSQL call: the server's SQLSTATE and message, or the connection's trouble.
public struct PostgresFailure: Error, CustomStringConvertible {
    /// The five-character SQLSTATE when the server answered (`23505` for a unique violation).
    public var sqlState: String?
    public var message: String
    public var sql: String?
    /// The server was not reachable, went away, or is shutting down: a new connection may
    /// succeed where this one failed.
    public var isConnectionLost: Bool

    /// A failure sohoa itself finds in what the server holds, or in the connection.
    init(message: String, connectionLost: Bool = false) {
        sqlState = nil
        self.message = message
        sql = nil
        isConnectionLost = connectionLost
    }

    init(_ error: any Error, sql: String?, address: PostgresAddress? = nil) {
        self.sql = sql
        guard let psql = error as? PSQLError else {
            sqlState = nil
            message = address.map { "cannot reach \($0): \(error)" } ?? "\(error)"
            isConnectionLost = true
            return
        }
        // postgres-nio nests errors (a query's error holding the connection's); the server's
        // answer, or else the codes of the chain, say what happened without the query's values.
        var chain = [psql]
        while let inner = chain.last?.underlying as? PSQLError, chain.count < 4 { chain.append(inner) }
        let answered = chain.first { $0.serverInfo?[.sqlState] != nil }
        let state = answered?.serverInfo?[.sqlState]
        sqlState = state
        let codes = chain.map { "\($0.code)" }.joined(separator: ", ")
        let detail = answered?.serverInfo?[.message] ?? chain.compactMap { $0.underlying.map { "\($0)" } }.first { !($0.hasPrefix("PSQLError")) }
        message = address.map { "cannot reach \($0): \(detail ?? codes)" } ?? (detail ?? codes)
        // Class 08 is connection exceptions, 57P01–57P03 the server shutting down or starting.
        let stateSaysLost = state.map { $0.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains($0) } ?? false
        let lostCodes: [PSQLError.Code] = [.serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown]
        isConnectionLost = stateSaysLost || chain.contains { lostCodes.contains($0.code) }
            || (answered == nil && chain.contains { $0.underlying is ChannelError || $0.underlying is IOError })
    }

    public var description: String {
        sql.map { "PostgreSQL: \(message) (in: \($0.prefix(120)))" } ?? "PostgreSQL: \(message)"
    }
}
