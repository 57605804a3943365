import ArchiveStore
import Foundation

/// A batch started from the web app: the folder it reads, as resolved.
public struct BatchStart: Sendable, Equatable {
    public var folder: String
}

extension ReadingRoom {
    /// Starts `sohoa ingest` on `folder` as a process of its own, which takes the archive's
    /// batch lock, writes the ledger the batches page reads, and goes on if the server stops.
    /// It names the archive as `location` does for another process: a server archive's
    /// password goes in its environment, not on its command line.
    ///
    /// The folder is resolved (links and `..` followed) before it is judged, and must lie
    /// under one of `server.ingest_roots`, resolved the same way: a path outside them,
    /// or a link leading out of them, is refused and nothing is started.
    public func startBatch(folder typed: String, executable: URL, configurationFile: String?, location: ArchiveLocation) throws -> BatchStart {
        try require(.archivist)
        let roots = configuration.server.ingestRoots.compactMap(ReadingRoom.resolved)
        guard !roots.isEmpty else {
            throw CommandFailure(.forbidden, "no folder may be ingested from the web app: set server.ingest_roots in pipeline.yaml")
        }
        guard !typed.utf8.contains(0), let folder = ReadingRoom.resolved(typed),
              roots.contains(where: { folder == $0 || folder.hasPrefix($0 == "/" ? "/" : $0 + "/") }) else {
            throw CommandFailure(.forbidden, "'\(typed.printable)' is not a folder under the configured ingest roots (\(configuration.server.ingestRoots.joined(separator: ", ")))")
        }
        // On a server, batches of different folders run at once; the lock is per folder.
        if location.isServer {
            guard try !archive.isBatchLockHeld(for: folder) else {
                throw CommandFailure(.badUsage, "a batch of \(folder) is already running; start this one when it has finished")
            }
        } else if ArchiveLock.isHeld(archiveDirectory: archive.directory) {
            throw CommandFailure(.badUsage, "a batch is already running on this archive; start this one when it has finished")
        }
        let (archiveArguments, environment) = location.commandLine
        let process = Process()
        process.executableURL = executable
        process.arguments = ["ingest", folder] + archiveArguments + ["--quiet"] + (configurationFile.map { ["--config", $0] } ?? [])
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw CommandFailure(.unusable, "cannot start the batch: \(error)")
        }
        try archive.record(AuditEvent(kind: .batchStarted, actor: user.name.rawValue, subject: folder, client: client))
        return BatchStart(folder: folder)
    }

    /// The folder a path leads to, links and `..` resolved; nil unless it is an existing folder.
    static func resolved(_ path: String) -> String? {
        guard !path.isEmpty, let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        let text = String(cString: real)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: text, isDirectory: &isFolder), isFolder.boolValue else { return nil }
        return text
    }
}
