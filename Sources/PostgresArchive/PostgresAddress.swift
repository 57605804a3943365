import Foundation

/// Where a PostgreSQL archive is: `postgresql://USER[:PASS]@HOST[:PORT]/DB`, as libpq and
/// every PostgreSQL tool write it (`postgres://` too). `?host=/run/postgresql` puts the
/// server on a Unix socket in that folder, as libpq reads it.
///
/// The password is never printed: ``description`` shows `***` in its place, so an address
/// can go into a log line or an error message as it is.
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
    public enum Endpoint: Sendable, Equatable {
        case tcp(host: String, port: Int)
        /// The folder of the socket; the file in it is `.s.PGSQL.PORT`.
        case unixSocket(folder: String, port: Int)
    }

    public var endpoint: Endpoint
    public var user: String
    public var password: String?
    public var database: String

    public init(endpoint: Endpoint, user: String, password: String?, database: String) {
        self.endpoint = endpoint
        self.user = user
        self.password = password
        self.database = database
    }

    /// Whether `text` is meant as a PostgreSQL address rather than a folder: it starts with
    /// the scheme, so a folder can never be taken for a server (nor the reverse).
    public static func isAddress(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.hasPrefix("postgresql://") || lowered.hasPrefix("postgres://")
    }

    /// Reads an address, or says in words what is wrong with it.
    public init(parsing text: String) throws {
        guard Self.isAddress(text) else {
            throw PostgresAddressError("'\(Self.masked(text))' is not a PostgreSQL address (postgresql://USER[:PASS]@HOST[:PORT]/DB)")
        }
        guard let components = URLComponents(string: text) else {
            throw PostgresAddressError("cannot read '\(Self.masked(text))' as postgresql://USER[:PASS]@HOST[:PORT]/DB")
        }
        guard let user = components.percentEncodedUser.flatMap({ $0.removingPercentEncoding }), !user.isEmpty else {
            throw PostgresAddressError("'\(Self.masked(text))' names no user (postgresql://USER@HOST/DB)")
        }
        let database = String(components.percentEncodedPath.drop(while: { $0 == "/" })).removingPercentEncoding ?? ""
        guard !database.isEmpty, !database.contains("/") else {
            throw PostgresAddressError("'\(Self.masked(text))' names no database (postgresql://USER@HOST/DB)")
        }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw PostgresAddressError("port \(port) is out of range") }
        let socketFolder = components.queryItems?.first(where: { $0.name == "host" })?.value
        if let socketFolder, socketFolder.hasPrefix("/") {
            endpoint = .unixSocket(folder: socketFolder, port: port)
        } else {
            guard let host = components.host, !host.isEmpty else {
                throw PostgresAddressError("'\(Self.masked(text))' names no host (postgresql://USER@HOST/DB)")
            }
            endpoint = .tcp(host: host, port: port)
        }
        self.user = user
        self.password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        self.database = database
    }

    /// The socket file of a Unix-socket endpoint.
    var socketPath: String? {
        guard case .unixSocket(let folder, let port) = endpoint else { return nil }
        return (folder as NSString).appendingPathComponent(".s.PGSQL.\(port)")
    }

    public var description: String {
        spelled(credentials: password == nil ? user : "\(user):***")
    }

    public var withoutPassword: String {
        spelled(credentials: user)
    }

    /// libpq's variable, which ``PostgresLink`` reads too when an address has no password.
    public var passwordEnvironment: [String: String] {
        password.map { ["PGPASSWORD": $0] } ?? [:]
    }

    private func spelled(credentials: String) -> String {
        switch endpoint {
        case .tcp(let host, let port):
            let shownHost = host.contains(":") ? "[\(host)]" : host
            return "postgresql://\(credentials)@\(shownHost):\(port)/\(database)"
        case .unixSocket(let folder, let port):
            return "postgresql://\(credentials)@:\(port)/\(database)?host=\(folder)"
        }
    }

    /// `text` with anything between `:` and `@` after the scheme hidden.
    static func masked(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://"), let at = text.range(of: "@", range: schemeEnd.upperBound..<text.endIndex),
              let colon = text.range(of: ":", range: schemeEnd.upperBound..<at.lowerBound) else { return text }
        return text.replacingCharacters(in: colon.upperBound..<at.lowerBound, with: "***")
    }
}

/// An address that cannot be read, in words a person can act on.
public struct PostgresAddressError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
