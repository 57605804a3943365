import ArchiveStore
import Foundation
import Pipeline
import XCTest

/// The real corpus beside the project (`../shared/corpus-real`), documents nobody here made.
enum CorpusReal {
    static let docs = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/corpus-real/docs")

    static func file(_ name: String) throws -> URL {
        let url = docs.appendingPathComponent(name)
        try XCTSkipUnless(FileManager.default.fileExists(atPath: url.path), "shared/corpus-real is not beside the project")
        return url
    }
}

/// A batch folder and an archive folder for one test, and a way to run `ingest` and read
/// the export back the way outside tools do.
final class BatchFixture {
    let inputs: TemporaryFolder
    let archive: TemporaryFolder
    var configuration = PipelineConfiguration()

    init() throws {
        inputs = try TemporaryFolder()
        archive = try TemporaryFolder()
        configuration.ocr.workers = 2
    }

    func add(_ name: String, data: Data) throws {
        let url = inputs.url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func add(_ name: String, copying source: URL) throws {
        try add(name, data: try Data(contentsOf: source))
    }

    @discardableResult
    func ingest() throws -> IngestReport {
        try BatchIngestor(configuration: configuration, archiveDirectory: archive.url).ingest(folder: inputs.url)
    }

    /// The export, one dictionary per line, keyed by `source`.
    func export() throws -> [String: [String: Any]] {
        let file = archive.url.appendingPathComponent("export.jsonl")
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        try Archive(directory: archive.url).exportJSONL(to: handle)
        try handle.close()
        var rows: [String: [String: Any]] = [:]
        for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
            let row = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            rows[try XCTUnwrap(row["source"] as? String)] = row
        }
        return rows
    }

    func openArchive() throws -> Archive {
        try Archive(directory: archive.url)
    }
}

/// The `sohoa` command built beside the tests (`swift build --build-tests` builds it).
enum SohoaBinary {
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/debug/sohoa")

    /// Whether every folder above the binary lets other users through (it is not under a
    /// private home folder), so it can be run as an unprivileged user.
    static var isReachableByAnyUser: Bool {
        var folder = url.resolvingSymlinksInPath().deletingLastPathComponent()
        while folder.path != "/" {
            var info = stat()
            guard stat(folder.path, &info) == 0, info.st_mode & 0o001 != 0 else { return false }
            folder.deleteLastPathComponent()
        }
        return true
    }

    /// Runs it to the end; `user` (a uid) runs it through setpriv as that user.
    static func run(_ arguments: [String], as user: String? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        if let user {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=\(user)", "--regid=\(user)", "--clear-groups", url.path] + arguments
        } else {
            process.executableURL = url
            process.arguments = arguments
        }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
