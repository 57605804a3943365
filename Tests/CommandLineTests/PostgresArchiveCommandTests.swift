import DocumentModel
import DocumentSynth
import Foundation
import PostgresArchive
import SohoaTesting
import XCTest

/// The commands on a PostgreSQL archive, as a records office runs them: the same batch
/// ingested into a folder archive and into PostgreSQL exports the same records, resumes
/// without doubling, and verifies its files in the shared folder.
final class PostgresArchiveCommandTests: XCTestCase {
    private var batch: BatchFixture!
    private var files: TemporaryFolder!
    private var address = ""

    override func setUpWithError() throws {
        batch = try BatchFixture()
        files = try TemporaryFolder()
        address = try TestPostgres.shared().freshDatabase()
        var factory = DocumentFactory(seed: 16)
        for (index, type) in DocumentFactory.requiredTypes.prefix(4).enumerated() {
            try batch.addTextPDF("Hop_01/HS00\(index)/van-ban-\(index).pdf", factory.make(type, pages: 2))
        }
        try batch.addScannedPDF("Hop_01/HS009/to-trinh-quet.pdf", factory.make(.toTrinh, pages: 1), dpi: 200)
        try batch.add("Hop_01/HS000/ban-sao.pdf", copying: batch.inputs.url.appendingPathComponent("Hop_01/HS000/van-ban-0.pdf"))
        try batch.add("Hop_01/hong.pdf", data: Data("%PDF-1.4 truncated".utf8))
        try Data("hierarchy:\n  pattern: \"{box}/{file}\"\n".utf8).write(to: configuration)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: configuration)
    }

    /// Runs the binary; `output` holds what it printed on both streams.
    private func sohoa(_ arguments: [String], onPostgreSQL: Bool) throws -> (status: Int32, output: String) {
        let archive = onPostgreSQL ? ["--archive", address, "--files", files.url.path] : ["--archive", batch.archive.url.path]
        return try run(arguments + archive + ["--config", configuration.path])
    }

    /// Boxes and hồ sơ read from the folder names, for the box report.
    private var configuration: URL {
        files.url.deletingLastPathComponent().appendingPathComponent("sohoa-\(ObjectIdentifier(self).hashValue).yaml")
    }

    private func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let result = try ExternalTool.run(SohoaBinary.url.path, arguments)
        return (result.status, result.stdout + result.stderr)
    }

    private func exported(onPostgreSQL: Bool) throws -> [String: [String: Any]] {
        let result = try ExternalTool.run(SohoaBinary.url.path, ["export"] + (onPostgreSQL
            ? ["--archive", address, "--files", files.url.path] : ["--archive", batch.archive.url.path]))
        XCTAssertEqual(result.status, 0, result.stderr)
        var rows: [String: [String: Any]] = [:]
        for line in result.stdout.split(separator: "\n") {
            let row = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            rows[try XCTUnwrap(row["source"] as? String)] = row
        }
        return rows
    }

    func testABatchOnPostgreSQLExportsWhatTheFolderArchiveExports() throws {
        let onFolder = try sohoa(["ingest", batch.inputs.url.path, "--quiet"], onPostgreSQL: false)
        let onServer = try sohoa(["ingest", batch.inputs.url.path, "--quiet"], onPostgreSQL: true)
        XCTAssertEqual(onFolder.status, onServer.status, onServer.output)
        XCTAssertEqual(onServer.status, 1, "one input cannot be read: \(onServer.output)")

        let folderRows = try exported(onPostgreSQL: false)
        let serverRows = try exported(onPostgreSQL: true)
        XCTAssertEqual(serverRows.count, 7)
        XCTAssertEqual(Set(serverRows.keys), Set(folderRows.keys))
        for (source, row) in folderRows {
            XCTAssertEqual(NSDictionary(dictionary: serverRows[source] ?? [:]), NSDictionary(dictionary: row), source)
        }
        XCTAssertEqual(Set(["Hop_01/HS000/ban-sao.pdf", "Hop_01/HS000/van-ban-0.pdf"].compactMap { serverRows[$0]?["status"] as? String }),
                       ["ok", "duplicate"], "the copy is recognised as the same bytes")
        XCTAssertEqual(serverRows["Hop_01/HS001/van-ban-1.pdf"]?["box"] as? String, "01")
        for command in [["review", "--json"], ["boxes", "--json"], ["status", "--json"], ["search", "quyết định", "--json"],
                        ["search", "uy ban", "--box", "01", "--json"]] {
            let (folder, server) = (try sohoa(command, onPostgreSQL: false), try sohoa(command, onPostgreSQL: true))
            XCTAssertEqual(server.status, folder.status, command.joined(separator: " "))
            if command[0] != "status" { XCTAssertEqual(server.output, folder.output, command.joined(separator: " ")) }
            if command[0] == "search" { XCTAssertTrue(server.output.contains("\"score\""), "something is found: \(command)") }
        }
        let reviewed = try XCTUnwrap(serverRows["Hop_01/HS009/to-trinh-quet.pdf"]?["id"] as? String)
        let corrected = try sohoa(["correct", reviewed, "--number", "12/TTr-UBND", "--by", "Lê Thị Hoa"], onPostgreSQL: true)
        XCTAssertEqual(corrected.status, 0, corrected.output)
        let afterCorrection = try exported(onPostgreSQL: true).values.first { $0["id"] as? String == reviewed }
        XCTAssertEqual(afterCorrection?["number"] as? String, "12/TTr-UBND")
        XCTAssertEqual(afterCorrection?["needs_review"] as? Bool, false)
        XCTAssertEqual(serverRows["Hop_01/hong.pdf"]?["status"] as? String, "failed")

        let again = try sohoa(["ingest", batch.inputs.url.path, "--json"], onPostgreSQL: true)
        XCTAssertTrue(again.output.contains("\"already_ingested\":6"), again.output)
        XCTAssertEqual(try exported(onPostgreSQL: true).count, 7, "nothing doubled by running the batch again")

        let id = try XCTUnwrap(serverRows["Hop_01/HS009/to-trinh-quet.pdf"]?["id"] as? String)
        let shown = try sohoa(["show", id, "--json", "--no-text"], onPostgreSQL: true)
        XCTAssertEqual(shown.status, 0, shown.output)
        XCTAssertTrue(shown.output.contains("\"doc_type\":\"to_trinh\""), shown.output)
        let status = try sohoa(["status"], onPostgreSQL: true)
        XCTAssertEqual(status.status, 0, status.output)
        XCTAssertTrue(status.output.contains(batch.inputs.url.resolvingSymlinksInPath().path), status.output)

        XCTAssertEqual(try sohoa(["verify"], onPostgreSQL: true).status, 0)
        let original = try XCTUnwrap(FileManager.default.enumerator(atPath: files.url.appendingPathComponent("originals").path)?
            .compactMap { $0 as? String }.first { $0.hasSuffix(".pdf") })
        let damaged = files.url.appendingPathComponent("originals").appendingPathComponent(original)
        var bytes = try Data(contentsOf: damaged)
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: damaged)
        let verified = try sohoa(["verify"], onPostgreSQL: true)
        XCTAssertNotEqual(verified.status, 0)
        XCTAssertTrue(verified.output.contains(original), verified.output)
    }

    func testAServerArchiveWithoutItsFilesFolderOrWithAWrongPasswordSaysSo() throws {
        let noFiles = try run(["status", "--archive", address])
        XCTAssertEqual(noFiles.status, 64, noFiles.output)
        XCTAssertTrue(noFiles.output.contains("--files"), noFiles.output)
        let wrong = address.replacingOccurrences(of: #":[^:@/]+@"#, with: ":not-it@", options: .regularExpression)
        let refused = try run(["status", "--archive", wrong, "--files", files.url.path])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.output.contains("password authentication failed"), refused.output)
        XCTAssertFalse(refused.output.contains("not-it"), refused.output)
    }

    func testAFolderArchiveMovesToPostgreSQLAndBackUnchanged() throws {
        XCTAssertEqual(try sohoa(["ingest", batch.inputs.url.path, "--quiet"], onPostgreSQL: false).status, 1)
        let rows = try exported(onPostgreSQL: false)
        let id = try XCTUnwrap(rows["Hop_01/HS009/to-trinh-quet.pdf"]?["id"] as? String)
        XCTAssertEqual(try sohoa(["correct", id, "--number", "12/TTr-UBND", "--by", "Lê Thị Hoa"], onPostgreSQL: false).status, 0)
        let corrected = try exported(onPostgreSQL: false)

        let moved = try run(["migrate", "--to", address, "--files", files.url.path, "--archive", batch.archive.url.path, "--quiet"])
        XCTAssertEqual(moved.status, 0, moved.output)
        XCTAssertNotNil(moved.output.range(of: #"corrections +[1-9][0-9]* rows"#, options: .regularExpression), moved.output)
        let onServer = try exported(onPostgreSQL: true)
        XCTAssertEqual(Set(onServer.keys), Set(corrected.keys))
        for (source, row) in corrected {
            XCTAssertEqual(NSDictionary(dictionary: onServer[source] ?? [:]), NSDictionary(dictionary: row), source)
        }
        XCTAssertEqual(try sohoa(["verify"], onPostgreSQL: true).status, 0)
        let shown = try sohoa(["show", id, "--no-text"], onPostgreSQL: true)
        XCTAssertTrue(shown.output.contains("Lê Thị Hoa"), shown.output)

        let again = try run(["migrate", "--to", address, "--files", files.url.path, "--archive", batch.archive.url.path, "--quiet"])
        XCTAssertNotEqual(again.status, 0)
        XCTAssertTrue(again.output.contains("already holds"), again.output)

        let back = try TemporaryFolder()
        let returned = try run(["migrate", "--from", address, "--files", files.url.path, "--archive", back.url.path, "--quiet"])
        XCTAssertEqual(returned.status, 0, returned.output)
        let backRows = try ExternalTool.run(SohoaBinary.url.path, ["export", "--archive", back.url.path]).stdout
        XCTAssertEqual(backRows.split(separator: "\n").count, corrected.count)
        XCTAssertEqual(try run(["verify", "--archive", back.url.path]).status, 0)
        // The index is written again on the way back: a search finds in the copy what it finds in the original.
        let word = "tờ trình"
        let original = try run(["search", word, "--json", "--archive", batch.archive.url.path])
        let copy = try run(["search", word, "--json", "--archive", back.url.path])
        XCTAssertEqual(original.status, 0, original.output)
        XCTAssertTrue(original.output.contains(id), original.output)
        XCTAssertEqual(copy.output, original.output)
    }

    /// The server restarts while a batch is being stored: the batch waits for it, runs the
    /// cut transaction again, and ends with every input stored once.
    func testABatchGoesOnThroughAServerRestart() throws {
        let scans = try BatchFixture()
        var factory = DocumentFactory(seed: 17)
        for index in 0..<5 {
            try scans.addScannedPDF("quet-\(index).pdf", factory.make(.congVan), dpi: 150)
        }
        let ingest = try SohoaBinary.start(["ingest", scans.inputs.url.path, "--archive", address, "--files", files.url.path,
                                            "--workers", "1", "--quiet"])
        defer { if ingest.isRunning { kill(ingest.processIdentifier, SIGKILL) } }
        func stored() throws -> Int {
            Int(try ExternalTool.run("psql", [address, "-tAc", "SELECT count(*) FROM documents"]).stdout
                .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        }
        let deadline = Date().addingTimeInterval(120)
        while try stored() < 1, Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        let storedBeforeRestart = try stored()
        try TestPostgres.shared().restart()
        ingest.waitUntilExit()
        XCTAssertLessThan(storedBeforeRestart, 5, "the restart came while the batch was being stored")
        XCTAssertEqual(ingest.terminationStatus, 0, "the batch went on through the restart")
        let rows = try exported(onPostgreSQL: true)
        XCTAssertEqual(rows.count, 5)
        XCTAssertEqual(Set(rows.values.compactMap { $0["status"] as? String }), ["ok"], "\(rows.values.compactMap { $0["error"] as? String })")
        XCTAssertEqual(try stored(), 5, "each stored once")
        XCTAssertEqual(try sohoa(["verify"], onPostgreSQL: true).status, 0)
    }

    /// Two scanning stations ingest their own folders into one server archive at once, the
    /// same scan in both: neither waits for the other, the scan is stored once and the other
    /// copy is its duplicate, and a second ingest of a folder being ingested is refused.
    func testStationsIngestTheirOwnFoldersAtOnce() throws {
        let first = try BatchFixture(), second = try BatchFixture()
        var factory = DocumentFactory(seed: 18)
        for index in 0..<3 { try first.addScannedPDF("a-\(index).pdf", factory.make(.congVan), dpi: 150) }
        for index in 0..<2 { try second.addScannedPDF("b-\(index).pdf", factory.make(.thongBao), dpi: 150) }
        let shared = try first.addScannedPDF("chung-a.pdf", factory.make(.toTrinh), dpi: 150)
        try second.add("chung-b.pdf", copying: shared)
        func start(_ folder: URL) throws -> Process {
            try SohoaBinary.start(["ingest", folder.path, "--archive", address, "--files", files.url.path, "--workers", "1", "--quiet"])
        }
        let stations = [try start(first.inputs.url), try start(second.inputs.url)]
        defer { for station in stations where station.isRunning { kill(station.processIdentifier, SIGKILL) } }

        let root = first.inputs.url.resolvingSymlinksInPath().path
        let deadline = Date().addingTimeInterval(60)
        while try ExternalTool.run("psql", [address, "-tAc", "SELECT count(*) FROM runs WHERE batch_root = '\(root)'"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines) != "1", Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        let again = try run(["ingest", first.inputs.url.path, "--archive", address, "--files", files.url.path, "--quiet"])
        XCTAssertTrue(stations[0].isRunning, "the first station was still at work when the second ingest of its folder came")
        XCTAssertNotEqual(again.status, 0, again.output)
        XCTAssertTrue(again.output.contains("another sohoa ingest is working on \(root)"), again.output)

        for station in stations {
            station.waitUntilExit()
            XCTAssertEqual(station.terminationStatus, 0)
        }
        let rows = try exported(onPostgreSQL: true)
        XCTAssertEqual(rows.count, 7)
        let copies = ["chung-a.pdf", "chung-b.pdf"].compactMap { rows[$0] }
        XCTAssertEqual(Set(copies.compactMap { $0["status"] as? String }), ["ok", "duplicate"], "\(copies)")
        let stored = copies.first { $0["status"] as? String == "ok" }, copy = copies.first { $0["status"] as? String == "duplicate" }
        XCTAssertNotNil(stored?["id"] as? String)
        XCTAssertEqual(copy?["duplicate_of"] as? String, stored?["id"] as? String, "the duplicate names the stored copy")
        XCTAssertEqual(Set(rows.values.compactMap { $0["status"] as? String }), ["ok", "duplicate"],
                       "\(rows.values.compactMap { $0["error"] as? String })")
        XCTAssertEqual(try ExternalTool.run("psql", [address, "-tAc", "SELECT count(*) FROM documents"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines), "6")
        let verify = try run(["verify", "--archive", address, "--files", files.url.path])
        XCTAssertEqual(verify.status, 0, verify.output)
    }

    func testStatusShowsTheWorkersTheirLeasesAndThePagesThatAreNotMoving() throws {
        let queue = try WorkQueue(link: try PostgresLink(try PostgresAddress(parsing: address)),
                                  settings: QueueSettings(leaseSeconds: 60, maxAttempts: 3))
        let run = try queue.beginRun(batchRoot: "/kho/hop-07", inputsFound: 1, host: "may-quet-2", pid: 4242, ocrEngine: nil)
        let input = try queue.registerInput(run: run, batchRoot: "/kho/hop-07", source: "HS001/tờ trình.pdf",
                                            sha256: SHA256(rawValue: String(repeating: "7", count: 64))!, stagedPath: nil)
        try queue.registerPages(3, of: input.id)
        let worker = try queue.join(host: "may-quet-2", pid: 4242)
        XCTAssertEqual(try queue.lease(for: worker).map(\.number), [1])

        let status = try sohoa(["status"], onPostgreSQL: true)
        XCTAssertEqual(status.status, 0, status.output)
        XCTAssertTrue(status.output.contains("Work queue: 1 worker running, 0 stopped; 2 pages waiting"), status.output)
        XCTAssertTrue(status.output.contains("may-quet-2 pid 4242"), status.output)
        XCTAssertTrue(status.output.contains("leased  HS001/tờ trình.pdf page 1 to \(worker), attempt 1"), status.output)

        let json = try sohoa(["status", "--json"], onPostgreSQL: true)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let workers = try XCTUnwrap((object["queue"] as? [String: Any])?["workers"] as? [[String: Any]])
        XCTAssertEqual(workers.map { $0["host"] as? String }, ["may-quet-2"])
        XCTAssertEqual(workers.first?["leases"] as? Int, 1)
    }
}
