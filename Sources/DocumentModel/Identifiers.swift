/// A stored document's id in the archive: stable, shown to people, and the key every
/// other record of the document (pages, corrections, duplicates) points at.
///
/// Ids are minted by the archive; a value of this type from any other source is only a
/// claim, looked up before it is trusted.
public struct DocumentID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: DocumentID, rhs: DocumentID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The SHA-256 of a file's bytes, as 64 lower-case hex digits: how the archive addresses
/// an original (`originals/ab/<sha256>.pdf`) and recognises a duplicate.
///
/// The initialiser checks the form, so a value of this type is always safe to build a
/// path from.
public struct SHA256: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Nil unless `rawValue` is exactly 64 lower-case hex digits.
    public init?(rawValue: String) {
        guard rawValue.utf8.count == 64,
              rawValue.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else { return nil }
        self.rawValue = rawValue
    }

    /// The hex form of a digest a hasher produced: always well formed, so no check can fail.
    public init(digest bytes: some Sequence<UInt8>) {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        for byte in bytes {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        precondition(hex.count == 64, "a SHA-256 digest has 32 bytes")
        rawValue = String(decoding: hex, as: UTF8.self)
    }

    /// The two-digit folder that spreads stored files (`originals/ab/…`).
    public var prefix: String { String(rawValue.prefix(2)) }

    public var description: String { rawValue }
}
