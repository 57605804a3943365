import Classifier
import DocumentModel
import Foundation
import VietnameseText

/// A document ready to be stored: the input it came from, its stored original, its pages
/// and what the classifier says of it.
public struct NewDocument: Sendable {
    public var batchRoot: String
    public var source: String
    public var sha256: SHA256
    /// Path of the stored original, relative to the archive folder (from ``Archive/storeOriginal(at:sha256:fileExtension:)``).
    public var originalPath: String
    public var byteCount: Int
    public var mediaType: String
    public var pages: [RecognizedPage]
    public var metadata: DocumentMetadata
    /// The ledger row the pages were recorded under while the batch ran. When set, page
    /// rows (with their word boxes) move from the ledger inside the store transaction, so
    /// `pages` need only carry text and the store thread never holds a long document's
    /// word boxes in memory.
    public var ledgerInput: InputID?
    /// The searchable PDF made for a scanned document, already in place in the archive
    /// (see ``Archive/derivativePath(sha256:)``).
    public var derivative: ArchivedFile?
    /// The version of the archive's learned type model that voted on the type, if one did.
    public var modelVersion: Int?
    /// For one of several documents cut from a bound scan, the input's pages it holds;
    /// `pages` are then numbered from 1 within it. Nil when the document is the whole file.
    public var sourcePages: SourcePages?

    public init(batchRoot: String, source: String, sha256: SHA256, originalPath: String, byteCount: Int,
                mediaType: String, pages: [RecognizedPage], metadata: DocumentMetadata, ledgerInput: InputID? = nil,
                derivative: ArchivedFile? = nil, modelVersion: Int? = nil) {
        self.ledgerInput = ledgerInput
        self.modelVersion = modelVersion
        self.derivative = derivative
        self.batchRoot = batchRoot
        self.source = source
        self.sha256 = sha256
        self.originalPath = originalPath
        self.byteCount = byteCount
        self.mediaType = mediaType
        self.pages = pages
        self.metadata = metadata
    }
}

