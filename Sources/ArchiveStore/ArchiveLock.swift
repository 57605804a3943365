import Foundation

/// The right to write batches into an archive folder: one `sohoa ingest` at a time.
///
/// An advisory `flock` on `sohoa.lock`. The kernel drops it when the process dies, however
/// it dies, so a killed batch never leaves the archive locked.
public final class ArchiveLock {
    private let descriptor: Int32

    /// Takes the lock, or throws ``ArchiveError/busy`` at once if another batch holds it.
    public init(archiveDirectory: URL) throws {
        let path = archiveDirectory.appendingPathComponent("sohoa.lock").path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ArchiveError.writeFailed(path: path, code: errno) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw ArchiveError.busy
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Whether some process holds the lock now (a batch is running).
    public static func isHeld(archiveDirectory: URL) -> Bool {
        let descriptor = open(archiveDirectory.appendingPathComponent("sohoa.lock").path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_SH | LOCK_NB) == 0 else { return true }
        flock(descriptor, LOCK_UN)
        return false
    }
}

extension Archive {
    /// The right to register a batch folder, across machines, on a server archive: a
    /// session lock on the folder's path that the server drops with this connection, so
    /// with the process however it ends. Stations ingest their own folders at once; one
    /// folder twice at once would pull its inputs from one run into the other. Nothing to
    /// take on SQLite, where ``ArchiveLock`` on the archive folder is the right.
    /// Throws ``ArchiveError/folderBusy(_:)`` at once if another batch of the folder holds it.
    public func holdBatchLock(for batchRoot: String) throws {
        guard database.dialect == .postgresql else { return }
        guard try takeBatchLock(for: batchRoot) else { throw ArchiveError.folderBusy(batchRoot) }
    }

    /// Whether a batch of `batchRoot` holds its lock now, on a server archive: a look (the
    /// lock taken and given back at once), for the web app before it starts a batch.
    public func isBatchLockHeld(for batchRoot: String) throws -> Bool {
        guard database.dialect == .postgresql else { return false }
        guard try takeBatchLock(for: batchRoot) else { return true }
        _ = try database.prepare("SELECT pg_advisory_unlock(\(Self.batchLockKey)) AS freed").bind([.text(batchRoot)]).rows { _ in () }
        return false
    }

    /// 1936681071 is "soho" in ASCII: a first key no other program is likely to take.
    private static let batchLockKey = "1936681071, hashtext(?)"

    private func takeBatchLock(for batchRoot: String) throws -> Bool {
        try database.prepare("SELECT pg_try_advisory_lock(\(Self.batchLockKey)) AS held").bind([.text(batchRoot)])
            .rows { $0.bool("held") }.first == true
    }
}
