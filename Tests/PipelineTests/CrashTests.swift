import DocumentModel
import DocumentSynth
import Foundation
import PDFRendering
import PostgresArchive
import SohoaTesting
import XCTest
@testable import ArchiveStore
@testable import Ingest
@testable import Pipeline

/// The real `sohoa` binary, killed with SIGKILL at several points of a batch and run again:
/// every input must end up exactly once, the database sound and every original intact, and
/// pages recognised before a kill must not be recognised again. On an archive folder, and
/// on PostgreSQL with the files in a folder of their own.
final class CrashTests: XCTestCase {
    private static let binary = SohoaBinary.url

    private var inputs: TemporaryFolder!
    private var archive: TemporaryFolder!
    private var fileCount = 0
    private var distinctContents = 0
    /// Scanned inputs and their page counts: each gets a searchable PDF.
    private let scans = ["a_long_scan.pdf": 4, "b_scan.pdf": 1, "d_scan.png": 1]
    /// Set for the run on PostgreSQL: the server database; the files go to `archive`.
    private var server: PostgresAddress?

    /// The archive as every command names it.
    private var archiveArguments: [String] {
        guard let server else { return ["--archive", archive.url.path] }
        return ["--archive", try! TestPostgres.shared().address(of: server.database), "--files", archive.url.path,
                "--config", inputs.url.deletingLastPathComponent().appendingPathComponent("\(inputs.url.lastPathComponent).yaml").path]
    }

    /// A new connection to the archive's database, as a second reader.
    private func openDatabase() throws -> Database {
        guard let server else { return try Database(path: archive.url.appendingPathComponent("sohoa.sqlite").path) }
        return try SharedArchive.open(server, files: archive.url).database
    }

