import ArchiveStore
import Classifier
import DocumentModel
import Foundation
import Ingest

/// The store thread: records every page in the batch ledger as it arrives from any worker,
/// then classifies each complete document and stores it — original, pages, metadata and
/// index in one transaction.
///
/// It alone writes to the archive. It holds only the text of pending pages: word boxes
/// wait in the ledger, so memory does not grow with a document's length.
struct DocumentAssembler {
    let location: ArchiveLocation
    let batchRoot: String
    let run: RunID
    let total: Int
    let storer: InputStorer
    /// Free space the archive's disk must keep; below it the batch stops cleanly.
    let minFreeBytes: Int64
    let started: Date
    let stop: StopSignal
    let progress: @Sendable (IngestProgress) -> Void

    private struct Pending {
        var input: InputRef
        var kind: FileKind
        var ledger: InputID?
        /// Pages received so far, without their word boxes.
        var pages: [RecognizedPage] = []
        var received = 0
        var expected: Int?
        var failure: String?
        /// Later inputs with the same bytes, resolved when this one is.
        var copies: [InputRef] = []
    }

    private enum Resolution {
        case stored(DocumentID)
        case failed(String)
    }

    private var pending: [Int: Pending] = [:]
    private var resolved: [Int: Resolution] = [:]
    private var report = IngestReport()
    private var finished = 0
    private var archive: Archive?
    /// Set when the archive cannot take more (disk full, failing writes): complete
    /// documents then wait in the ledger for the next run instead of failing.
    private var storageBlocked = false

    init(archive location: ArchiveLocation, batchRoot: String, run: RunID, total: Int, copies: SearchableCopy,
         classification: DocumentClassification, configuration: PipelineConfiguration, started: Date, stop: StopSignal,
         progress: @escaping @Sendable (IngestProgress) -> Void) {
        self.location = location
        storer = InputStorer(copies: copies, classification: classification, splitsBoundScans: configuration.input.splitDocuments == .auto)
        minFreeBytes = Int64(configuration.storage.minFreeMegabytes) * 1_000_000
        self.batchRoot = batchRoot
        self.run = run
        self.total = total
        self.started = started
        self.stop = stop
        self.progress = progress
    }

    mutating func run(events: BlockingQueue<StoreEvent>) -> IngestReport {
        archive = try? location.open()
        if archive == nil { blockStorage(ArchiveUnavailable().description) }
        loop: while true {
            switch events.pop() {
            case let .begin(key, input, kind):
                var document = Pending(input: input, kind: kind)
                let (root, run) = (batchRoot, self.run)
                if let sha = input.sha256 {
                    document.ledger = ledger { try $0.beginInput(batchRoot: root, source: input.source, sha256: sha, run: run) }
                }
                pending[key] = document
            case let .pageRendered(key, number):
                if let input = pending[key]?.ledger {
                    ledger { try $0.recordPageRendered(number, of: input) }
                }
            case let .pageStarted(key, number):
                if let input = pending[key]?.ledger {
                    ledger { try $0.recordPageStarted(number, of: input) }
                }
            case let .page(key, page, seconds):
                guard let input = pending[key]?.ledger else { continue }
                ledger { try $0.recordPage(page, of: input, seconds: seconds) }
                var light = page
                light.words = []
                pending[key]?.pages.append(light)
                pending[key]?.received += 1
                completeIfReady(key)
            case let .pageFailed(key, number, reason):
                guard let input = pending[key]?.ledger else { continue }
                ledger { try $0.recordPageFailure(number, of: input, reason: reason) }
                pending[key]?.received += 1
                if pending[key]?.failure == nil {
                    pending[key]?.failure = InputError.pageFailed(page: number, reason: reason).description
                }
                completeIfReady(key)
            case let .end(key, sent, failure):
                if let input = pending[key]?.ledger, failure == nil {
                    ledger { try $0.setPageCount(sent, of: input) }
                }
                pending[key]?.expected = sent
                if let failure, pending[key]?.failure == nil { pending[key]?.failure = failure }
                completeIfReady(key)
            case let .duplicate(input, id):
                recordDuplicate(input, of: id)
            case let .duplicateOfPending(input, key):
                switch resolved[key] {
                case .stored(let id): recordDuplicate(input, of: id)
                case .failed(let reason): recordFailure(input, reason: reason)
                case nil: pending[key]?.copies.append(input)
                }
            case .alreadyIngested(let input):
                finish(input, .alreadyIngested)
            case let .failed(input, reason):
                recordFailure(input, reason: reason)
            case .finish:
                break loop
            }
        }
        report.elapsed = Date().timeIntervalSince(started)
        report.unfinished = pending.count
        report.stopReason = stop.reason
        let outcome = stop.reason.map(RunOutcome.stopped) ?? .finished
        // Even when storage is blocked: a disk short of the reserve still takes one row.
        try? archive?.updateRun(run, counts: report.counts, outcome: outcome)
        return report
    }

    /// Writes to the ledger. A write that fails (disk full or failing) stops the batch; the
    /// work it was recording is redone by the next run.
    @discardableResult
    private mutating func ledger<T>(_ write: (Archive) throws -> T) -> T? {
        guard let archive, !storageBlocked else { return nil }
        do {
            return try write(archive)
        } catch {
            let full = (error as? SQLiteError)?.isStorageFailure == true || (error as? ArchiveError)?.isStorageFailure == true
            blockStorage((full ? "the archive's disk is full or failing: " : "the archive could not be written: ") + describe(error))
            return nil
        }
    }

