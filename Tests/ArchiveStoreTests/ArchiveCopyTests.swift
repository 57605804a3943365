import Foundation
import PostgresArchive
import SohoaTesting
import XCTest
@testable import ArchiveStore

/// `sohoa migrate`'s copy, on more rows than one batch holds.
final class ArchiveCopyTests: XCTestCase {
    func testEveryRowOfALargeTableIsCopiedThroughItsBatches() throws {
        let source = try TemporaryFolder(), files = try TemporaryFolder()
        let archive = try Archive(directory: source.url)
        let count = 1_234
        for index in 0..<count {
            try archive.recordFailure(batchRoot: "/kho", source: "hỏng-\(index).pdf", sha256: nil, reason: "file is empty")
        }
        let server = try SharedArchive.open(try PostgresAddress(parsing: TestPostgres.shared().freshDatabase()), files: files.url)
        let report = try archive.copy(into: server)
        XCTAssertEqual(report.rows.first { $0.table == "inputs" }?.count, count)
        let sources = try server.database.prepare("SELECT source FROM inputs ORDER BY id").rows { $0.text("source") }
        XCTAssertEqual(sources, (0..<count).map { "hỏng-\($0).pdf" }, "every row once, in order")
    }
}
