import ArchiveStore
import Foundation
import NIOPosix

/// Connections to the archive for the server's requests. An `Archive` holds one SQLite
/// connection and serves one thread at a time, and its calls block: each request borrows
/// one, runs on NIO's thread pool (never on an event loop), and gives it back. SQLite's
/// write-ahead log lets these readers run while `sohoa ingest` writes.
final class ArchivePool: @unchecked Sendable {
    let location: ArchiveLocation
    private let lock = NSLock()
    private var idle: [Archive] = []
    /// Recent search answers, shared by every connection.
    private let searchMemo = SearchMemo()
    private let threads: NIOThreadPool

    init(location: ArchiveLocation, threads: NIOThreadPool = .singleton) throws {
        self.location = location
        self.threads = threads
        idle.append(try open())
    }

    /// Runs `body` with a connection of its own, off the event loop.
    func run<T: Sendable>(_ body: @escaping @Sendable (Archive) throws -> T) async throws -> T {
        try await threads.runIfActive { [self] in
            let archive = try take()
            defer { give(archive) }
            return try body(archive)
        }
    }

    private func take() throws -> Archive {
        if let archive = lock.withLock({ idle.popLast() }) { return archive }
        return try open()
    }

    private func open() throws -> Archive {
        let archive = try location.open()
        archive.searchMemo = searchMemo
        return archive
    }

    private func give(_ archive: Archive) {
        lock.withLock { idle.append(archive) }
    }
}
