import Foundation

/// What `sohoa verify` found: every stored file re-hashed against the checksum recorded
/// when it was stored, and the database checked page by page.
public struct FixityReport: Sendable {
    /// Files the archive knows, and their total size in bytes.
    public var checked = 0
    public var bytes = 0
    /// Paths (relative to the archive) the database names but that are not there.
    public var missing: [String] = []
    /// Paths whose bytes no longer match their recorded SHA-256.
    public var changed: [String] = []
    /// Files under `originals/` that no document names: left by a batch that was killed
    /// between copying an original and committing its document. The next `ingest` removes them.
    public var unknownFiles: [String] = []
    /// `PRAGMA integrity_check` and foreign-key findings; empty when the database is sound.
    public var databaseProblems: [String] = []

    /// Nothing the archive holds is missing, altered or inconsistent.
    public var isIntact: Bool { missing.isEmpty && changed.isEmpty && databaseProblems.isEmpty }
}

extension Archive {
    /// Re-hashes every stored original and checks the database.
    /// - Parameter progress: called after each file with (files checked, files in all).
    public func verify(progress: (Int, Int) -> Void = { _, _ in }) throws -> FixityReport {
        var report = FixityReport()
        report.databaseProblems = try database.prepare("PRAGMA integrity_check").rows { $0.text(0) }.filter { $0 != "ok" }
        report.databaseProblems += try database.prepare("PRAGMA foreign_key_check").rows {
            "table \($0.text(0)) row \($0.int(1)) names a missing row of \($0.text(2))"
        }
        let files = try database.prepare("SELECT original_path, sha256 FROM documents ORDER BY original_path")
            .rows { (path: $0.text(0), sha256: $0.text(1)) }
        for (offset, file) in files.enumerated() {
            let url = directory.appendingPathComponent(file.path)
            do {
                let sha = try Fingerprint.sha256(of: url)
                if sha != file.sha256 { report.changed.append(file.path) }
                report.bytes += (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            } catch let error as FileReadError where error.code == ENOENT {
                report.missing.append(file.path)
            } catch {
                report.changed.append(file.path)
            }
            report.checked += 1
            progress(offset + 1, files.count)
        }
        let known = Set(files.map(\.path))
        report.unknownFiles = storedFiles().filter { !known.contains($0) }
        return report
    }

    /// Removes what a killed batch can leave under `originals/`: temporary copies and
    /// originals whose document was never committed. Call only while holding the
    /// ``ArchiveLock``, so no other batch is between copying and committing.
    /// - Returns: the paths removed, relative to the archive.
    @discardableResult
    public func removeUnknownFiles() throws -> [String] {
        let known = Set(try database.prepare("SELECT original_path FROM documents").rows { $0.text(0) })
        let unknown = storedFiles().filter { !known.contains($0) }
        for path in unknown {
            unlink(directory.appendingPathComponent(path).path)
        }
        return unknown
    }

    /// Every file under `originals/`, relative to the archive folder, hidden ones included.
    private func storedFiles() -> [String] {
        let originals = directory.appendingPathComponent("originals")
        guard let walker = FileManager.default.enumerator(at: originals, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return []
        }
        var paths: [String] = []
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            paths.append("originals/" + url.path.dropFirst(originals.path.count + 1))
        }
        return paths.sorted()
    }
}
