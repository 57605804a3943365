import Classifier
import Foundation
import OCRStage
import VietnameseText

/// What an earlier run made of an input.
public enum InputStatus: String, Sendable, Codable {
    case ok, duplicate, failed
}

/// A document ready to be stored: the input it came from, its stored original, its pages
/// and what the classifier says of it.
public struct NewDocument: Sendable {
    public var batchRoot: String
    public var source: String
    public var sha256: String
    /// Path of the stored original, relative to the archive folder (from ``Archive/storeOriginal(at:sha256:fileExtension:)``).
    public var originalPath: String
    public var byteCount: Int
    public var mediaType: String
    public var pages: [RecognizedPage]
    public var metadata: DocumentMetadata

    public init(batchRoot: String, source: String, sha256: String, originalPath: String, byteCount: Int,
                mediaType: String, pages: [RecognizedPage], metadata: DocumentMetadata) {
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
///     let hits = try archive.search(SearchQuery(text: "quyet dinh"))
///
/// One `Archive` per thread (it holds a SQLite connection); several may be open on the
/// same folder at once.
public final class Archive {
    public let directory: URL
    let database: SQLiteDatabase

    public init(directory: URL) throws {
        self.directory = directory
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("originals"), withIntermediateDirectories: true)
        database = try SQLiteDatabase(path: directory.appendingPathComponent("sohoa.sqlite").path)
        try Schema.migrate(database)
    }

    /// Copies an original into `originals/<2 hex>/<sha256>.<ext>`, byte-exact and atomically
    /// (temporary file, fsync, rename), and returns its path relative to the archive.
    /// The source file is only read.
    public func storeOriginal(at url: URL, sha256: String, fileExtension: String) throws -> String {
        let relative = "originals/\(sha256.prefix(2))/\(sha256).\(fileExtension)"
        let target = directory.appendingPathComponent(relative)
        if FileManager.default.fileExists(atPath: target.path) { return relative }
        let folder = target.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(sha256).\(UUID().uuidString).partial")
        do {
            try copyAndSync(from: url, to: temporary)
            guard rename(temporary.path, target.path) == 0 else { throw ArchiveError.io("cannot move the original into place") }
            let directoryFD = open(folder.path, O_RDONLY)
            if directoryFD >= 0 { fsync(directoryFD); close(directoryFD) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        return relative
    }

    private func copyAndSync(from source: URL, to destination: URL) throws {
        let input = try FileHandle(forReadingFrom: source)
        defer { try? input.close() }
        guard FileManager.default.createFile(atPath: destination.path, contents: nil) else {
            throw ArchiveError.io("cannot write in \(destination.deletingLastPathComponent().path)")
        }
        let output = try FileHandle(forWritingTo: destination)
        defer { try? output.close() }
        while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
            try output.write(contentsOf: chunk)
        }
        try output.synchronize()
    }

    /// Stores a document, its pages, its index entries and its input row in one transaction.
    /// - Returns: the document's id, the first 16 hex digits of its SHA-256.
    @discardableResult
    public func store(_ document: NewDocument) throws -> String {
        let id = Archive.documentID(sha256: document.sha256)
        let m = document.metadata
        let ocrConfidences = document.pages.filter { $0.source == .ocr }.compactMap(\.confidence)
        let sources = Set(document.pages.map(\.source))
        let textSource = sources.count > 1 ? "mixed" : (sources.first ?? .ocr).rawValue
        try database.transaction {
            try database.prepare("""
                INSERT INTO documents (id, sha256, original_path, byte_count, media_type, page_count, doc_type,
                    legal_form, number, issued_date, place, agency, agency_parent, subject, signer, signer_title,
                    signing_authority, secrecy, urgency, text_source, ocr_confidence, needs_review, review_reasons,
                    ingested_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).bind([
                    .text(id), .text(document.sha256), .text(document.originalPath), .int(document.byteCount),
                    .text(document.mediaType), .int(document.pages.count), .text(m.docType.rawValue),
                    .optional(m.legalForm?.rawValue), .optional(m.number), .optional(m.issuedDate?.iso),
                    .optional(m.place), .optional(m.agency), .optional(m.agencyParent), .optional(m.subject),
                    .optional(m.signer), .optional(m.signerTitle), .optional(m.signingAuthority),
                    .optional(m.secrecy?.rawValue), .optional(m.urgency?.rawValue), .text(textSource),
                    ocrConfidences.isEmpty ? .null : .double(ocrConfidences.reduce(0, +) / Double(ocrConfidences.count)),
                    .int(m.needsReview ? 1 : 0), .text(Archive.json(m.reviewReasons)), .text(Archive.now()),
                ]).run()
            let insertPage = try database.prepare(
                "INSERT INTO pages (document_id, number, text, source, confidence, words) VALUES (?, ?, ?, ?, ?, ?)")
            let index = try database.prepare("INSERT INTO page_index (folded, document_id, page) VALUES (?, ?, ?)")
            for page in document.pages {
                try insertPage.bind([
                    .text(id), .int(page.number), .text(page.text), .text(page.source.rawValue),
                    page.confidence.map { .double($0) } ?? .null, .text(Archive.json(page.words)),
                ]).run()
                try index.bind([.text(VietnameseText.fold(page.text)), .text(id), .int(page.number)]).run()
            }
            // Page 0 indexes the metadata, so a document is found by its number or subject
            // even where OCR garbled them in the page text.
            let described = [m.number, m.subject, m.agency, m.agencyParent, m.signer, m.place]
                .compactMap { $0 }.joined(separator: "\n")
            try index.bind([.text(VietnameseText.fold(described)), .text(id), .int(0)]).run()
            try recordInput(batchRoot: document.batchRoot, source: document.source, sha256: document.sha256,
                            status: .ok, documentID: id, error: nil)
        }
        return id
    }

    /// Records an input whose bytes are those of the stored document `documentID`.
    public func recordDuplicate(batchRoot: String, source: String, sha256: String, of documentID: String) throws {
        try database.transaction {
            try recordInput(batchRoot: batchRoot, source: source, sha256: sha256, status: .duplicate,
                            documentID: documentID, error: nil)
        }
    }

    /// Records an input that could not be ingested, with the reason a person will read.
    public func recordFailure(batchRoot: String, source: String, sha256: String?, reason: String) throws {
        try database.transaction {
            try recordInput(batchRoot: batchRoot, source: source, sha256: sha256, status: .failed,
                            documentID: nil, error: reason)
        }
    }

    /// The id of the stored document with these bytes, if any.
    public func documentID(forSHA256 sha256: String) throws -> String? {
        try database.prepare("SELECT id FROM documents WHERE sha256 = ?").bind([.text(sha256)]).rows { $0.text(0) }.first
    }

    /// What an earlier run made of this input (same batch folder, path and bytes), if anything.
    public func priorOutcome(batchRoot: String, source: String, sha256: String) throws -> InputStatus? {
        try database.prepare("SELECT status FROM inputs WHERE batch_root = ? AND source = ? AND sha_key = ?")
            .bind([.text(batchRoot), .text(source), .text(sha256)])
            .rows { InputStatus(rawValue: $0.text(0)) }.first ?? nil
    }

    /// One row per input: a later attempt at the same input replaces the earlier outcome,
    /// so an input is never counted twice.
    private func recordInput(batchRoot: String, source: String, sha256: String?, status: InputStatus,
                             documentID: String?, error: String?) throws {
        let now = Archive.now()
        if status != .failed {
            // An earlier run that could not even read this path failed without a hash; now
            // that it is accounted for, that failure must not stay as a second line.
            try database.prepare("DELETE FROM inputs WHERE batch_root = ? AND source = ? AND sha_key = '' AND status = 'failed'")
                .bind([.text(batchRoot), .text(source)]).run()
        }
        let key: [Statement.Value] = [.text(batchRoot), .text(source), .text(sha256 ?? "")]
        let existing = try database.prepare("SELECT id FROM inputs WHERE batch_root = ? AND source = ? AND sha_key = ?")
            .bind(key).rows { $0.int(0) }.first
        if let existing {
            try database.prepare("""
                UPDATE inputs SET status = ?, document_id = ?, error = ?, last_attempt = ?, attempts = attempts + 1
                WHERE id = ?
                """).bind([.text(status.rawValue), .optional(documentID), .optional(error), .text(now), .int(existing)]).run()
        } else {
            try database.prepare("""
                INSERT INTO inputs (batch_root, source, sha_key, status, document_id, error, first_seen, last_attempt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """).bind(key + [.text(status.rawValue), .optional(documentID), .optional(error), .text(now), .text(now)]).run()
        }
    }

    static func documentID(sha256: String) -> String {
        String(sha256.prefix(16))
    }

    static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
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
    case emptyQuery
    case queryTooLong(limit: Int)
    case io(String)

    public var description: String {
        switch self {
        case .emptyQuery: return "the search has no words to look for"
        case .queryTooLong(let limit): return "the search is too long (more than \(limit) characters)"
        case .io(let why): return why
        }
    }
}
