import ArchiveStore
import Evaluation
import Foundation
import Pipeline
import PostgresArchive

/// Where a command works: its configuration and its archive, as the command line or the
/// server names them.
///
/// Every command opens the archive through here, so "which archive" and "which
/// configuration" are decided once: `--config`, else `./pipeline.yaml` when present, else
/// the defaults; `--archive`, else the configuration's `archive`. An archive named by a
/// `postgresql://` address is on that server, its files in `--files`, else the
/// configuration's `storage.files`.
public struct Workspace: Sendable {
    /// A configuration file given explicitly (`--config`).
    public var configurationFile: String?
    /// An archive folder or PostgreSQL address given explicitly (`--archive`).
    public var archivePath: String?
    /// The files of a PostgreSQL archive given explicitly (`--files`).
    public var filesPath: String?

    public init(configurationFile: String? = nil, archivePath: String? = nil, filesPath: String? = nil) {
        self.configurationFile = configurationFile
        self.archivePath = archivePath
        self.filesPath = filesPath
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

    /// The archive's place: a folder, or a PostgreSQL server with the folder of its files.
    public func archiveLocation(_ configuration: PipelineConfiguration) throws -> ArchiveLocation {
        let named = archivePath ?? configuration.archive
        guard PostgresAddress.isAddress(named) else { return .folder(URL(fileURLWithPath: named)) }
        let address: PostgresAddress
        do {
            address = try PostgresAddress(parsing: named)
        } catch {
            throw CommandFailure(.badUsage, "\(error)")
        }
        guard let files = filesPath ?? configuration.storage.files else {
            throw CommandFailure(.badUsage, "a PostgreSQL archive keeps its files in a folder every machine mounts: "
                + "name it with --files DIR, or storage.files in pipeline.yaml")
        }
        return .postgres(address, files: URL(fileURLWithPath: files))
    }

    /// Opens an existing archive for reading commands; creating one there would hide a typo.
    public func openExistingArchive() throws -> Archive {
        try Workspace.openExisting(archiveLocation(try configuration()))
    }

    /// The archive, made when there is none yet: users may be added before the first batch.
    public func openArchiveForAccounts() throws -> Archive {
        try Workspace.open(archiveLocation(try configuration()))
    }

    /// The archive at `location`, which must exist.
    static func openExisting(_ location: ArchiveLocation, named name: String? = nil) throws -> Archive {
        guard location.exists else {
            throw CommandFailure(.unusable, name.map { "no archive at \($0)" }
                ?? "no archive at \(location) (run 'sohoa ingest' first, or pass --archive)")
        }
        return try open(location)
    }

    /// The archive at `location`, made when there is none.
    static func open(_ location: ArchiveLocation) throws -> Archive {
        do {
            return try location.open()
        } catch {
            throw CommandFailure(.unusable, "cannot open the archive at \(location): \(error)")
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
