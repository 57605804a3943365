import Foundation
import VietnameseText

/// Plain paths, in a private folder, that lead to files whose names are not UTF-8.
///
/// Foundation, Poppler and Leptonica open files by a path given as a string, and a name that
/// is not UTF-8 has no string that names it. A symbolic link with a plain name, pointing at
/// the name's bytes, lets every reader open the original where it lies: nothing is copied,
/// and the original is only read. The folder goes when the last reference to this does,
/// once the batch has read its files.
public final class NameAliases: @unchecked Sendable {
    /// An alias, or why the name cannot be ingested.
    enum Outcome {
        case alias(URL, isDirectory: Bool)
        case failed(String)
    }

    private let lock = NSLock()
    private var folder: URL?
    private var made = 0

    init() {}

    deinit {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    /// An alias for the file or folder at `path` (bytes), checked as ``InputFinder`` checks
    /// any name: it must exist, and a link must lead inside `root` unless links are followed
    /// everywhere.
    func alias(for path: [UInt8], inside root: String, followLinks: LinkPolicy) -> Outcome {
        let cPath = path.map { CChar(bitPattern: $0) } + [0]
        var target = stat()
        guard stat(cPath, &target) == 0 else { return .failed("broken symbolic link") }
        var entry = stat()
        if lstat(cPath, &entry) == 0, entry.st_mode & S_IFMT == S_IFLNK, followLinks == .inside {
            guard let resolved = realpath(cPath, nil) else { return .failed("broken symbolic link") }
            defer { free(resolved) }
            let bytes = Array(UnsafeBufferPointer(start: resolved, count: strlen(resolved))).map { UInt8(bitPattern: $0) }
            let rootBytes = Array(root.utf8)
            let inside = bytes == rootBytes || bytes.starts(with: rootBytes + (root.hasSuffix("/") ? [] : [UInt8(ascii: "/")]))
            guard inside else { return .failed("link leads outside the batch folder (\(SourceName.escaped(bytes)))") }
        }
        lock.lock()
        defer { lock.unlock() }
        do {
            if folder == nil {
                let made = FileManager.default.temporaryDirectory.appendingPathComponent("sohoa-names-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: made, withIntermediateDirectories: false)
                folder = made
            }
        } catch {
            return .failed("no alias can be made for a name that is not UTF-8: \(error.localizedDescription)")
        }
        made += 1
        guard let url = folder?.appendingPathComponent(String(made)), symlink(cPath, url.path) == 0 else {
            return .failed("no alias can be made for a name that is not UTF-8: \(String(cString: strerror(errno)))")
        }
        return .alias(url, isDirectory: target.st_mode & S_IFMT == S_IFDIR)
    }
}
