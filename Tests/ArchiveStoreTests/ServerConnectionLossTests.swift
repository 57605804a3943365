import Foundation
import PostgresArchive
import SohoaTesting
import XCTest
@testable import ArchiveStore

/// A server connection cut under the archive (the server restarted, an administrator
/// ended the session): the statement or the whole transaction runs again on a new
/// connection, and what it wrote is there once.
final class ServerConnectionLossTests: XCTestCase {
    private var archive: Archive!
    private var other: Archive!
    private var folder: TemporaryFolder!

    override func setUpWithError() throws {
        folder = try TemporaryFolder()
        let address = try PostgresAddress(parsing: TestPostgres.shared().freshDatabase())
        archive = try SharedArchive.open(address, files: folder.url)
        other = try SharedArchive.open(address, files: folder.url)
        try archive.database.execute("CREATE TABLE notes (text text NOT NULL)")
    }

    /// Ends `archive`'s session from the other connection, as `pg_terminate_backend` does
    /// for an administrator.
    private func cutTheConnection() throws {
        let pid = try archive.database.prepare("SELECT pg_backend_pid() AS pid").rows { $0.int("pid") }[0]
        _ = try other.database.prepare("SELECT pg_terminate_backend(CAST(? AS integer)) AS done").bind([.int(pid)]).rows { $0.bool("done") }
    }

    private func notes() throws -> [String] {
        try other.database.prepare("SELECT text FROM notes ORDER BY text").rows { $0.text("text") }
    }

    func testATransactionCutMidwayRunsAgainWholeAndWritesOnce() throws {
        var runs = 0
        try archive.database.transaction {
            runs += 1
            try archive.database.prepare("INSERT INTO notes (text) VALUES (?)").bind([.text("một")]).run()
            if runs == 1 { try cutTheConnection() }
            try archive.database.prepare("INSERT INTO notes (text) VALUES (?)").bind([.text("hai")]).run()
        }
        XCTAssertEqual(runs, 2, "the body ran again after the cut")
        XCTAssertEqual(try notes(), ["hai", "một"], "each row once: the cut transaction left nothing")
    }

    func testAStatementOutsideATransactionRunsAgainOnANewConnection() throws {
        try cutTheConnection()
        try archive.database.prepare("INSERT INTO notes (text) VALUES (?)").bind([.text("ba")]).run()
        XCTAssertEqual(try notes(), ["ba"])
    }

    func testAFailureThatIsNotALostConnectionIsNotRunAgain() throws {
        var runs = 0
        XCTAssertThrowsError(try archive.database.transaction {
            runs += 1
            try archive.database.prepare("INSERT INTO notes (text) VALUES (?)").bind([.null]).run()
        })
        XCTAssertEqual(runs, 1)
        XCTAssertEqual(try notes(), [])
    }
}