    private mutating func blockStorage(_ reason: String) {
        storageBlocked = true
        stop.request(reason)
    }

    /// Stores (or fails) a document once all its pages are in. After a stop request
    /// complete documents are still stored — their pages are recognised already — unless
    /// the archive cannot take them.
    private mutating func completeIfReady(_ key: Int) {
        guard let document = pending[key], let expected = document.expected, document.received >= expected,
              !storageBlocked else { return }
        let resolution: Resolution
        if let failure = document.failure {
            resolution = .failed(failure)
        } else if document.pages.isEmpty {
            resolution = .failed(InputError.noPages.description)
        } else {
            do {
                if let shortage = diskShortage(adding: document.input) {
                    blockStorage(shortage)
                    return
                }
                resolution = .stored(try store(document))
            } catch let error as ArchiveError where error.isStorageFailure {
                blockStorage("the archive's disk is full or failing: \(error)")
                return
            } catch let error as SQLiteError where error.isStorageFailure {
                blockStorage("the archive's disk is full or failing: \(error)")
                return
            } catch {
                let vanished = !FileManager.default.fileExists(atPath: document.input.url.path)
                resolution = .failed(vanished ? InputError.vanished.description : "could not be stored: \(describe(error))")
            }
        }
        pending[key] = nil
        resolved[key] = resolution
        switch resolution {
        case .stored(let id):
            let pages = document.pages
            report.counts.ocrPages += pages.filter { $0.source == .ocr }.count
            report.counts.textLayerPages += pages.filter { $0.source == .textLayer }.count
            let cleanups = pages.compactMap(\.cleanup)
            report.blankPages += cleanups.filter(\.blank).count
            report.invalidSyllables += cleanups.reduce(0) { $0 + $1.invalidSyllables }
            report.syllablesRepaired += cleanups.reduce(0) { $0 + $1.syllablesRepaired }
            finish(document.input, .stored(documentID: id, pages: pages.count))
            document.copies.forEach { recordDuplicate($0, of: id) }
        case .failed(let reason):
            recordFailure(document.input, reason: reason)
            document.copies.forEach { recordFailure($0, reason: reason) }
        }
    }

    /// Why the original of `url` must not be copied now, if the disk is too full for it.
    private func diskShortage(adding input: InputRef) -> String? {
        guard let free = archive?.freeBytes else { return nil }
        let size = Int64(Self.byteCount(of: input.url) ?? 0)
        guard free - size < minFreeBytes else { return nil }
        let name = input.source.split(separator: "/").last.map(String.init) ?? input.source
        return "the archive's disk is full: \(Self.megabytes(free)) free, not enough for \(name) "
            + "(\(Self.megabytes(size))) plus the \(Self.megabytes(minFreeBytes)) kept free (storage.min_free_megabytes); "
            + "free some space and run the same ingest again"
    }

    /// The size of the file `url` leads to: a link in the batch folder, or the alias of a
    /// name that is not UTF-8, is followed (Foundation's attributes describe the link itself).
    static func byteCount(of url: URL) -> Int? {
        var info = stat()
        return stat(url.path, &info) == 0 ? Int(info.st_size) : nil
    }

    private static func megabytes(_ bytes: Int64) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }

    /// Classifies and stores a complete input (``InputStorer``). Returns the first document's id.
    private mutating func store(_ document: Pending) throws -> DocumentID {
        guard let archive, let sha = document.input.sha256 else { throw ArchiveUnavailable() }
        let ids = try storer.store(InputStorer.Input(
            batchRoot: batchRoot, source: document.input.source, sha256: sha, kind: document.kind, original: document.input.url,
            ledger: document.ledger, pages: document.pages), in: archive)
        if ids.count > 1 {
            report.splitInputs += 1
            report.splitDocuments += ids.count
        }
        return ids[0]
    }

    private mutating func recordDuplicate(_ input: InputRef, of id: DocumentID) {
        // A duplicate is found by its bytes, so it always has their SHA-256.
        guard let sha = input.sha256 else { return finish(input, .failed(reason: "could not be recorded: its bytes were never read")) }
        do {
            try archiveOrThrow().recordDuplicate(batchRoot: batchRoot, source: input.source, sha256: sha, of: id)
            finish(input, .duplicate(of: id))
        } catch {
            finish(input, .failed(reason: "could not be recorded: \(describe(error))"))
        }
    }

    private mutating func recordFailure(_ input: InputRef, reason: String) {
        try? archiveOrThrow().recordFailure(batchRoot: batchRoot, source: input.source, sha256: input.sha256, reason: reason)
        finish(input, .failed(reason: reason))
    }

    private func archiveOrThrow() throws -> Archive {
        guard let archive else { throw ArchiveUnavailable() }
        return archive
    }

    private mutating func finish(_ input: InputRef, _ outcome: InputOutcome) {
        switch outcome {
        case .stored: report.counts.stored += 1
        case .duplicate: report.counts.duplicates += 1
        case .alreadyIngested: report.counts.unchanged += 1
        case .failed(let reason): report.recordFailure(source: input.source, reason: reason)
        }
        ledger { [counts = report.counts, run] in try $0.updateRun(run, counts: counts) }
        finished += 1
        progress(IngestProgress(
            source: input.source, outcome: outcome, finished: finished, total: total,
            pages: report.ocrPages + report.textLayerPages, elapsed: Date().timeIntervalSince(started)))
    }
}

private struct ArchiveUnavailable: Error, CustomStringConvertible {
    var description: String { "the archive database could not be opened" }
}
