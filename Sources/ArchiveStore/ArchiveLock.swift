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
    /// The right to write a batch, across machines, on a server archive: a session lock
    /// that the server drops with this connection, so with the process however it ends.
    /// Nothing to take on SQLite, where ``ArchiveLock`` on the folder is the right.
    /// Throws ``ArchiveError/busy`` at once if another batch holds it.
    public func holdBatchLock() throws {
        guard database.dialect == .postgresql else { return }
        // "sohoa" in ASCII, a key no other program is likely to take.
        let held = try database.prepare("SELECT pg_try_advisory_lock(495857594209) AS held").rows { $0.bool("held") }.first
        guard held == true else { throw ArchiveError.busy }
    }
}
