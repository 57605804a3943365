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
    /// - Returns: the files, the folders and names that could not be listed with the reason,
    ///   and the aliases through which files with names that are not UTF-8 are read (keep
    ///   them until the files have been read).
    public func files(under root: URL) -> FoundInputs {
        var found = FoundInputs()
        var visited: Set<String> = []
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
            found.unreadable.append((root.lastPathComponent, "no such file or folder"))
            return found
        }
        if !isDirectory.boolValue {
            found.files.append(InputFile(url: root, source: VietnameseText.nfc(root.lastPathComponent)))
            return found
        }
        let inside = root.resolvingSymlinksInPath().path
        walk(root, prefix: "", inside: inside, visited: &visited, found: &found)
        return found
    }

    private func walk(_ directory: URL, prefix: String, inside root: String, visited: inout Set<String>, found: inout FoundInputs) {
        let real = directory.resolvingSymlinksInPath().path
        guard visited.insert(real).inserted else { return }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            found.unreadable.append((prefix.isEmpty ? "." : prefix, "folder cannot be read: \(FileKind.reason(error))"))
            return
        }
        func source(_ name: String) -> String { prefix.isEmpty ? name : prefix + "/" + name }
        // A name that is not UTF-8 (a CP1258, TCVN3 or VNI disk copied as bytes) comes back
        // from Foundation with U+FFFD in place of its bytes, naming no file. Such names are
        // read again as bytes and reached through an alias.
        if names.contains(where: { $0.contains("\u{FFFD}") }) {
            for name in InputFinder.namesNotInUTF8(in: directory) where !(skipHidden && name.bytes.first == UInt8(ascii: ".")) {
                let escaped = source(SourceName.escaped(name.bytes))
                let path = Array(directory.path.utf8) + [UInt8(ascii: "/")] + name.bytes
                switch found.aliases.alias(for: path, inside: root, followLinks: followLinks) {
                case .failed(let reason): found.unreadable.append((escaped, reason))
                case .alias(let url, isDirectory: true): walk(url, prefix: escaped, inside: root, visited: &visited, found: &found)
                case .alias(let url, isDirectory: false): found.files.append(InputFile(url: url, source: escaped))
                }
            }
        }
        for name in names.sorted() {
            if skipHidden && name.hasPrefix(".") { continue }
            if name.contains("\u{FFFD}") { continue }
            let url = directory.appendingPathComponent(name)
            let source = VietnameseText.nfc(source(name))
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                found.unreadable.append((source, "broken symbolic link"))
                continue
            }
            if followLinks == .inside, let target = InputFinder.linkTarget(url), !InputFinder.isInside(target, root) {
                found.unreadable.append((source, "link leads outside the batch folder (\(target))"))
                continue
            }
            if isDirectory.boolValue {
                walk(url, prefix: source, inside: root, visited: &visited, found: &found)
            } else {
                found.files.append(InputFile(url: url, source: source))
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

/// What ``InputFinder/files(under:)`` found.
public struct FoundInputs: Sendable {
    public var files: [InputFile] = []
    /// Names that cannot be ingested, with the reason.
    public var unreadable: [(source: String, reason: String)] = []
    /// The aliases of names that are not UTF-8; the files are read through them.
    public let aliases = NameAliases()
}

extension InputFinder {
    /// The names in `directory` whose bytes are not UTF-8, sorted by their escaped form.
    /// Read with readdir, as bytes: Foundation's listing has already replaced them.
    static func namesNotInUTF8(in directory: URL) -> [(bytes: [UInt8], escaped: String)] {
        guard let stream = opendir(directory.path) else { return [] }
        defer { closedir(stream) }
        var found: [(bytes: [UInt8], escaped: String)] = []
        while let entry = readdir(stream) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            guard String(validatingUTF8: bytes.map { CChar(bitPattern: $0) } + [0]) == nil else { continue }
            found.append((bytes, SourceName.escaped(bytes)))
        }
        return found.sorted { $0.escaped < $1.escaped }
    }
}
