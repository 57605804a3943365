import ArchiveStore
import Foundation
import PostgresArchive
import SohoaTesting
import XCTest

/// A test class whose tests run on both backends. A test wraps its body in
/// ``onEveryBackend(_:)`` and opens its archives with ``openArchive(in:)``: the body runs
/// on a folder's SQLite, then again on PostgreSQL (a fresh database on the throwaway
/// cluster, the files in a fresh folder). A failure says which backend it happened on.
class ArchiveBackendTestCase: XCTestCase {
    enum Backend: String {
        case sqlite = "SQLite"
        case postgresql = "PostgreSQL"
    }

    private(set) var backend = Backend.sqlite
    /// A fresh folder for each run of a test's body: the archive's files, and the test's own.
    var folder: URL!
    private var database: PostgresAddress?

    override func setUpWithError() throws {
        try super.setUpWithError()
        try begin(.sqlite)
    }

    /// Opens what every test of the class starts from, in `folder`, on the backend about
    /// to run: before each test (on SQLite), and again before its body runs on PostgreSQL.
    func prepareBackend() throws {}

    private func begin(_ next: Backend) throws {
        backend = next
        database = nil
        try freshFolder()
        try prepareBackend()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
        try super.tearDownWithError()
    }

    private func freshFolder() throws {
        if let folder { try? FileManager.default.removeItem(at: folder) }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sohoa-\(Self.self)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Runs `body` on SQLite (in the state the test began with), then on PostgreSQL.
    func onEveryBackend(_ body: () throws -> Void) throws {
        if backend != .sqlite { try begin(.sqlite) }
        try body()
        try begin(.postgresql)
        try body()
    }

    /// The archive in `folder` on the backend the body runs on now; opened again, the same one.
    func openArchive(in folder: URL) throws -> Archive {
        guard backend == .postgresql else { return try Archive(directory: folder) }
        if database == nil { database = try PostgresAddress(parsing: TestPostgres.shared().freshDatabase()) }
        return try SharedArchive.open(database!, files: folder)
    }

    override func recordFailure(withDescription description: String, inFile filePath: String, atLine lineNumber: Int, expected: Bool) {
        super.recordFailure(withDescription: "[\(backend.rawValue)] \(description)", inFile: filePath, atLine: lineNumber, expected: expected)
    }
}
