import ArchiveStore
import Foundation
import Pipeline
import XCTest

/// A batch folder and an archive folder for one test, and a way to run `ingest` and read
/// the export back the way outside tools do.
public final class BatchFixture {
    public let inputs: TemporaryFolder
    public let archive: TemporaryFolder
    public var configuration = PipelineConfiguration()

    public init() throws {
        inputs = try TemporaryFolder()
        archive = try TemporaryFolder()
        configuration.ocr.workers = 2
    }

    public func add(_ name: String, data: Data) throws {
        let url = inputs.url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    public func add(_ name: String, copying source: URL) throws {
        try add(name, data: try Data(contentsOf: source))
    }

    @discardableResult
    public func ingest() throws -> IngestReport {
        try BatchIngestor(configuration: configuration, archive: .folder(archive.url)).ingest(folder: inputs.url)
    }

    /// The export, one dictionary per line, keyed by `source`.
    public func export() throws -> [String: [String: Any]] {
        try Archive(directory: archive.url).exportedRows(through: archive.url.appendingPathComponent("export.jsonl"))
    }

    public func openArchive() throws -> Archive {
        try Archive(directory: archive.url)
    }
}

extension DocumentStore {
    /// The export as outside tools read it: written to `file` as JSON Lines, read back one
    /// dictionary per line, keyed by `source`.
    public func exportedRows(through file: URL) throws -> [String: [String: Any]] {
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        try exportJSONL(to: handle, visibleTo: .unrestricted)
        try handle.close()
        var rows: [String: [String: Any]] = [:]
        for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
            let row = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            rows[try XCTUnwrap(row["source"] as? String)] = row
        }
        return rows
    }
}
