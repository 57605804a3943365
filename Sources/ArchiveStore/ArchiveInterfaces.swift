import Classifier
import DocumentModel
import Foundation

// What the rest of sohoa asks of an archive, in seven parts, so that a second backend
// (PostgreSQL, with its files on a shared folder) can stand where the SQLite `Archive`
// stands: the ledger that makes a batch resumable, the documents and their pages, search,
// the review desk, the learned type models, the users with their audit log, and the
// records office's hierarchy and box report (`RecordsOffice.swift`). `Archive`
// is the first implementation.
//
// Each requirement is what a caller needs, not how SQLite does it: ids and checksums are
// typed, rows come back as values, and nothing here names a table. Where the archive keeps
// its files (`originals/`, `derivatives/`, `staging/`) stays with `Archive` for now: the
// backend that moves them to a shared folder will give them a part of their own.

/// The batch ledger: every run, input and page with its state, written as the batch moves,
/// so that a batch killed at any moment resumes without losing or doubling anything.
public protocol BatchLedger: AnyObject {
    /// Starts a run; `ocrEngine` names the engine and model its pages are read with.
    func beginRun(batchRoot: String, inputsFound: Int, ocrEngine: String?) throws -> RunID
    func updateRun(_ run: RunID, counts: RunCounts, outcome: RunOutcome?) throws
    func beginInput(batchRoot: String, source: String, sha256: SHA256, run: RunID) throws -> InputID
    func setPageCount(_ count: Int, of input: InputID) throws
    func recordPageRendered(_ number: Int, of input: InputID) throws
    func recordPageStarted(_ number: Int, of input: InputID) throws
    func recordPage(_ page: RecognizedPage, of input: InputID, seconds: Double?) throws
    func recordPageFailure(_ number: Int, of input: InputID, reason: String) throws
    /// The recognised pages kept for `input`, word boxes included, in page order, one at a
    /// time; only those `numbered` when given.
    func forEachRecognisedPage(of input: InputID, numbered numbers: Set<Int>?, _ body: (RecognizedPage) throws -> Void) throws
    /// What an earlier run left of the input with these bytes: pages recognised, pages begun.
    func resumableWork(forSHA256 sha256: SHA256) throws -> ResumableWork
    /// What an earlier run made of this input (same batch folder, path and bytes), if anything.
    func priorOutcome(batchRoot: String, source: String, sha256: SHA256) throws -> InputStatus?
    func recordDuplicate(batchRoot: String, source: String, sha256: SHA256, of documentID: DocumentID) throws
    func recordFailure(batchRoot: String, source: String, sha256: SHA256?, reason: String) throws
    /// Where the batch over `batchRoot` stands (the most recent batch when nil).
    func batchStatus(batchRoot: String?) throws -> BatchStatus?
    func batchStatus(run: RunID) throws -> BatchStatus?
    /// The most recent runs, newest first.
    func batchRuns(limit: Int) throws -> [BatchStatus]
}

/// Stored documents: the original with its checksum, its pages and metadata, and the
/// export and fixity checks that read them.
public protocol DocumentStore: AnyObject {
    /// Copies the original in byte-exact and stores the document that names it, its pages
    /// and its index entries, all or nothing.
    func store(_ document: NewDocument, copyingOriginalFrom url: URL, fileExtension: String) throws -> DocumentID
    func documentID(forSHA256 sha256: SHA256) throws -> DocumentID?
    /// The document, or nil when there is none or it is above `clearance` (``Clearance``:
    /// every read of documents for someone names how far they are cleared).
    func document(id: DocumentID, visibleTo clearance: Clearance) throws -> StoredDocument?
    func recognizedPages(of id: DocumentID, visibleTo clearance: Clearance) throws -> [RecognizedPage]
    func recognizedPage(_ number: Int, of id: DocumentID, visibleTo clearance: Clearance) throws -> RecognizedPage?
    /// Every stored document's first source and pages, for re-classifying without OCR.
    func forEachStoredDocument(_ body: (_ source: String, _ pages: [RecognizedPage]) throws -> Void) throws
    func storedDocumentSources() throws -> [(id: DocumentID, source: String)]
    /// Every input ever ingested, as `shared/design/export-contract.md` says.
    func exportJSONL(to handle: FileHandle, visibleTo clearance: Clearance) throws
    /// The document's export record, one JSON object.
    func exportRecord(of id: DocumentID, visibleTo clearance: Clearance) throws -> String?
    /// Every stored file re-hashed against its checksum, and the store's own checks.
    func verify(progress: (Int, Int) -> Void) throws -> FixityReport
}

/// Full-text search over the stored documents, with and without diacritics.
public protocol DocumentSearch: AnyObject {
    func search(_ query: SearchQuery) throws -> SearchResults
    func facets(_ query: SearchQuery) throws -> SearchFacets
    func similar(to id: DocumentID, limit: Int, visibleTo clearance: Clearance) throws -> [SearchHit]
}

/// What a person checks and corrects: the review queue and the audit trail of corrections.
public protocol ReviewDesk: AnyObject {
    func reviewQueue(limit: Int, filter: ReviewFilter, visibleTo clearance: Clearance) throws -> [ReviewItem]
    func correct(_ id: DocumentID, _ correction: MetadataCorrection, visibleTo clearance: Clearance) throws -> CorrectionOutcome
    func corrections(of id: DocumentID, visibleTo clearance: Clearance) throws -> [Correction]
    /// The latest `doc_type` a person gave each document they corrected it on.
    func correctedTypes() throws -> [(id: DocumentID, type: DocumentType)]
}

/// The learned type models, every version kept.
public protocol TypeModelStore: AnyObject {
    func saveTypeModel(_ model: TypeModel, sources: [String: Int]) throws -> Int
    func currentTypeModel() throws -> (version: Int, model: TypeModel)?
}

/// An archive as a whole: what a command or the server opens.
public typealias ArchiveBackend = BatchLedger & DocumentStore & DocumentSearch & ReviewDesk & TypeModelStore & UserDirectory & RecordsOffice

extension Archive: BatchLedger, DocumentStore, DocumentSearch, ReviewDesk, TypeModelStore {}
