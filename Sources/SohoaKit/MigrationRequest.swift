import ArchiveStore
import Foundation
import PostgresArchive

/// `sohoa migrate`: an archive folder copied onto a PostgreSQL server (`--to`), or a
/// server's archive brought back into a folder (`--from`), checked row for row and file
/// by file.
public struct MigrationRequest {
    public enum Direction: Sendable {
        /// From the workspace's archive folder to the server.
        case toServer
        /// From the server to the workspace's archive folder.
        case fromServer
    }

    public var direction: Direction
    /// `postgresql://USER[:PASS]@HOST[:PORT]/DB`.
    public var server: String

    public init(direction: Direction, server: String) {
        self.direction = direction
        self.server = server
    }

    public func run(in workspace: Workspace, progress: (String) -> Void) throws -> ArchiveCopyReport {
        let configuration = try workspace.configuration()
        var serverSide = workspace
        serverSide.archivePath = server
        let remote = try serverSide.archiveLocation(configuration)
        guard remote.isServer else { throw CommandFailure(.badUsage, "'\(server)' is not a postgresql:// address") }
        let local = try workspace.archiveLocation(configuration)
        guard !local.isServer else {
            throw CommandFailure(.badUsage, "--archive names the other side of the copy: an archive folder, not a server")
        }
        let (source, target): (ArchiveLocation, ArchiveLocation) = direction == .toServer ? (local, remote) : (remote, local)
        let from = try Workspace.openExisting(source)
        let to = try Workspace.open(target)
        do {
            return try from.copy(into: to, progress: progress)
        } catch let error as ArchiveError {
            throw CommandFailure(.unusable, "cannot copy \(source) to \(target): \(error)")
        }
    }
}

extension ArchiveCopyReport {
    /// One line per table, then the files.
    public var text: String {
        var lines = rows.map { "\($0.table.padding(toLength: 20, withPad: " ", startingAt: 0)) \($0.count) rows" }
        lines.append("files                \(filesCopied) copied, \(filesInPlace) already in place, every one hashed")
        lines.append("search index         \(indexRows) rows written")
        return lines.joined(separator: "\n")
    }

    public var jsonLine: String {
        jsonText([
            "rows": Dictionary(uniqueKeysWithValues: rows.map { ($0.table, $0.count) }),
            "files_copied": filesCopied, "files_in_place": filesInPlace, "index_rows": indexRows,
        ])
    }
}