/// The archive folder: content-addressed originals and the SQLite database that knows
/// every input, document and page, with its full-text index.
///
///     let archive = try Archive(directory: URL(fileURLWithPath: "archive"))
///     let hits = try archive.search(SearchQuery(text: "quyet dinh", visibleTo: .unrestricted))
///
/// One `Archive` per thread (it holds a SQLite connection); several may be open on the
/// same folder at once.
public final class Archive {
    public let directory: URL
    let database: Database
    /// Remembered tone placements of indexed words (see ``SearchIndex/ExactForms``), one
    /// cache per core that prepares index text.
    private let exactForms = (0..<max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))).map { _ in SearchIndex.ExactForms() }
    /// Answers to recent searches, shared with the other connections of a server; nil
    /// (the default) runs every search.
    public var searchMemo: SearchMemo?
    /// What filters and facets read of each document (``DocumentFacts``), for this
    /// connection alone when no ``SearchMemo`` shares them.
    let ownFacts = DocumentFacts()
    /// On a server, the index's size as ranking last read it (``ServerTextIndex``).
    let indexTotals = IndexTotals()

    public init(directory: URL) throws {
        self.directory = directory
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("originals"), withIntermediateDirectories: true)
        database = try Database(path: directory.appendingPathComponent("sohoa.sqlite").path)
        try Schema.migrate(database)
    }

    /// An archive whose database is a server (PostgreSQL, opened by `PostgresArchive`),
    /// with its files in `files`, a folder every machine that works on it mounts. The
    /// server's schema is kept by the module that connects to it.
    public init(server: any SQLServer, files: URL) throws {
        directory = files
        try FileManager.default.createDirectory(at: files.appendingPathComponent("originals"), withIntermediateDirectories: true)
        database = Database(server: server)
    }

    /// Copies an original into `originals/<2 hex>/<sha256>.<ext>`, byte-exact and atomically
    /// (temporary file, fsync, rename), and returns its path relative to the archive.
    ///
    /// The copy is hashed as it is written: if the source no longer has the bytes `sha256`
    /// names (it changed since it was fingerprinted), nothing is stored and
    /// ``ArchiveError/changedWhileReading`` is thrown. The source file is only read.
    public func storeOriginal(at url: URL, sha256: SHA256, fileExtension: String) throws -> String {
        let relative = Archive.originalPath(sha256: sha256, fileExtension: fileExtension)
        let target = directory.appendingPathComponent(relative)
        if FileManager.default.fileExists(atPath: target.path) { return relative }
        let folder = target.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(sha256).\(UUID().uuidString)\(Archive.partialSuffix)")
        do {
            let copied = try Fingerprint.copy(from: url, to: temporary)
            guard copied == sha256 else { throw ArchiveError.changedWhileReading }
            guard rename(temporary.path, target.path) == 0 else { throw ArchiveError.io("cannot move the original into place: \(String(cString: strerror(errno)))") }
            let directoryFD = open(folder.path, O_RDONLY)
            if directoryFD >= 0 { fsync(directoryFD); close(directoryFD) }
        } catch {
            unlink(temporary.path)
            throw error
        }
        return relative
    }

    /// Bytes free for sohoa on the archive's file system, if the system says.
    public var freeBytes: Int64? {
        var info = statvfs()
        guard statvfs(directory.path, &info) == 0 else { return nil }
        return Int64(info.f_bavail) * Int64(info.f_frsize)
    }

    /// Temporary files end with this; a killed batch may leave some, removed by the next one.
    static let partialSuffix = ".partial"

    /// Copies the original (``storeOriginal(at:sha256:fileExtension:)``), then stores the
    /// document that names it. If storing fails, a copy made for it is removed again, and
    /// so is the document's derivative: a failure leaves no file the archive does not know.
    /// - Returns: the document's id.
    @discardableResult
    public func store(_ document: NewDocument, copyingOriginalFrom url: URL, fileExtension: String) throws -> DocumentID {
        let relative = Archive.originalPath(sha256: document.sha256, fileExtension: fileExtension)
        let existed = FileManager.default.fileExists(atPath: directory.appendingPathComponent(relative).path)
        var stored = document
        do {
            stored.originalPath = try storeOriginal(at: url, sha256: document.sha256, fileExtension: fileExtension)
            return try store(stored)
        } catch ArchiveError.inputFinishedElsewhere {
            // Stored by another worker, with these very files: they stay.
            throw ArchiveError.inputFinishedElsewhere
        } catch {
            removeUnnamed([existed ? nil : relative, document.derivative?.path])
            throw error
        }
    }

    /// Stores the documents cut from one bound scan: its original copied in once, then
    /// every document, all or none. The input's ledger row names the first.
    public func store(parts: [NewDocument], copyingOriginalFrom url: URL, fileExtension: String) throws -> [DocumentID] {
        guard let first = parts.first else { return [] }
        let relative = Archive.originalPath(sha256: first.sha256, fileExtension: fileExtension)
        let existed = FileManager.default.fileExists(atPath: directory.appendingPathComponent(relative).path)
        do {
            let path = try storeOriginal(at: url, sha256: first.sha256, fileExtension: fileExtension)
            return try store(contentsOf: parts.map { part in
                var part = part
                part.originalPath = path
                return part
            })
        } catch ArchiveError.inputFinishedElsewhere {
            throw ArchiveError.inputFinishedElsewhere
        } catch {
            removeUnnamed([existed ? nil : relative, first.derivative?.path])
            throw error
        }
    }

    /// Removes the files a failed store made, unless a document names them: on a server
    /// another batch folder may have stored the same bytes, under the same names, meanwhile.
    private func removeUnnamed(_ paths: [String?]) {
        for path in paths.compactMap({ $0 }) {
            let named = try? database.prepare("SELECT count(*) AS n FROM documents WHERE original_path = ? OR derivative_path = ?")
                .bind([.text(path), .text(path)]).rows { $0.int("n") }.first
            if named == 0 { unlink(directory.appendingPathComponent(path).path) }
        }
    }

    static func originalPath(sha256: SHA256, fileExtension: String) -> String {
        "originals/\(sha256.prefix)/\(sha256).\(fileExtension)"
    }

    /// Stores a document, its pages, its index entries and its input row in one transaction.
    /// - Returns: the document's id, the first 16 hex digits of its SHA-256.
    @discardableResult
    public func store(_ document: NewDocument) throws -> DocumentID {
        try database.transaction {
            var entries: [SearchIndex.Entry] = []
            let id = try insert(document, indexing: &entries)
            try SearchIndex.Writer(database, lanes: [exactForms[0]]).add(entries)
            return id
        }
    }

    /// Stores many documents in one transaction: all or none. For bulk loads, where one
    /// commit per document would cost more than the documents themselves.
    @discardableResult
    public func store(contentsOf documents: [NewDocument]) throws -> [DocumentID] {
        try database.transaction {
            var entries: [SearchIndex.Entry] = []
            let ids = try documents.map { try insert($0, indexing: &entries) }
            try SearchIndex.Writer(database, lanes: exactForms).add(entries)
            return ids
        }
    }

    /// Inserts the rows of a document and adds what to index to `entries`: the index is
    /// written last, for all documents of a transaction at once (see ``SearchIndex/Writer``).
    private func insert(_ document: NewDocument, indexing entries: inout [SearchIndex.Entry]) throws -> DocumentID {
        let id = Archive.documentID(sha256: document.sha256, sourcePages: document.sourcePages)
        if let input = document.ledgerInput, (document.sourcePages?.first ?? 1) == 1 { try requireOpen(input) }
        let m = document.metadata
        let ocrConfidences = document.pages.filter { $0.source == .ocr }.compactMap(\.confidence)
        let sources = Set(document.pages.map(\.source))
        let textSource = sources.count > 1 ? "mixed" : (sources.first ?? .ocr).rawValue
        let documentRow = try database.prepare("""
            INSERT INTO documents (id, sha256, original_path, byte_count, media_type, page_count, doc_type,
                legal_form, number, issued_date, place, agency, agency_parent, subject, signer, signer_title,
                signing_authority, secrecy, urgency, text_source, ocr_confidence, needs_review, review_reasons,
                ingested_at, number_key, agency_key, derivative_path, derivative_sha256, copy_form, copy_number,
                copy_issued_date, review_fields, field_confidence, model_version, source_pages)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            RETURNING rowid
            """).bind([
                .text(id.rawValue), .text(document.sha256.rawValue), .text(document.originalPath), .int(document.byteCount),
                .text(document.mediaType), .int(document.pages.count), .text(m.docType.rawValue),
                .optional(m.legalForm?.rawValue), .optional(m.number), .optional(m.issuedDate?.iso),
                .optional(m.place), .optional(m.agency), .optional(m.agencyParent), .optional(m.subject),
                .optional(m.signer), .optional(m.signerTitle), .optional(m.signingAuthority),
                .optional(m.secrecy?.rawValue), .optional(m.urgency?.rawValue), .text(textSource),
                ocrConfidences.isEmpty ? .null : .double(ocrConfidences.reduce(0, +) / Double(ocrConfidences.count)),
                .int(m.needsReview ? 1 : 0), .text(Archive.json(m.reviewReasons)), .text(Archive.now()),
                .optional(m.number.map(SearchIndex.numberKey)), .optional(m.agency.map(SearchIndex.agencyKey)),
                .optional(document.derivative?.path), .optional(document.derivative?.sha256.rawValue),
                .optional(m.copy?.form.rawValue), .optional(m.copy?.number), .optional(m.copy?.issuedDate?.iso),
                .text(Archive.json(m.reviewFields)), .text(Archive.confidenceJSON(m.fieldConfidence)),
                document.modelVersion.map { .int($0) } ?? .null, .optional(document.sourcePages?.description),
            ]).rows { $0.int("rowid") }[0]
        try database.prepare("""
            UPDATE documents SET (fonds, box, ho_so) = (SELECT fonds, box, ho_so FROM input_places WHERE batch_root = ? AND source = ?)
            WHERE rowid = ?
            """).bind([.text(document.batchRoot), .text(document.source), .int(documentRow)]).run()
        if let input = document.ledgerInput {
            try movePages(of: input, to: id, range: document.sourcePages, expected: document.pages.count)
        } else {
            let insertPage = try database.prepare(
                """
                INSERT INTO pages (document_id, number, text, source, confidence, words, blank, cleanup, width, height)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for page in document.pages {
                try insertPage.bind([
                    .text(id.rawValue), .int(page.number), .text(page.text), .text(page.source.rawValue),
                    page.confidence.map { .double($0) } ?? .null, .text(Archive.json(page.words)),
                    .int(page.cleanup?.blank == true ? 1 : 0), .optional(page.cleanup.map(Archive.json)),
                    .int(page.width), .int(page.height),
                ]).run()
            }
        }
        let metadataText = SearchIndex.metadataText(number: m.number, subject: m.subject, agency: m.agency,
                                                    agencyParent: m.agencyParent, signer: m.signer, place: m.place)
        for (page, text) in [(0, metadataText)] + document.pages.map({ ($0.number, $0.text) }) {
            entries.append(SearchIndex.Entry(
                rowID: SearchIndex.rowID(issuedDate: m.issuedDate?.iso, documentRow: documentRow, page: page), text: text))
        }
        // The input's row names the document that opens the file.
        if (document.sourcePages?.first ?? 1) == 1 {
            try recordInput(batchRoot: document.batchRoot, source: document.source, sha256: document.sha256,
                            status: .ok, documentID: id, error: nil)
        }
        return id
    }

    /// Lets a store of an input's pages go ahead only while the input is open. On a server,
    /// a worker that took over an input's assembly (its first assembler stopped beating)
    /// may have stored it first: the row lock makes the second wait for the first's commit,
    /// and then see it, so an input is never stored twice.
    private func requireOpen(_ input: InputID) throws {
        let lock = database.dialect == .sqlite ? "" : " FOR UPDATE"
        let status = try database.prepare("SELECT status FROM inputs WHERE id = ?\(lock)").bind([.int(input.rawValue)])
            .rows { $0.text("status") }.first
        guard status == InputStatus.discovered.rawValue else { throw ArchiveError.inputFinishedElsewhere }
    }

    /// Moves an input's recognised pages (those of `range`, renumbered from 1, when the
    /// document is one of several cut from it) out of the ledger into the document.
    private func movePages(of input: InputID, to documentID: DocumentID, range: SourcePages?, expected: Int) throws {
        let first = range?.first ?? 1, last = range?.last ?? Int(Int32.max)
        let fields = database.dialect == .sqlite ? """
            json_extract(result, '$.text'), source, json_extract(result, '$.confidence'),
            coalesce(json_extract(result, '$.words'), '[]'), coalesce(json_extract(result, '$.cleanup.blank'), 0),
            json_extract(result, '$.cleanup'), coalesce(json_extract(result, '$.width'), 0), coalesce(json_extract(result, '$.height'), 0)
            """ : """
            CAST(result AS json)->>'text', source, CAST(CAST(result AS json)->>'confidence' AS double precision),
            coalesce(CAST(result AS json)->>'words', '[]'),
            CASE WHEN CAST(result AS json)->'cleanup'->>'blank' = 'true' THEN 1 ELSE 0 END,
            CAST(result AS json)->>'cleanup', coalesce(CAST(CAST(result AS json)->>'width' AS integer), 0),
            coalesce(CAST(CAST(result AS json)->>'height' AS integer), 0)
            """
        try database.prepare("""
            INSERT INTO pages (document_id, number, text, source, confidence, words, blank, cleanup, width, height)
            SELECT ?, number - ? + 1, \(fields)
            FROM input_pages WHERE input_id = ? AND state = \(PageState.recognised.sql) AND number BETWEEN ? AND ?
            """).bind([.text(documentID.rawValue), .int(first), .int(input.rawValue), .int(first), .int(last)]).run()
        guard database.changes == expected else {
            throw ArchiveError.io("the ledger holds \(database.changes) recognised pages for this input, expected \(expected)")
        }
        try database.prepare("""
            UPDATE input_pages SET state = \(PageState.stored.sql), result = NULL
            WHERE input_id = ? AND state = \(PageState.recognised.sql) AND number BETWEEN ? AND ?
            """).bind([.int(input.rawValue), .int(first), .int(last)]).run()
    }

    /// Records an input whose bytes are those of the stored document `documentID`.
    public func recordDuplicate(batchRoot: String, source: String, sha256: SHA256, of documentID: DocumentID) throws {
        try database.transaction {
            try recordInput(batchRoot: batchRoot, source: source, sha256: sha256, status: .duplicate,
                            documentID: documentID, error: nil)
        }
    }

    /// Records an input that could not be ingested, with the reason a person will read.
    public func recordFailure(batchRoot: String, source: String, sha256: SHA256?, reason: String) throws {
        try database.transaction {
            try recordInput(batchRoot: batchRoot, source: source, sha256: sha256, status: .failed,
                            documentID: nil, error: reason)
        }
    }

    /// The id of the stored document with these bytes, if any.
    public func documentID(forSHA256 sha256: SHA256) throws -> DocumentID? {
        // A bound scan's documents share its checksum: the first names them all.
        try database.prepare("SELECT id FROM documents WHERE sha256 = ? ORDER BY rowid LIMIT 1").bind([.text(sha256.rawValue)])
            .rows { $0.documentID("id") }.first
    }

    /// What an earlier run made of this input (same batch folder, path and bytes), if anything.
    public func priorOutcome(batchRoot: String, source: String, sha256: SHA256) throws -> InputStatus? {
        try database.prepare("SELECT id, status FROM inputs WHERE batch_root = ? AND source = ? AND sha_key = ?")
            .bind([.text(batchRoot), .text(source), .text(sha256.rawValue)])
            .rows { try $0.code(InputStatus.self, "status", of: .input($0.int("id"))) }.first
    }

    /// One row per input: a later attempt at the same input replaces the earlier outcome,
    /// so an input is never counted twice.
    private func recordInput(batchRoot: String, source: String, sha256: SHA256?, status: InputStatus,
                             documentID: DocumentID?, error: String?) throws {
        let now = Archive.now()
        if status != .failed {
            // Earlier attempts at this path that did not end well — unreadable before it
            // could be hashed, or other bytes since changed or abandoned — are replaced by
            // this outcome, so the path is never counted twice.
            try database.prepare("""
                DELETE FROM inputs WHERE batch_root = ? AND source = ? AND sha_key != ? AND status IN \(InputStatus.sql(.failed, .discovered))
                """).bind([.text(batchRoot), .text(source), .text(sha256?.rawValue ?? "")]).run()
        }
        let key: [Statement.Value] = [.text(batchRoot), .text(source), .text(sha256?.rawValue ?? "")]
        let existing = try database.prepare("SELECT id FROM inputs WHERE batch_root = ? AND source = ? AND sha_key = ?")
            .bind(key).rows { $0.int("id") }.first
        if let existing {
            try database.prepare("""
                UPDATE inputs SET document_id = ?, error = ?, last_attempt = ?,
                    seconds = CASE WHEN status = \(InputStatus.discovered.sql) THEN \(database.dialect.secondsBetween("last_attempt", "?")) END,
                    attempts = attempts + CASE WHEN status = \(InputStatus.discovered.sql) THEN 0 ELSE 1 END, status = ?
                WHERE id = ?
                """).bind([.optional(documentID?.rawValue), .optional(error), .text(now), .text(now), .text(status.rawValue), .int(existing)]).run()
            if status == .duplicate {
                try database.prepare("DELETE FROM input_pages WHERE input_id = ?").bind([.int(existing)]).run()
            }
        } else {
            try database.prepare("""
                INSERT INTO inputs (batch_root, source, sha_key, status, document_id, error, first_seen, last_attempt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """).bind(key + [.text(status.rawValue), .optional(documentID?.rawValue), .optional(error), .text(now), .text(now)]).run()
        }
    }

    /// A document's id: the first 16 hex digits of its original's SHA-256, or, for one of
    /// several documents cut from a bound scan, of the SHA-256 of that checksum and its pages
    /// ("…:3-7"), so that each part keeps its id however often the scan is ingested.
    static func documentID(sha256: SHA256, sourcePages: SourcePages? = nil) -> DocumentID {
        guard let pages = sourcePages else { return DocumentID(String(sha256.rawValue.prefix(16))) }
        return DocumentID(String(Fingerprint.sha256(of: Data("\(sha256.rawValue):\(pages)".utf8)).rawValue.prefix(16)))
    }

    /// UTC with milliseconds (`2026-11-23T10:30:00.123Z`), a form SQLite's date functions read.
    static func now() -> String {
        var clock = timespec()
        clock_gettime(CLOCK_REALTIME, &clock)
        return timestamp(seconds: clock.tv_sec, milliseconds: clock.tv_nsec / 1_000_000)
    }

    /// A moment as the archive writes times (``now()``), so that stored times and times
    /// computed from them (an expiry, a throttling window) compare as text.
    public static func timestamp(_ date: Date) -> String {
        let milliseconds = Int((date.timeIntervalSince1970 * 1_000).rounded(.down))
        return timestamp(seconds: milliseconds / 1_000, milliseconds: milliseconds % 1_000)
    }

    private static func timestamp(seconds: Int, milliseconds: Int) -> String {
        var parts = tm()
        var seconds = seconds
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                      parts.tm_hour, parts.tm_min, parts.tm_sec, milliseconds)
    }

    /// Field confidences as a JSON object in key order, to two decimals.
    static func confidenceJSON(_ confidences: [MetadataField: Double]) -> String {
        "{" + confidences.sorted { $0.key.rawValue < $1.key.rawValue }
            .map { "\(jsonQuoted($0.key.rawValue)):\(String(format: "%.2f", $0.value))" }
            .joined(separator: ",") + "}"
    }

    static func json<T: Encodable>(_ value: T) -> String {
        let data = (try? JSONEncoder().encode(value)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

extension Statement.Value {
    static func optional(_ text: String?) -> Statement.Value {
        text.map { .text($0) } ?? .null
    }
}

/// Problems a user can act on, phrased for them.
public enum ArchiveError: Error, Equatable, CustomStringConvertible {
    /// The disk is full or failing: the batch must stop rather than fail every input after it.
    public var isStorageFailure: Bool {
        if case let .writeFailed(_, code) = self { return code == ENOSPC || code == EDQUOT || code == EIO || code == EROFS }
        return false
    }

    case emptyQuery
    case queryTooLong(limit: Int)
    case io(String)
    case controlCharacter(UInt32)
    case changedWhileReading
    case busy
    /// Another `sohoa ingest` is registering this batch folder on the server.
    case folderBusy(String)
    case writeFailed(path: String, code: Int32)
    /// An input's pages were being stored while another worker stored them first.
    case inputFinishedElsewhere

    public var description: String {
        switch self {
        case .emptyQuery: return "the search has no words to look for"
        case .queryTooLong(let limit): return "the search is too long (more than \(limit) characters)"
        case .io(let why): return why
        case .controlCharacter(let value):
            return String(format: "the search contains a control character (U+%04X); type or paste plain text", value)
        case .busy: return "another sohoa ingest is writing to this archive; wait for it to finish (see sohoa status)"
        case .folderBusy(let folder):
            return "another sohoa ingest is working on \(folder) in this archive; wait for it to finish (see sohoa status)"
        case .changedWhileReading: return "the file changed while it was being read; the next run reads it again"
        case let .writeFailed(path, code): return "cannot write \(path): \(String(cString: strerror(code)))"
        case .inputFinishedElsewhere: return "another worker stored this input first"
        }
    }
}
