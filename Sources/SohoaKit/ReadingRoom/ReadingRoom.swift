import ArchiveStore
import DocumentModel
import Foundation
import Pipeline

/// The archive as one signed-in user may use it: what every page and endpoint of the web
/// app calls, so that who may do what is decided here and in the archive's queries, never
/// in a template or a route.
///
/// Roles are checked by each method (a role too low is ``CommandFailure/Kind/forbidden``).
/// Clearance is passed to every query of the archive: a document above it is
/// ``CommandFailure/Kind/notFound`` by every id-keyed method, exactly as a document that
/// does not exist, and absent from every list.
public final class ReadingRoom {
    public let user: UserAccount
    let archive: Archive
    let configuration: PipelineConfiguration
    /// The client's address, for the audit log.
    let client: String?

    public init(archive: Archive, user: UserAccount, configuration: PipelineConfiguration, client: String?) {
        self.archive = archive
        self.user = user
        self.configuration = configuration
        self.client = client
    }

    var clearance: Clearance { user.clearance }

    func require(_ role: Role) throws {
        guard user.role >= role else {
            throw CommandFailure(.forbidden, "this needs the \(role.rawValue) role; \(user.name) is a \(user.role.rawValue)")
        }
    }

    static func notFound(_ id: DocumentID) -> CommandFailure {
        CommandFailure(.notFound, "no document with id \(id.rawValue.printable)")
    }

    // MARK: Reading

    /// Hits with their total and facet counts, among the documents the user may see.
    public func search(_ request: SearchRequest) throws -> SearchOutcome {
        var request = request
        request.withFacets = true
        if let problem = request.problem { throw CommandFailure(.badUsage, problem, command: "search") }
        return try request.run(on: archive, visibleTo: clearance)
    }

    public func document(_ id: DocumentID) throws -> StoredDocument {
        try archive.existingDocument(id, visibleTo: clearance)
    }

    /// The document's record as the export contract has it, one JSON object.
    public func record(_ id: DocumentID) throws -> String {
        guard let record = try archive.exportRecord(of: id, visibleTo: clearance) else { throw ReadingRoom.notFound(id) }
        return record
    }

    public func similar(to id: DocumentID, limit: Int = 10) throws -> [SearchHit] {
        _ = try document(id)
        return try archive.similar(to: id, limit: max(1, min(limit, 100)), visibleTo: clearance)
    }

    public func corrections(of id: DocumentID) throws -> [Correction] {
        try archive.correctionHistory(of: id, visibleTo: clearance)
    }

    /// The original's bytes, as stored. A classified document's download is audited.
    public func original(of id: DocumentID) throws -> Download {
        let document = try document(id)
        guard let file = archive.storedFile(atRelativePath: document.originalPath) else {
            throw CommandFailure(.damaged, "the original of \(id) is missing from the archive (run sohoa verify)")
        }
        try auditDownload(of: document, what: "original")
        let name = (document.sources.first.map { URL(fileURLWithPath: $0).lastPathComponent }) ?? "\(id).\(file.pathExtension)"
        return Download(file: file, mediaType: document.mediaType, fileName: name)
    }

    /// The searchable PDF; not found when the document has none (it had a text layer).
    public func searchablePDF(of id: DocumentID) throws -> Download {
        let document = try document(id)
        guard let path = document.searchablePDF else {
            throw CommandFailure(.notFound, "document \(id) has no searchable PDF: its original already has a text layer")
        }
        guard let file = archive.storedFile(atRelativePath: path) else {
            throw CommandFailure(.damaged, "the searchable PDF of \(id) is missing from the archive (run sohoa verify)")
        }
        try auditDownload(of: document, what: "searchable_pdf")
        return Download(file: file, mediaType: "application/pdf", fileName: "\(id)-searchable.pdf")
    }

    private func auditDownload(of document: StoredDocument, what: String) throws {
        guard let secrecy = document.metadata[.secrecy] else { return }
        try archive.record(AuditEvent(kind: .classifiedDownload, actor: user.name.rawValue, subject: document.id.rawValue,
                                      client: client, detail: "\(what), \(secrecy)"))
    }

    // MARK: The review desk

    /// Documents to check, most uncertain first, narrowed by `filter`.
    public func reviewQueue(limit: Int, filter: ReviewFilter = ReviewFilter()) throws -> [ReviewItem] {
        try require(.archivist)
        return try archive.reviewQueue(limit: max(1, min(limit, 1_000)), filter: filter, visibleTo: clearance)
    }

    /// A document as the review desk shows it.
    public func documentToReview(_ id: DocumentID) throws -> StoredDocument {
        try require(.archivist)
        return try document(id)
    }

    /// Applies a correction in the user's name, through the archive's audit trail.
    public func correct(_ request: CorrectionRequest) throws -> CorrectionOutcome {
        try require(.archivist)
        var request = request
        request.correctedBy = user.name.rawValue
        let outcome = try request.run(on: archive, visibleTo: clearance)
        if !outcome.changes.isEmpty {
            try archive.record(AuditEvent(kind: .correction, actor: user.name.rawValue, subject: request.id.rawValue, client: client,
                                          detail: outcome.changes.map(\.field.rawValue).joined(separator: ", ")))
        }
        return outcome
    }

    // MARK: Batches

    public func batches(limit: Int = 50) throws -> [BatchStatus] {
        try require(.archivist)
        return try archive.batchRuns(limit: max(1, min(limit, 1_000)))
    }

    public func batch(_ run: RunID) throws -> BatchStatus {
        try require(.archivist)
        guard let status = try archive.batchStatus(run: run) else { throw CommandFailure(.notFound, "no batch run \(run.rawValue)") }
        return status
    }

    // MARK: The records office

    /// Every box with its report, for archivists: counts whatever the reader's clearance
    /// (a box leaves whole), classified documents counted, never named.
    public func boxes() throws -> [BoxReport] {
        try require(.archivist)
        return try BoxesRequest(box: nil, fonds: nil, fixityMaxAgeDays: configuration.records.fixityMaxAgeDays).run(on: archive)
    }

    /// One box's report.
    public func box(_ code: String, fonds: String?) throws -> BoxReport {
        try require(.archivist)
        let reports = try BoxesRequest(box: code, fonds: fonds, fixityMaxAgeDays: configuration.records.fixityMaxAgeDays).run(on: archive)
        return reports[0]
    }

    /// The box's printable report and handover record as a PDF, made for this request.
    public func boxSheetPDF(_ code: String, fonds: String?) throws -> Data {
        let report = try box(code, fonds: fonds)
        let sheet = BoxSheet(report, fixityMaxAgeDays: configuration.records.fixityMaxAgeDays)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sohoa-box-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("hop.pdf")
        try sheet.writePDF(to: file)
        return try Data(contentsOf: file)
    }

    // MARK: Administration

    public func auditLog(limit: Int) throws -> [AuditEvent] {
        try require(.admin)
        return try archive.auditLog(limit: max(1, min(limit, 10_000)))
    }

    /// Users, roles, clearance and tokens, managed in this admin's name.
    public func accounts() throws -> AccountDesk {
        try require(.admin)
        return AccountDesk(directory: archive, actor: user.name.rawValue)
    }
}

/// A stored file to send: where it is, its media type and the name to save it under.
public struct Download: Sendable {
    public var file: URL
    public var mediaType: String
    public var fileName: String
}
