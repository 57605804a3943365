import Crypto
import Foundation

/// SHA-256 of a file's bytes, streamed in 1 MiB chunks so that memory does not grow with
/// file size. The archive is content-addressed by it and duplicates are found by it.
public enum Fingerprint {
    public static func sha256(of url: URL) throws -> String {
        let handle = try FileKind.openForReading(url)
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            } catch {
                throw InputError.unreadable(FileKind.reason(error))
            }
            if chunk.isEmpty { break }
            hasher.update(data: chunk)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
