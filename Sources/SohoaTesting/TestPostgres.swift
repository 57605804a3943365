import Foundation

/// A throwaway PostgreSQL cluster for the tests, made and started by
/// `scripts/postgres-cluster` in a temporary folder the first time a test asks for it, and
/// stopped when the test process exits. Real PostgreSQL from Debian, never a stand-in.
public final class TestPostgres: @unchecked Sendable {
    /// The cluster's folder (its data, socket and log).
    public let folder: URL
    /// `postgresql://sohoa:PASS@127.0.0.1:PORT/sohoa`.
    public let address: String

    private static let lock = NSLock()
    nonisolated(unsafe) private static var started: Result<TestPostgres, any Error>?
    private var databases = 0

    /// The cluster of this test process, started on first use.
    public static func shared() throws -> TestPostgres {
        lock.lock()
        defer { lock.unlock() }
        if let started { return try started.get() }
        let result = Result { try TestPostgres() }
        started = result
        if case .success = result {
            atexit { TestPostgres.stopAtExit() }
        }
        return try result.get()
    }

    private static func stopAtExit() {
        guard case .success(let server) = started else { return }
        server.stop()
    }

    static let script = SohoaBinary.packageRoot.appendingPathComponent("scripts/postgres-cluster")

    /// A cluster of the caller's own that also listens on `addresses` (each one this machine
    /// holds, such as the host end of a virtual link to a network namespace) and lets in the
    /// clients of their networks. The caller stops it (``stop()``).
    public static func dedicated(alsoListeningOn addresses: [String]) throws -> TestPostgres {
        try TestPostgres(addresses: addresses)
    }

    /// Stops a dedicated cluster and removes its folder.
    public func stop() {
        _ = try? ExternalTool.run(Self.script.path, ["stop", folder.path])
        try? FileManager.default.removeItem(at: folder)
    }

    private init(addresses: [String] = []) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sohoa-pg-\(UUID().uuidString.prefix(8))")
        let run = try ExternalTool.run(Self.script.path, ["start", folder.path] + (addresses.isEmpty ? [] : ["", addresses.joined(separator: ",")]))
        guard run.status == 0, let line = run.stdout.split(separator: "\n").last else {
            throw TestPostgresError("scripts/postgres-cluster could not start PostgreSQL: \(run.stderr)")
        }
        address = String(line)
    }

    /// The address of a new, empty database on the cluster, so that a test starts from nothing.
    public func freshDatabase() throws -> String {
        let name: String = Self.lock.withLock {
            databases += 1
            return "t\(ProcessInfo.processInfo.processIdentifier)_\(databases)"
        }
        let socketFolder = folder.path
        let port = try String(contentsOf: folder.appendingPathComponent("port"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let run = try ExternalTool.run("psql", ["-h", socketFolder, "-p", port, "-U", "sohoa", "-d", "postgres", "-qc", "CREATE DATABASE \(name)"])
        guard run.status == 0 else { throw TestPostgresError("cannot create database \(name): \(run.stderr)") }
        return address(of: name)
    }

    /// The address of the database `name` on the cluster.
    public func address(of name: String) -> String {
        address.replacingOccurrences(of: "/sohoa", with: "/\(name)", options: [.backwards, .anchored])
    }

    /// Restarts the server (fast shutdown: connections are cut), as an administrator would.
    public func restart() throws {
        let run = try ExternalTool.run(Self.script.path, ["restart", folder.path])
        guard run.status == 0 else { throw TestPostgresError("restart failed: \(run.stderr)") }
    }
}

public struct TestPostgresError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
