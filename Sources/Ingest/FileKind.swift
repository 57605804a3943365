import Foundation

/// What a file is, decided by its first bytes — never by its extension, which scanners
/// and people get wrong.
public enum FileKind: String, Sendable, Equatable {
    case pdf, png, jpeg, tiff

    /// The extension the archive gives the stored original.
    public var fileExtension: String {
        switch self {
        case .pdf: return "pdf"
        case .png: return "png"
        case .jpeg: return "jpg"
        case .tiff: return "tif"
        }
    }

    /// The media type recorded with the stored original.
    public var mediaType: String {
        switch self {
        case .pdf: return "application/pdf"
        case .png: return "image/png"
        case .jpeg: return "image/jpeg"
        case .tiff: return "image/tiff"
        }
    }

    /// Sniffs a file; throws ``InputError/empty`` or ``InputError/notADocument``.
    public static func sniff(_ url: URL) throws -> FileKind {
        let handle = try openForReading(url)
        defer { try? handle.close() }
        // PDF allows junk before the header within the first 1024 bytes.
        let head = (try? handle.read(upToCount: 1024)) ?? Data()
        if head.isEmpty { throw InputError.empty }
        if let kind = sniff(head) { return kind }
        throw InputError.notADocument
    }

    static func sniff(_ head: Data) -> FileKind? {
        let bytes = [UInt8](head)
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: [0x49, 0x49, 0x2A, 0x00]) || bytes.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
        let marker: [UInt8] = Array("%PDF-".utf8)
        if bytes.count >= marker.count {
            for start in 0...(bytes.count - marker.count) where bytes[start] == marker[0] {
                if Array(bytes[start..<(start + marker.count)]) == marker { return .pdf }
            }
        }
        return nil
    }

    /// Opens an input, turning the system's error into a reason a person understands.
    static func openForReading(_ url: URL) throws -> FileHandle {
        do {
            return try FileHandle(forReadingFrom: url)
        } catch {
            throw InputError.unreadable(reason(error))
        }
    }

    /// A system error in the words of the file it concerns ("permission denied").
    public static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain,
           let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue))
        }
        if nsError.code == NSFileReadNoPermissionError { return "permission denied" }
        if nsError.code == NSFileReadNoSuchFileError { return "the file disappeared" }
        return nsError.localizedDescription
    }
}
