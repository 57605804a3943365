import Crypto
import DocumentModel
import Foundation

/// SHA-256 of a file's bytes, streamed in 1 MiB chunks so that memory does not grow with
/// file size. The archive is content-addressed by it, duplicates are found by it and
/// `sohoa verify` re-checks every stored file against it.
public enum Fingerprint {
    public static func sha256(of url: URL) throws -> DocumentModel.SHA256 {
        try ChunkedFile(url).forEachChunk { _ in }
    }

    /// Copies `source` to a new file `destination`, fsyncs it and returns the SHA-256 of
    /// the bytes written: one read both copies and checks a file (an original into the
    /// archive, a stored file into a handover package).
    public static func copy(from source: URL, to destination: URL) throws -> DocumentModel.SHA256 {
        let output = open(destination.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard output >= 0 else { throw ArchiveError.writeFailed(path: destination.path, code: errno) }
        defer { close(output) }
        let sha = try ChunkedFile(source).forEachChunk { chunk in
            try chunk.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = write(output, bytes.baseAddress! + offset, bytes.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw ArchiveError.writeFailed(path: destination.path, code: errno)
                    }
                    offset += written
                }
            }
        }
        guard fsync(output) == 0 else { throw ArchiveError.writeFailed(path: destination.path, code: errno) }
        return sha
    }

    /// The SHA-256 of bytes in memory.
    public static func sha256(of data: Data) -> DocumentModel.SHA256 {
        DocumentModel.SHA256(digest: Crypto.SHA256.hash(data: data))
    }
}

/// A file read once, chunk by chunk, hashing as it goes: what is hashed is exactly what
/// the caller saw, even if the file changes meanwhile.
struct ChunkedFile {
    let url: URL

    init(_ url: URL) {
        self.url = url
    }

    /// Calls `body` with each chunk and returns the SHA-256 of all of them.
    func forEachChunk(_ body: (Data) throws -> Void) throws -> DocumentModel.SHA256 {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileReadError(path: url.path, code: errno) }
        defer { close(descriptor) }
        var hasher = Crypto.SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileReadError(path: url.path, code: errno)
            }
            if count == 0 { break }
            let chunk = Data(buffer[0..<count])
            hasher.update(data: chunk)
            try body(chunk)
        }
        return DocumentModel.SHA256(digest: hasher.finalize())
    }
}

/// A file that could not be opened or read, with the system's reason.
public struct FileReadError: Error, CustomStringConvertible {
    public var path: String
    /// The `errno` value: `ENOENT` when the file has vanished, `EACCES` for permissions.
    public var code: Int32

    public var description: String { String(cString: strerror(code)) }
}
