import Foundation
import VietnameseText

/// One file found under the folder given to `ingest`.
public struct InputFile: Sendable, Equatable {
    /// Where the file is on disk.
    public var url: URL
    /// Its path relative to the batch folder, `/`-separated and NFC: what the export calls `source`.
    public var source: String
}

/// Which symbolic links in a batch folder are followed (`input.follow_links`).
public enum LinkPolicy: String, Sendable, CaseIterable {
    /// Only links whose target lies inside the batch folder: a box is what is in the box,
    /// and a link cannot carry `/etc/passwd`, or a scan from elsewhere on the machine, into
    /// the archive (which matters most when batches are started from the web app).
    case inside
    /// Every link, wherever it leads.
    case always
}

/// Walks a folder recursively, in a stable (sorted) order.
///
/// Symbolic links are followed as ``LinkPolicy`` says (by default only those leading inside
/// the folder); a link leading elsewhere is reported with its target, never read. A
/// directory reached twice (a link loop, or two links to one place) is walked once. Hidden
/// files (`.DS_Store`, editor droppings) are skipped when configured to; everything else is
/// returned, so that what is not a document is reported as such rather than silently ignored.
public struct InputFinder: Sendable {
    public var skipHidden: Bool
    public var followLinks: LinkPolicy

    public init(skipHidden: Bool = true, followLinks: LinkPolicy = .inside) {
        self.skipHidden = skipHidden
        self.followLinks = followLinks
    }

    /// The files under `root`; a single file may be given too.
    /// - Returns: the files, and the folders that could not be listed with the reason.
    public func files(under root: URL) -> (files: [InputFile], unreadable: [(source: String, reason: String)]) {
        var files: [InputFile] = []
        var unreadable: [(String, String)] = []
        var visited: Set<String> = []
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
            return ([], [(root.lastPathComponent, "no such file or folder")])
        }
        if !isDirectory.boolValue {
            return ([InputFile(url: root, source: VietnameseText.nfc(root.lastPathComponent))], [])
        }
        let inside = root.resolvingSymlinksInPath().path
        walk(root, prefix: "", inside: inside, visited: &visited, files: &files, unreadable: &unreadable)
        return (files, unreadable)
    }

    private func walk(
        _ directory: URL, prefix: String, inside root: String, visited: inout Set<String>,
        files: inout [InputFile], unreadable: inout [(String, String)]
    ) {
        let real = directory.resolvingSymlinksInPath().path
        guard visited.insert(real).inserted else { return }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            unreadable.append((prefix.isEmpty ? "." : prefix, "folder cannot be read: \(FileKind.reason(error))"))
            return
        }
        // A name that is not UTF-8 (a CP1258 or TCVN3 disk copied as bytes) comes back from
        // Foundation with U+FFFD in place of its bytes, naming no file. It fails with its
        // bytes escaped, so the person can find and rename it.
        let undecodable = names.contains { $0.contains("\u{FFFD}") } ? InputFinder.namesNotInUTF8(in: directory) : []
        for escaped in undecodable where !(skipHidden && escaped.hasPrefix(".")) {
            unreadable.append((prefix.isEmpty ? escaped : prefix + "/" + escaped,
                               "the file name is not UTF-8 (its other bytes shown as %XX); rename it to UTF-8 (convmv does) to ingest it"))
        }
        for name in names.sorted() {
            if skipHidden && name.hasPrefix(".") { continue }
            if !undecodable.isEmpty, name.contains("\u{FFFD}") { continue }
            let url = directory.appendingPathComponent(name)
            let source = VietnameseText.nfc(prefix.isEmpty ? name : prefix + "/" + name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                unreadable.append((source, "broken symbolic link"))
                continue
            }
            if followLinks == .inside, let target = InputFinder.linkTarget(url), !InputFinder.isInside(target, root) {
                unreadable.append((source, "link leads outside the batch folder (\(target))"))
                continue
            }
            if isDirectory.boolValue {
                walk(url, prefix: source, inside: root, visited: &visited, files: &files, unreadable: &unreadable)
            } else {
                files.append(InputFile(url: url, source: source))
            }
        }
    }

    /// Where `url` leads when it is a symbolic link (every link on the way resolved); nil
    /// when it is not one.
    private static func linkTarget(_ url: URL) -> String? {
        guard (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) != nil else { return nil }
        return url.resolvingSymlinksInPath().path
    }

    private static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }
}

extension InputFinder {
    /// The names in `directory` whose bytes are not UTF-8, each written as UTF-8 with every
    /// byte that is not part of a valid sequence as `%XX`, sorted. Read with readdir, as
    /// bytes: Foundation's listing has already replaced them.
    static func namesNotInUTF8(in directory: URL) -> [String] {
        guard let stream = opendir(directory.path) else { return [] }
        defer { closedir(stream) }
        var found: [String] = []
        while let entry = readdir(stream) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            guard String(validatingUTF8: bytes.map { CChar(bitPattern: $0) } + [0]) == nil else { continue }
            found.append(escaped(bytes))
        }
        return found.sorted()
    }

    /// Valid UTF-8 sequences as they are, every other byte (and `%` itself) as `%XX`, so
    /// that two different names never print alike.
    static func escaped(_ bytes: [UInt8]) -> String {
        var out = ""
        var index = 0
        while index < bytes.count {
            let length = utf8Length(bytes, at: index)
            if length > 0, let text = String(bytes: bytes[index..<index + length], encoding: .utf8), text != "%" {
                out += text
                index += length
            } else {
                out += String(format: "%%%02X", bytes[index])
                index += 1
            }
        }
        return out
    }

    /// The length of the valid UTF-8 sequence starting at `index`, or 0.
    private static func utf8Length(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let length = lead < 0x80 ? 1 : lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 0
        guard length > 0, index + length <= bytes.count else { return 0 }
        guard bytes[(index + 1)..<(index + length)].allSatisfy({ $0 >> 6 == 0b10 }) else { return 0 }
        return length
    }
}
