import DocumentSynth
import Foundation
import SohoaTesting
import XCTest

/// `sohoa ingest --watch`: a consume folder that scanners and copy jobs write into, on an
/// archive folder and on PostgreSQL.
final class ConsumeFolderTests: XCTestCase {
    func testAFileIsTakenOnceItStopsChangingAndNeverHalfWritten() throws {
        let archive = try TemporaryFolder()
        try consume(into: ["--archive", archive.url.path])
    }

    func testAFileIsTakenOnceItStopsChangingOnPostgreSQL() throws {
        let files = try TemporaryFolder()
        try consume(into: ["--archive", try TestPostgres.shared().freshDatabase(), "--files", files.url.path])
    }

    private func consume(into archive: [String]) throws {
        let inbox = try TemporaryFolder(), work = try TemporaryFolder()
        let configuration = work.url.appendingPathComponent("pipeline.yaml")
        try Data("input:\n  stable_seconds: 1\n".utf8).write(to: configuration)
        var factory = DocumentFactory(seed: 61)
        let complete = work.url.appendingPathComponent("a.pdf"), slow = work.url.appendingPathComponent("b.pdf")
        try DocumentRenderer.writePDF(factory.make(.congVan), to: complete)
        try DocumentRenderer.writePDF(factory.make(.quyetDinh, pages: 2), to: slow)

        let watcher = Process()
        watcher.executableURL = SohoaBinary.url
        watcher.arguments = ["ingest", inbox.url.path, "--watch", "--interval", "0.3", "--json", "--quiet",
                             "--config", configuration.path] + archive
        let output = Pipe()
        watcher.standardOutput = output
        watcher.standardError = FileHandle.nullDevice
        try watcher.run()
        defer { if watcher.isRunning { kill(watcher.processIdentifier, SIGKILL) } }

        try FileManager.default.copyItem(at: complete, to: inbox.url.appendingPathComponent("a.pdf"))
        // A copy that takes seconds: each piece changes the file's size, so it is never
        // still for a whole second until the last piece is in.
        let bytes = try Data(contentsOf: slow)
        let target = inbox.url.appendingPathComponent("b.pdf")
        FileManager.default.createFile(atPath: target.path, contents: nil)
        let handle = try FileHandle(forWritingTo: target)
        let piece = bytes.count / 6 + 1
        for start in stride(from: 0, to: bytes.count, by: piece) {
            try handle.write(contentsOf: bytes[start..<min(bytes.count, start + piece)])
            Thread.sleep(forTimeInterval: 0.45)
        }
        try handle.close()

        var rows: [[String: Any]] = []
        let deadline = Date().addingTimeInterval(90)
        while Date() < deadline {
            let export = try ExternalTool.run(SohoaBinary.url.path, ["export"] + archive)
            rows = try export.stdout.split(separator: "\n").map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
            if rows.count >= 2 { break }
            Thread.sleep(forTimeInterval: 0.5)
        }
        XCTAssertEqual(rows.compactMap { $0["source"] as? String }.sorted(), ["a.pdf", "b.pdf"])
        XCTAssertEqual(rows.map { $0["status"] as? String }, ["ok", "ok"], "the slow copy was not read half-written: \(rows)")
        Thread.sleep(forTimeInterval: 1.5)
        let export = try ExternalTool.run(SohoaBinary.url.path, ["export"] + archive)
        XCTAssertEqual(export.stdout.split(separator: "\n").count, 2, "each file taken once")

        kill(watcher.processIdentifier, SIGTERM)
        watcher.waitUntilExit()
        XCTAssertEqual(watcher.terminationStatus, 0)
        let batches = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n")
        let reports = try batches.map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        XCTAssertEqual(reports.compactMap { $0["stored"] as? Int }.reduce(0, +), 2, "\(batches)")
        XCTAssertEqual(reports.compactMap { $0["failed"] as? Int }.reduce(0, +), 0, "\(batches)")
    }
}
