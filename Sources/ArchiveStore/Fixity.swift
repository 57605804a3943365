import DocumentModel
import Foundation

/// What `sohoa verify` found: every stored file (originals and searchable PDFs) re-hashed
/// against the checksum recorded when it was stored, and the database checked page by page.
public struct FixityReport: Sendable {
    /// Files the archive knows, and their total size in bytes.
    public var checked = 0
    public var bytes = 0
    /// Paths (relative to the archive) the database names but that are not there.
    public var missing: [String] = []
    /// Paths whose bytes no longer match their recorded SHA-256.
    public var changed: [String] = []
    /// Files under `originals/` or `derivatives/` that no document names: left by a batch
    /// that was killed between writing them and committing their document. The next
    /// `ingest` removes them.
    public var unknownFiles: [String] = []
    /// `PRAGMA integrity_check` and foreign-key findings; empty when the database is sound.
    public var databaseProblems: [String] = []

    /// Nothing the archive holds is missing, altered or inconsistent.
    public var isIntact: Bool { missing.isEmpty && changed.isEmpty && databaseProblems.isEmpty }
}

extension Archive {
    /// Re-hashes every stored original and searchable PDF, and checks the database.
    /// - Parameter progress: called after each file with (files checked, files in all).
    public func verify(progress: (Int, Int) -> Void = { _, _ in }) throws -> FixityReport {
        var report = FixityReport()
        // A server checks its own pages and always enforces its foreign keys.
        if database.dialect == .sqlite {
            report.databaseProblems = try database.prepare("PRAGMA integrity_check").rows { $0.text("integrity_check") }.filter { $0 != "ok" }
            report.databaseProblems += try database.prepare("PRAGMA foreign_key_check").rows {
                "table \($0.text("table")) row \($0.int("rowid")) names a missing row of \($0.text("parent"))"
            }
        }
        let files = try knownFiles()
        // The documents cut from one bound scan share its original and searchable PDF: each
        // file is hashed once.
        var seen = Set<String>()
        let distinct = files.map(\.file).filter { seen.insert($0.path).inserted }
        for (offset, file) in distinct.enumerated() {
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
            progress(offset + 1, distinct.count)
        }
        let known = Set(files.map(\.file.path))
        report.unknownFiles = storedFiles().filter { !known.contains($0) }
        // A damaged database may refuse the note; the report itself must still reach the reader.
        do {
            try record(report, files: files)
        } catch {
            report.databaseProblems.append("the check could not be recorded: \(error)")
        }
        return report
    }

    /// Notes the check: each document whose files were all found intact is verified now
    /// (the box report's fixity date), and the check itself joins the archive's fixity log.
    private func record(_ report: FixityReport, files: [(id: DocumentID, file: ArchivedFile)]) throws {
        let damaged = Set(report.missing + report.changed)
        let damagedDocuments = Set(files.filter { damaged.contains($0.file.path) }.map(\.id))
        let intact = Set(files.map(\.id)).subtracting(damagedDocuments)
        let now = Archive.now()
        try database.transaction {
            let mark = try database.prepare("UPDATE documents SET verified_at = ? WHERE id = ?")
            for id in intact.sorted() { try mark.bind([.text(now), .text(id.rawValue)]).run() }
            let problems = report.missing.map { "missing: \($0)" } + report.changed.map { "changed: \($0)" } + report.databaseProblems
            try database.prepare("INSERT INTO fixity_checks (at, files, intact, problems) VALUES (?, ?, ?, ?)")
                .bind([.text(now), .int(report.checked), .int(report.isIntact ? 1 : 0), .text(Archive.json(problems))]).run()
        }
    }

    /// Every file a document names, with the checksum it was stored with.
    func knownFiles() throws -> [(id: DocumentID, file: ArchivedFile)] {
        try database.prepare("""
            SELECT id, original_path AS path, sha256 FROM documents
            UNION ALL SELECT id, derivative_path, derivative_sha256 FROM documents WHERE derivative_path IS NOT NULL
            ORDER BY 2
            """).rows { row in
                (row.documentID("id"), ArchivedFile(path: row.text("path"), sha256: try row.sha256("sha256", of: .document(row.documentID("id")))))
            }
    }

    /// Removes what a killed batch can leave: temporary copies, originals and searchable
    /// PDFs whose document was never committed, and staged page images nothing waits for.
    /// Call only while holding the ``ArchiveLock``, so no other batch is between writing
    /// and committing.
    /// - Returns: the paths removed, relative to the archive.
    @discardableResult
    public func removeUnknownFiles() throws -> [String] {
        try removeStaleStaging()
        let known = Set(try knownFiles().map(\.file.path))
        let unknown = storedFiles().filter { !known.contains($0) }
        for path in unknown {
            unlink(directory.appendingPathComponent(path).path)
        }
        return unknown
    }

    /// Removes temporary copies (``Archive/partialSuffix``) under `originals/` and
    /// `derivatives/` that nothing has written to for `age` seconds. On a shared archive no
    /// lock keeps other machines' batches out, so ``removeUnknownFiles()`` cannot run; but a
    /// copy being made is written to as it goes, and one left silent for a worker's whole
    /// lease was being made by a process that was killed.
    /// - Returns: the paths removed, relative to the archive.
    @discardableResult
    public func removeAbandonedCopies(silentFor age: TimeInterval) -> [String] {
        let now = Date()
        let abandoned = storedFiles().filter { path in
            guard path.hasSuffix(Archive.partialSuffix),
                  let modified = try? directory.appendingPathComponent(path).resourceValues(forKeys: [.contentModificationDateKey])
                      .contentModificationDate else { return false }
            return now.timeIntervalSince(modified) > age
        }
        for path in abandoned {
            unlink(directory.appendingPathComponent(path).path)
        }
        return abandoned
    }

    /// Every file under `originals/` and `derivatives/`, relative to the archive folder,
    /// hidden ones included.
    private func storedFiles() -> [String] {
        var paths: [String] = []
        for folder in ["originals", Archive.derivativesFolder] {
            let root = directory.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else {
                continue
            }
            for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                paths.append(folder + "/" + url.path.dropFirst(root.path.count + 1))
            }
        }
        return paths.sorted()
    }
}
