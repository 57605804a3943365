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
    public var isServer: Bool { server != nil }
    /// The server's address, for the connections a server archive needs besides its
    /// ``Archive``s (the work queue's); nil for an archive folder.
    public let server: (any ServerAddress)?
    private let opener: @Sendable () throws -> Archive

    /// A server archive; `open` makes one connection.
    public init(server: any ServerAddress, files: URL, open: @escaping @Sendable () throws -> Archive) {
        self.files = files
        description = server.description
        self.server = server
        opener = open
    }

    /// The archive folder `directory`, with its `sohoa.sqlite`.
    public static func folder(_ directory: URL) -> ArchiveLocation {
        ArchiveLocation(directory: directory)
    }

    private init(directory: URL) {
        files = directory
        description = directory.path
        server = nil
        opener = { try Archive(directory: directory) }
    }

    /// Opens one connection to the archive, making it when there is none.
    public func open() throws -> Archive {
        try opener()
    }

    /// How another `sohoa` process on this machine names this archive: its options, and
    /// the environment that carries a server's password, never its command line.
    public var commandLine: (arguments: [String], environment: [String: String]) {
        guard let server else { return (["--archive", files.path], [:]) }
        return (["--archive", server.withoutPassword, "--files", files.path], server.passwordEnvironment)
    }

    /// Whether an archive is there already: the folder holds a database (a server archive
    /// is made by its administrator, so it counts as there).
    public var exists: Bool {
        isServer || FileManager.default.fileExists(atPath: files.appendingPathComponent("sohoa.sqlite").path)
    }
}

/// A database server's address, as the module that connects to it spells it
/// (`PostgresArchive`'s `PostgresAddress`); its description never shows a password.
public protocol ServerAddress: Sendable, CustomStringConvertible {
    /// The address with no password in it, to put on another process's command line
    /// (which every user of the machine can read).
    var withoutPassword: String { get }
    /// The password as that process's environment carries it; empty when there is none.
    var passwordEnvironment: [String: String] { get }
}
