import ArchiveStore
import Crypto
import DocumentModel
import Foundation

/// A random secret handed to a person or a browser once — an API token, a session id, a
/// CSRF token — and, for the first two, the SHA-256 the archive keeps instead of it.
///
/// 32 bytes from the system's generator (getrandom on Linux) as 64 hex digits: guessing
/// one is out of reach, and the text is safe in a header, a cookie and a form.
public struct Secret: Sendable, Equatable, CustomStringConvertible {
    public let text: String

    public init() {
        var generator = SystemRandomNumberGenerator()
        text = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// A secret as presented by a client: nil unless it has the form this type makes, so
    /// a header or cookie of any other shape is refused before the archive is asked.
    public init?(presented text: String) {
        guard text.utf8.count == 64, text.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else { return nil }
        self.text = text
    }

    /// What the archive stores: the secret's SHA-256, so a copy of the database signs no one in.
    public var digest: DocumentModel.SHA256 { DocumentModel.SHA256(digest: Crypto.SHA256.hash(data: Data(text.utf8))) }

    /// Compares in time independent of where the texts differ, for the CSRF check.
    public func matches(_ other: String) -> Bool {
        let mine = Array(text.utf8), theirs = Array(other.utf8)
        guard mine.count == theirs.count else { return false }
        return zip(mine, theirs).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    public var description: String { text }
}
