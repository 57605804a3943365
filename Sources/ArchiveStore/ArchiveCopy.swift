import DocumentModel
import Foundation

/// What `sohoa migrate` did: rows copied per table, files copied, and the checks that the
/// copy holds what the source holds.
public struct ArchiveCopyReport: Sendable {
    /// Rows per table, as counted in the copy after it was written (equal to the source's).
    public var rows: [(table: String, count: Int)] = []
    /// Originals and searchable PDFs copied, each hashed against its recorded SHA-256.
    public var filesCopied = 0
    /// Files that were already in place in the copy's folder (the same folder, or a
    /// previous attempt), hashed all the same.
    public var filesInPlace = 0
    /// Index rows written again from the copied pages and documents.
    public var indexRows = 0
}

extension Archive {
    /// The tables copied, parents before children. The search index (`page_text`,
    /// `term_pages`) is not copied but written again in the copy: SQLite's FTS5 index
    /// keeps no text to copy, and each engine indexes in its own tables.
    static let copiedTables = [
        "type_models", "documents", "pages", "runs", "inputs", "input_pages", "corrections", "users", "api_tokens", "sessions",
        "audit_log", "input_places", "ho_so", "fixity_checks", "input_explanations",
    ]

    /// Copies everything this archive holds into `target`, which must hold no documents,
    /// inputs or users yet: every table row for row (ids kept, so links, sessions and the
    /// audit trail stay valid), every original and searchable PDF byte for byte, hashed
    /// against its checksum as it is written; then indexes the copy and counts both sides.
    ///
    /// The rows go in one transaction: a copy that fails leaves the target as empty as it
    /// was (files already copied stay, and a second attempt finds them in place).
    public func copy(into target: Archive, progress: (String) -> Void = { _ in }) throws -> ArchiveCopyReport {
        for table in ["documents", "inputs", "users"] {
            guard try target.count(table) == 0 else {
                throw ArchiveError.io("the archive at the destination already holds \(table); migrate only into an empty archive")
            }
        }
        var report = ArchiveCopyReport()
        let files = try knownFiles()
        var done = Set<String>()
        for (index, entry) in files.enumerated() where done.insert(entry.file.path).inserted {
            if try copyFile(entry.file, into: target) { report.filesCopied += 1 } else { report.filesInPlace += 1 }
            if index % 100 == 0 { progress("files \(index + 1)/\(files.count)") }
        }
        try target.database.transaction {
            for table in Self.copiedTables {
                progress("table \(table)")
                try copyRows(of: table, into: target)
            }
            try target.database.restartSequences()
            progress("index")
            report.indexRows = try SearchIndex.rebuild(target.database, countingTerms: true)
        }
        for table in Self.copiedTables {
            let (source, copied) = (try count(table), try target.count(table))
            guard source == copied else {
                throw ArchiveError.io("the copy of \(table) holds \(copied) rows, the source \(source)")
            }
            report.rows.append((table, copied))
        }
        return report
    }

    private func count(_ table: String) throws -> Int {
        try database.prepare("SELECT count(*) AS n FROM \(table)").rows { $0.int("n") }.first ?? 0
    }

    /// The integer key of each table that can grow large, by which its rows are read a
    /// batch at a time: a server answers a query with all its rows at once, and a
    /// province's `pages` (word boxes, 20 KB a page) do not fit in memory. The other
    /// tables (users, places, hồ sơ) are read whole.
    static let batchKeys = [
        "type_models": "version", "documents": "rowid", "pages": "id", "runs": "id", "inputs": "id", "input_pages": "id",
        "corrections": "id", "audit_log": "id", "fixity_checks": "id",
    ]

    /// The columns both archives' `table` have (a server's adds its own, left to their defaults).
    private func copyRows(of table: String, into target: Archive) throws {
        let shared = Set(try target.database.columns(of: table))
        var columns = try database.columns(of: table).filter(shared.contains)
        if table == "documents" { columns.insert("rowid", at: 0) }
        let list = columns.joined(separator: ", ")
        let insert = try target.database.prepare(
            "INSERT INTO \(table) (\(list)) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))")
        guard let key = Self.batchKeys[table] else {
            _ = try database.prepare("SELECT \(list) FROM \(table)").rows { try insert.bind(columns.map($0.value)).run() }
            return
        }
        let batch = try database.prepare("SELECT \(list) FROM \(table) WHERE \(key) > ? ORDER BY \(key) LIMIT 500")
        var after = Int.min
        while true {
            let keys = try batch.bind([.int(after)]).rows { row in
                try insert.bind(columns.map(row.value)).run()
                return row.int(key)
            }
            guard let last = keys.last else { return }
            after = last
        }
    }

    /// Copies one stored file into the target's folder unless it is there with its bytes.
    /// - Returns: whether it was copied.
    private func copyFile(_ file: ArchivedFile, into target: Archive) throws -> Bool {
        let source = directory.appendingPathComponent(file.path)
        let destination = target.directory.appendingPathComponent(file.path)
        if FileManager.default.fileExists(atPath: destination.path) {
            guard try Fingerprint.sha256(of: destination) == file.sha256 else {
                throw ArchiveError.io("\(destination.path) is already there with other bytes than the archive records; move it away first")
            }
            return false
        }
        let folder = destination.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(file.sha256).\(UUID().uuidString)\(Archive.partialSuffix)")
        do {
            guard try Fingerprint.copy(from: source, to: temporary) == file.sha256 else {
                throw ArchiveError.io("\(file.path) no longer has the bytes the archive records (run sohoa verify)")
            }
            guard rename(temporary.path, destination.path) == 0 else {
                throw ArchiveError.writeFailed(path: destination.path, code: errno)
            }
        } catch {
            unlink(temporary.path)
            throw error
        }
        return true
    }
}

extension Database {
    /// The columns of `table`, in their order.
    func columns(of table: String) throws -> [String] {
        switch dialect {
        case .sqlite:
            return try prepare("SELECT name FROM pragma_table_info(?) ORDER BY cid").bind([.text(table)]).rows { $0.text("name") }
        case .postgresql:
            return try prepare("""
                SELECT column_name AS name FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position
                """).bind([.text(table)]).rows { $0.text("name") }
        }
    }

    /// After rows were written with their own ids, a server's id sequences continue from
    /// the highest (SQLite's next id is always the highest plus one).
    func restartSequences() throws {
        guard dialect == .postgresql else { return }
        let serials = try prepare("""
            SELECT table_name AS t, column_name AS c FROM information_schema.columns
            WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'
            """).rows { ($0.text("t"), $0.text("c")) }
        for (table, column) in serials {
            _ = try prepare("""
                SELECT setval(pg_get_serial_sequence('\(table)', '\(column)'), coalesce((SELECT max(\(column)) FROM \(table)), 0) + 1, false) AS v
                """).rows { $0.int("v") }
        }
    }
}
