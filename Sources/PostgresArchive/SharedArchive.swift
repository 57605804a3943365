import ArchiveStore
import Foundation

/// An ``Archive`` on PostgreSQL, for many machines at once: the same type, the same
/// requests and the same SQL as an archive folder's SQLite, with the database on the server
/// and the files (originals, searchable copies) in a folder every machine mounts.
///
///     let archive = try SharedArchive.open(try PostgresAddress(parsing: "postgresql://sohoa@db/archive"),
///                                          files: URL(fileURLWithPath: "/mnt/luu-tru"))
public enum SharedArchive {
    /// Connects, brings the schema up to date, and opens the archive. One per thread, as
    /// with SQLite: each holds its own connection.
    public static func open(_ address: PostgresAddress, files: URL) throws -> Archive {
        let link = try PostgresLink(address)
        try PostgresSchema.apply(on: link)
        let archive = try Archive(server: PostgresSQLServer(link: link), files: files)
        try archive.finishIndexUpgrade()
        return archive
    }
}

extension ArchiveLocation {
    /// An archive on a PostgreSQL server, its files in `files`.
    public static func postgres(_ address: PostgresAddress, files: URL) -> ArchiveLocation {
        ArchiveLocation(server: address, files: files) { try SharedArchive.open(address, files: files) }
    }
}

extension PostgresAddress: ServerAddress {}