    override func setUpWithError() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: Self.binary.path),
                          "build the sohoa binary first (swift build --build-tests builds it)")
        inputs = try TemporaryFolder()
        archive = try TemporaryFolder()
        var factory = DocumentFactory(seed: 2026)
        // Sorted first: a long scan, so the first kill lands in the middle of its pages.
        try DocumentRenderer.writeScannedPDF(factory.make(.baoCao, pages: 4), to: file("a_long_scan.pdf"), dpi: 150)
        try DocumentRenderer.writeScannedPDF(factory.make(.congVan), to: file("b_scan.pdf"), dpi: 150)
        for (index, type) in DocumentFactory.requiredTypes.prefix(12).enumerated() {
            try DocumentRenderer.writePDF(factory.make(type, pages: 2), to: file("c_\(index)_\(type.rawValue).pdf"))
        }
        try DocumentRenderer.pageImages(factory.make(.thongBao), dpi: 150)[0].writePNG(to: file("d_scan.png").path)
        distinctContents = 15
        for (copy, of) in [("e_copy_of_scan.pdf", "b_scan.pdf"), ("hộp 2/c_copy.pdf", "c_0_\(DocumentFactory.requiredTypes[0].rawValue).pdf")] {
            try FileManager.default.createDirectory(at: file(copy).deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: file(of), to: file(copy))
        }
        fileCount = 17
    }

    private func file(_ name: String) -> URL {
        inputs.url.appendingPathComponent(name)
    }

    private func startIngest() throws -> Process {
        try SohoaBinary.start(["ingest", inputs.url.path] + archiveArguments + ["--workers", "2", "--quiet"])
    }

    /// Polls the archive (as a second reader, which WAL allows) until `condition` holds.
    private func wait(for what: String, timeout: Double = 120, _ condition: (Database) throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if server != nil || FileManager.default.fileExists(atPath: archive.url.appendingPathComponent("sohoa.sqlite").path),
               let database = try? openDatabase(),
               (try? condition(database)) == true {
                return
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTFail("timed out waiting for \(what)")
    }

    private func count(_ database: Database, _ sql: String) throws -> Int {
        try database.prepare(sql).rows { $0.int("count") }.first ?? 0
    }

    private func killHard(_ process: Process) {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)
    }

    func testKilledBatchesResumeWithEveryInputExactlyOnce() throws {
        try killAndResume()
    }

    func testKilledBatchesOnPostgreSQLResumeWithEveryInputExactlyOnce() throws {
        server = try PostgresAddress(parsing: TestPostgres.shared().freshDatabase())
        // The pages a killed batch's workers held go to the next run's once their lease
        // runs out: two seconds here rather than two minutes.
        try "queue:\n  lease_seconds: 2\n".write(to: inputs.url.deletingLastPathComponent().appendingPathComponent("\(inputs.url.lastPathComponent).yaml"),
                                                 atomically: true, encoding: .utf8)
        try killAndResume()
    }

    private func killAndResume() throws {
        // 1. During OCR: once the long scan has some pages recognised but is not stored.
        let first = try startIngest()
        try wait(for: "a recognised page") { db in
            try count(db, "SELECT count(*) AS count FROM input_pages WHERE state = 'recognised'") >= 2
        }
        killHard(first)
        let database = try openDatabase()
        let recognisedBeforeKill = try database.prepare("""
            SELECT i.source, p.number FROM input_pages p JOIN inputs i ON i.id = p.input_id WHERE p.state = 'recognised'
            """).rows { "\($0.text("source")) p\($0.int("number"))" }
        XCTAssertGreaterThanOrEqual(recognisedBeforeKill.count, 2)

        // 2. While documents are being stored one after another.
        let storedBefore = try count(database, "SELECT count(*) AS count FROM documents")
        let second = try startIngest()
        try wait(for: "documents being stored") { db in
            try count(db, "SELECT count(*) AS count FROM documents") >= storedBefore + 2
        }
        killHard(second)

        // 3. Right after start: during discovery, hashing and the first pages.
        let third = try startIngest()
        Thread.sleep(forTimeInterval: 0.4)
        killHard(third)

        // 4. To the end.
        let last = try run(["ingest", inputs.url.path] + archiveArguments + ["--workers", "2", "--quiet"])
        XCTAssertEqual(last.status, 0, last.output)

        let export = try exportLines()
        XCTAssertEqual(export.count, fileCount, "every input once: \(export.map(\.source))")
        XCTAssertEqual(Set(export.map(\.source)).count, fileCount)
        XCTAssertEqual(export.filter { $0.status == "ok" }.count, distinctContents)
        XCTAssertEqual(export.filter { $0.status == "duplicate" }.count, fileCount - distinctContents)
        XCTAssertEqual(try count(database, "SELECT count(*) AS count FROM documents"), distinctContents)
        XCTAssertEqual(try count(database, "SELECT count(*) AS count FROM inputs WHERE status = 'discovered'"), 0)
        XCTAssertEqual(try count(database, "SELECT count(*) AS count FROM pages WHERE document_id NOT IN (SELECT id FROM documents)"), 0)
        XCTAssertEqual(try count(database, "SELECT count(*) AS count FROM page_text WHERE rowid & 65535 = 0"), distinctContents,
                       "one metadata index row per document, none doubled")

        // Pages recognised before the first kill were taken from the ledger, not recognised again.
        let attempts = try database.prepare("""
            SELECT i.source, p.number, p.attempts FROM input_pages p JOIN inputs i ON i.id = p.input_id
            """).rows { ("\($0.text("source")) p\($0.int("number"))", $0.int("attempts")) }
        let attemptsByPage = Dictionary(attempts, uniquingKeysWith: max)
        for page in recognisedBeforeKill {
            XCTAssertEqual(attemptsByPage[page], 1, "\(page) was recognised again after the kill")
        }

        let verify = try run(["verify", "--json"] + archiveArguments)
        XCTAssertEqual(verify.status, 0, verify.output)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(verify.output.utf8)) as? [String: Any])
        XCTAssertEqual(report["intact"] as? Bool, true)
        XCTAssertEqual(report["checked"] as? Int, distinctContents + scans.count, "every original, and a searchable PDF per scan")
        XCTAssertEqual(report["unknown_files"] as? [String], [], "no orphan original after the last run")
        XCTAssertEqual(report["database_problems"] as? [String], [])

        // Resumed scans' searchable PDFs have every page, those recognised before a kill included.
        for (source, pages) in scans {
            let path = try XCTUnwrap(try database.prepare("""
                SELECT d.derivative_path FROM documents d JOIN inputs i ON i.document_id = d.id WHERE i.source = ?
                """).bind([.text(source)]).rows { $0.optionalText("derivative_path") }.first ?? nil, source)
            XCTAssertEqual(try PDFFile(path: archive.url.appendingPathComponent(path).path, password: nil).pageCount, pages, source)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: archive.url.appendingPathComponent("staging").path), [],
                       "no staged page image is left once every scan is stored")

        let status = try run(["status", "--json"] + archiveArguments)
        let summary = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any])
        XCTAssertEqual(summary["state"] as? String, "finished")
        XCTAssertEqual(summary["unfinished"] as? Int, 0)
    }

    private func exportLines() throws -> [(source: String, status: String)] {
        let result = try run(["export"] + archiveArguments)
        XCTAssertEqual(result.status, 0)
        return try result.output.split(separator: "\n").map { line in
            let row = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return (try XCTUnwrap(row["source"] as? String), try XCTUnwrap(row["status"] as? String))
        }
    }

    private func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try SohoaBinary.run(arguments)
    }
}
