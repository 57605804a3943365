import DocumentSynth
import Foundation
import PostgresArchive
import SohoaTesting
import XCTest

/// `sohoa ingest` on a PostgreSQL archive with two `sohoa worker` processes beside it, as
/// scanning stations share a server: one worker is killed with SIGKILL while it reads a
/// page, the other while it stores an input, and a third is told to stop (SIGTERM) in the
/// middle of a page. The batch still ends with every input exactly once, each page
/// recognised once more only where its reader died, and the archive verified.
///
/// Each kill is aimed by freezing the worker (SIGSTOP) the moment the queue shows it
/// holding a page or an assembly, checking that it still does, and only then killing it:
/// so the kill lands where the test says, never just after.
final class WorkerCrashTests: XCTestCase {
    private var batch: BatchFixture!
    private var files: TemporaryFolder!
    private var address = ""
    private var queue: PostgresLink!
    private var configuration: URL!
    private var running: [Process] = []
    private let scannedInputs = 8
    private let textInputs = 4

    override func setUpWithError() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: SohoaBinary.url.path),
                          "build the sohoa binary first (swift build --build-tests builds it)")
        batch = try BatchFixture()
        files = try TemporaryFolder()
        address = try TestPostgres.shared().freshDatabase()
        var factory = DocumentFactory(seed: 1616)
        for index in 0..<scannedInputs {
            try batch.addScannedPDF("quet-\(index).pdf", factory.make(.congVan, pages: 2), dpi: 150)
        }
        for (index, type) in DocumentFactory.requiredTypes.prefix(textInputs).enumerated() {
            try batch.addTextPDF("van-ban-\(index).pdf", factory.make(type, pages: 2))
        }
        try batch.add("ban-sao.pdf", copying: batch.inputs.url.appendingPathComponent("quet-0.pdf"))
        // Leases and assembly claims of a killed worker run out after three seconds, not two minutes.
        configuration = files.url.deletingLastPathComponent().appendingPathComponent("workers-\(UUID().uuidString.prefix(8)).yaml")
        try Data("queue:\n  lease_seconds: 3\n  max_attempts: 3\n".utf8).write(to: configuration)
        queue = try PostgresLink(try PostgresAddress(parsing: address))
    }

    override func tearDownWithError() throws {
        for process in running where process.isRunning { kill(process.processIdentifier, SIGKILL) }
        if let configuration { try? FileManager.default.removeItem(at: configuration) }
    }

    private var archiveArguments: [String] {
        ["--archive", address, "--files", files.url.path, "--config", configuration.path]
    }

    private func start(_ arguments: [String]) throws -> Process {
        let process = try SohoaBinary.start(arguments + archiveArguments)
        running.append(process)
        return process
    }

    private func count(_ sql: String, _ values: [PostgresLink.Value] = []) throws -> Int {
        try queue.rows(sql, values) { try $0.int("n") }.first ?? 0
    }

    /// The page `process` is reading: a lease one of its threads holds.
    private func pageLeased(by process: Process) throws -> (input: Int, number: Int)? {
        try queue.rows("""
            SELECT p.input_id, p.number FROM input_pages p JOIN workers w ON w.id = p.worker_id
            WHERE w.pid = $1 AND p.state = 'leased'
            """, [.int(Int(process.processIdentifier))]) { (try $0.int("input_id"), try $0.int("number")) }.first
    }

    /// The input `process` is storing: one it claimed for assembly, not finished yet.
    private func inputAssembled(by process: Process) throws -> Int? {
        try queue.rows("""
            SELECT i.id FROM inputs i JOIN workers w ON w.id = i.assembler_id
            WHERE w.pid = $1 AND i.status = 'discovered'
            """, [.int(Int(process.processIdentifier))]) { try $0.int("id") }.first
    }

    /// Waits until `process` is doing what `doing` finds, freezes it, and returns what it
    /// was doing if it still is once frozen; otherwise lets it go on and waits again.
    private func freeze<T: Equatable>(_ process: Process, while what: String, _ doing: () throws -> T?) throws -> T {
        let deadline = Date().addingTimeInterval(180)
        while Date() < deadline, process.isRunning {
            // Until the ingest has made the archive's tables, there is nothing to see.
            if let seen = try? doing() {
                kill(process.processIdentifier, SIGSTOP)
                if try doing() == seen { return seen }
                kill(process.processIdentifier, SIGCONT)
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        throw WorkerNotSeen(description: "never saw the worker \(what): the batch went too fast for this test")
    }

    private func killHard(_ process: Process) {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)
    }

    func testAnIngestAndTwoWorkersLoseNothingWhenOneDiesMidPageAndOneMidStore() throws {
        let ingest = try start(["ingest", batch.inputs.url.path, "--workers", "1", "--quiet"])
        let reader = try start(["worker", "--workers", "1", "--watch"])
        let storer = try start(["worker", "--workers", "1", "--watch"])

        let page = try freeze(reader, while: "reading a page") { try pageLeased(by: reader).map { [$0.input, $0.number] } }
        killHard(reader)
        let stored = try freeze(storer, while: "storing an input") { try inputAssembled(by: storer) }
        killHard(storer)

        // A third worker joins, and is asked to stop while it reads a page: it finishes
        // that page and leaves.
        let polite = try start(["worker", "--workers", "1", "--watch"])
        let lastPage = try freeze(polite, while: "reading a page") { try pageLeased(by: polite).map { [$0.input, $0.number] } }
        kill(polite.processIdentifier, SIGTERM)
        kill(polite.processIdentifier, SIGCONT)
        polite.waitUntilExit()
        XCTAssertEqual(polite.terminationReason, .exit)
        XCTAssertEqual(polite.terminationStatus, 0, "a worker told to stop leaves cleanly")

        ingest.waitUntilExit()
        XCTAssertEqual(ingest.terminationStatus, 0, "the ingest finished the work the killed workers left")

        // Every input exactly once.
        let export = try ExternalTool.run(SohoaBinary.url.path, ["export"] + archiveArguments)
        XCTAssertEqual(export.status, 0, export.stderr)
        let rows = try export.stdout.split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let inputCount = scannedInputs + textInputs + 1
        XCTAssertEqual(rows.count, inputCount)
        XCTAssertEqual(Set(rows.compactMap { $0["source"] as? String }).count, inputCount)
        XCTAssertEqual(rows.filter { $0["status"] as? String == "ok" }.count, inputCount - 1, "\(rows.compactMap { $0["error"] })")
        XCTAssertEqual(rows.filter { $0["status"] as? String == "duplicate" }.count, 1)
        XCTAssertEqual(try count("SELECT count(*) AS n FROM documents"), inputCount - 1)
        XCTAssertEqual(try count("SELECT count(*) AS n FROM inputs WHERE id = $1 AND status = 'ok'", [.int(stored)]), 1,
                       "the input whose store was cut was stored by another")

        // Each page recognised once, and once more only where its reader was killed.
        let attempts = try queue.rows("SELECT input_id, number, attempts, state FROM input_pages") {
            ([try $0.int("input_id"), try $0.int("number")], try $0.int("attempts"), try $0.text("state"))
        }
        XCTAssertEqual(attempts.count, scannedInputs * 2 + textInputs * 2)
        for (key, tries, state) in attempts {
            XCTAssertEqual(state, "stored", "\(key)")
            XCTAssertEqual(tries, key == page ? 2 : 1, "page \(key) was read \(tries) times")
        }
        XCTAssertEqual(try count("SELECT sum(pages_done)::bigint AS n FROM workers"), attempts.count,
                       "every page handed in once, by whoever read it")
        let politeWorker = try queue.rows("""
            SELECT p.worker_id = w.id AS same, w.stopped_at IS NOT NULL AS stopped FROM input_pages p, workers w
            WHERE p.input_id = $1 AND p.number = $2 AND w.pid = $3
            """, [.int(lastPage[0]), .int(lastPage[1]), .int(Int(polite.processIdentifier))]) { (try $0.bool("same"), try $0.bool("stopped")) }
        XCTAssertEqual(politeWorker.first?.0, true, "the stopped worker finished its page rather than leave it to expire")
        XCTAssertEqual(politeWorker.first?.1, true, "and said it left")
        XCTAssertEqual(try count("""
            SELECT count(*) AS n FROM workers WHERE stopped_at IS NULL AND pid IN ($1, $2)
            """, [.int(Int(reader.processIdentifier)), .int(Int(storer.processIdentifier))]), 2, "the killed workers never said goodbye")

        let verify = try ExternalTool.run(SohoaBinary.url.path, ["verify", "--json"] + archiveArguments)
        XCTAssertEqual(verify.status, 0, verify.stdout + verify.stderr)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(verify.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(report["intact"] as? Bool, true)
        XCTAssertEqual(report["unknown_files"] as? [String], [], "the cut store left no stray file")
        XCTAssertEqual(report["database_problems"] as? [String], [])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: files.url.appendingPathComponent("staging").path), [])
    }
}

private struct WorkerNotSeen: Error, CustomStringConvertible {
    let description: String
}
