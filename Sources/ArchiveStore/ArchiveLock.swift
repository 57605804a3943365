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
