import Foundation
import Ingest

/// A consume folder (`sohoa ingest --watch`): which of the files under it may be taken now.
///
/// Scanners and copy jobs write files over seconds or minutes, and a half-written PDF reads
/// as a damaged one. A file is taken once its size and modification time have stayed the
/// same for `stableSeconds`, measured across two looks at it. A file taken is taken again
/// only if it changes (a rescan saved over it); the archive's ledger recognises what it
/// already holds in any case.
public struct FolderWatch {
    public let folder: URL
    public let stableSeconds: Double
    private let finder: InputFinder
    /// How each file looked when last seen, and since when it has looked so.
    private var seen: [String: (look: Look, since: Date)] = [:]
    /// How each file looked when a batch took it.
    private var taken: [String: Look] = [:]

    private struct Look: Equatable {
        var size: Int64
        var modified: Double
    }

    public init(folder: URL, stableSeconds: Double, configuration: PipelineConfiguration) {
        self.folder = folder
        self.stableSeconds = stableSeconds
        finder = InputFinder(skipHidden: configuration.input.skipHidden, followLinks: configuration.input.followLinks)
    }

    /// The files under the folder that have stopped changing and were not taken as they are.
    public mutating func ready(now: Date = Date()) -> Set<String> {
        let found = finder.files(under: folder)
        var looks: [String: Look] = [:]
        for file in found.files { looks[file.source] = Self.look(at: file.url) }
        for (source, _) in found.unreadable { looks[source] = Self.look(at: folder.appendingPathComponent(source)) }
        // Files that went away are forgotten; a file that comes back is new.
        seen = seen.filter { looks[$0.key] != nil }
        var ready: Set<String> = []
        for (source, look) in looks {
            if let earlier = seen[source], earlier.look == look {
                if now.timeIntervalSince(earlier.since) >= stableSeconds, taken[source] != look { ready.insert(source) }
            } else {
                seen[source] = (look, now)
            }
        }
        return withExtendedLifetime(found.aliases) { ready }
    }

    /// Marks `sources` as taken by a batch, as they look now.
    public mutating func take(_ sources: Set<String>) {
        for source in sources { taken[source] = seen[source]?.look }
    }

    /// Size and modification time, through links; a file that cannot be looked at looks
    /// the same every time, so it is taken (and fails with its reason) once.
    private static func look(at url: URL) -> Look {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return Look(size: -1, modified: 0) }
        return Look(size: Int64(info.st_size), modified: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
    }
}
