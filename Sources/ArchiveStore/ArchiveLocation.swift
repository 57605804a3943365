import Foundation

/// Where an archive is, and how to open a connection to it: an archive folder with its
/// SQLite database, or a database server with the files in a folder every machine mounts.
///
/// A location is a value that threads share; each thread opens its own ``Archive`` from
/// it, as each holds one connection. The server's kind is supplied by the module that
/// connects to it (`PostgresArchive`: `ArchiveLocation.postgres(_:files:)`).
public struct ArchiveLocation: Sendable, CustomStringConvertible {
    /// The archive folder (SQLite), or the folder of the server archive's files.
    public let files: URL
    /// The archive as a person names it: its folder, or its server address without the password.
    public let description: String
    /// Whether the database is a server that other machines share.
    public let isServer: Bool
    private let opener: @Sendable () throws -> Archive

    /// A server archive; `open` makes one connection.
    public init(server description: String, files: URL, open: @escaping @Sendable () throws -> Archive) {
        self.files = files
        self.description = description
        isServer = true
        opener = open
    }

    /// The archive folder `directory`, with its `sohoa.sqlite`.
    public static func folder(_ directory: URL) -> ArchiveLocation {
        ArchiveLocation(directory: directory)
    }

    private init(directory: URL) {
        files = directory
        description = directory.path
        isServer = false
        opener = { try Archive(directory: directory) }
    }

    /// Opens one connection to the archive, making it when there is none.
    public func open() throws -> Archive {
        try opener()
    }

    /// Whether an archive is there already: the folder holds a database (a server archive
    /// is made by its administrator, so it counts as there).
    public var exists: Bool {
        isServer || FileManager.default.fileExists(atPath: files.appendingPathComponent("sohoa.sqlite").path)
    }
}
