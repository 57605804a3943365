import ArchiveStore
import Evaluation
import Foundation
import Pipeline

/// Where a command works: its configuration and its archive, as the command line or the
/// server names them.
///
/// Every command opens the archive through here, so "which archive" and "which
/// configuration" are decided once: `--config`, else `./pipeline.yaml` when present, else
/// the defaults; `--archive`, else the configuration's `archive`.
public struct Workspace: Sendable {
    /// A configuration file given explicitly (`--config`).
    public var configurationFile: String?
    /// An archive folder given explicitly (`--archive`).
    public var archivePath: String?

    public init(configurationFile: String? = nil, archivePath: String? = nil) {
        self.configurationFile = configurationFile
        self.archivePath = archivePath
    }

    public func configuration() throws -> PipelineConfiguration {
        do {
            if let configurationFile {
                return try PipelineConfiguration.load(from: URL(fileURLWithPath: configurationFile))
            }
            let local = URL(fileURLWithPath: "pipeline.yaml")
            if FileManager.default.fileExists(atPath: local.path) {
                return try PipelineConfiguration.load(from: local)
            }
            return PipelineConfiguration()
        } catch {
            throw CommandFailure(.unusable, "\(error)")
        }
    }

    public func archiveDirectory(_ configuration: PipelineConfiguration) -> URL {
        URL(fileURLWithPath: archivePath ?? configuration.archive)
    }

    /// Opens an existing archive for reading commands; creating one there would hide a typo.
    public func openExistingArchive() throws -> Archive {
        try Workspace.openExisting(archiveDirectory(try configuration()))
    }

    /// The archive, made when there is none yet: users may be added before the first batch.
    public func openArchiveForAccounts() throws -> Archive {
        let directory = archiveDirectory(try configuration())
        do {
            return try Archive(directory: directory)
        } catch {
            throw CommandFailure(.unusable, "cannot open the archive at \(directory.path): \(error)")
        }
    }

    /// The archive in `directory`, which must exist.
    static func openExisting(_ directory: URL, named name: String? = nil) throws -> Archive {
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("sohoa.sqlite").path) else {
            throw CommandFailure(.unusable, name.map { "no archive at \($0)" }
                ?? "no archive at \(directory.path) (run 'sohoa ingest' first, or pass --archive)")
        }
        do {
            return try Archive(directory: directory)
        } catch {
            throw CommandFailure(.unusable, "cannot open the archive at \(directory.path): \(error)")
        }
    }
}

/// A JSON Lines file (a truth file, an export); one that cannot be read is unusable, and
/// the failure says why.
public func readJSONLines(_ path: String) throws -> [JSONRecord] {
    do {
        return try JSONRecord.parseLines(Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
        throw CommandFailure(.unusable, "cannot read \(path): \(error)")
    }
}

/// One JSON object on one line, keys sorted, for output that scripts read (see ``JSONText``).
public func jsonText(_ object: [String: Any]) -> String {
    var text = JSONText()
    text.write(object)
    return text.output
}

/// One `Encodable` value as one line of JSON, keys sorted: `--json` output of hits,
/// documents, review items and corrections.
public func jsonLine<Value: Encodable>(_ value: Value, snakeCaseKeys: Bool = false) throws -> String {
    let encoder = JSONEncoder()
    if snakeCaseKeys { encoder.keyEncodingStrategy = .convertToSnakeCase }
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}
