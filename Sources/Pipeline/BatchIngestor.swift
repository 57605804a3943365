import ArchiveStore
import DocumentModel
import Foundation
import Ingest
import OCRStage

/// Runs a batch: the only place that knows the order of the stages and their threads.
///
/// intake (`Ingest`: find, sniff, open, yield pages) → page images → recognition
/// (`OCRStage`) → classification (``DocumentClassification``) → derivative
/// (``SearchableCopy``, the searchable PDF) → store (`ArchiveStore`).
///
/// ```
/// caller's thread   find → hash → dedupe → open → pages ─┬─ text-layer pages ─────────────┐
///                   (stamped header fields read by its   │                                │
///                    own small engine)                   └─ images (bounded queue) ─┐     │
/// N OCR threads     one PageReader each: clean-up → Tesseract → RecognizedPage ◄────┘     │
///                   (the image staged for the searchable PDF) ───────────────────────────┤
/// store thread      every page into the ledger, in any order ◄───────────────────────────┘
///                   complete document → classify → searchable PDF → copy original → store,
///                   one transaction
/// ```
/// Work is scheduled by page, so one long PDF keeps every OCR worker busy, and the page
/// queue's bound keeps memory flat however large the batch.
public struct BatchIngestor: Sendable {
    public let configuration: PipelineConfiguration
    public let archive: ArchiveLocation

    public init(configuration: PipelineConfiguration, archive: ArchiveLocation) {
        self.configuration = configuration
        self.archive = archive
    }

    /// Ingests every file under `folder` (or the single file `folder` names). On a
    /// PostgreSQL archive the batch goes through the shared queue (``SharedBatch``), and
    /// every `sohoa worker` helps.
    ///
    /// Per-input problems never throw: they end as failures in the report. A batch that was
    /// killed or stopped before is resumed: finished inputs are skipped, and pages an
    /// unfinished one had recognised are taken from the ledger instead of recognised again.
    /// Throws only when the batch cannot run at all (archive unusable or busy, OCR model missing).
    ///
    /// - Parameter stop: lets the caller (a signal handler) end the batch early and cleanly.
    /// - Parameter admitting: which inputs (by `source`) this batch takes; the others under
    ///   `folder` are left for a later one (a consume folder's files still being copied).
    public func ingest(
        folder: URL, stop: StopSignal = StopSignal(), progress: @escaping @Sendable (IngestProgress) -> Void = { _ in },
        admitting: (String) -> Bool = { _ in true }
    ) throws -> IngestReport {
        if archive.isServer {
            return try SharedBatch(configuration: configuration, pool: try QueueWorkerPool(configuration: configuration, archive: archive))
                .ingest(folder: folder, stop: stop, progress: progress, admitting: admitting)
        }
        let started = Date()
        let root = folder.standardizedFileURL
        let batchRoot = root.resolvingSymlinksInPath().path
        let lookup = try archive.open()
        let lock = try ArchiveLock(archiveDirectory: archive.files)
        defer { withExtendedLifetime(lock) {} }
        // Holding the lock, no other batch is between copying an original and committing it.
        try lookup.removeUnknownFiles()
        // Fail fast on a missing model (or PDF font) instead of failing every page.
        let reader = try configuration.ocr.pageReader()
        let copies = SearchableCopy(policy: try SearchableCopyPolicy(storage: configuration.storage, tessdata: reader.dataPath),
                                    intake: configuration.intake)
        // Once per batch, so every document of it is typed by the same model.
        let classification = try DocumentClassification(archive: lookup, configuration: configuration)

        let hierarchy = try HierarchyReading(configuration.hierarchy, batchFolder: root)

        var found = InputFinder(skipHidden: configuration.input.skipHidden, followLinks: configuration.input.followLinks).files(under: root)
        found.files.removeAll { hierarchy.isCatalog($0) || !admitting($0.source) }
        found.unreadable.removeAll { !admitting($0.source) }
        let total = found.files.count + found.unreadable.count
        try hierarchy.record(sources: found.files.map(\.source) + found.unreadable.map(\.source), batchRoot: batchRoot, in: lookup)
        let run = try lookup.beginRun(batchRoot: batchRoot, inputsFound: total,
                                      ocrEngine: Self.engineDescription(language: configuration.ocr.language, dataPath: reader.dataPath))
        let events = BlockingQueue<StoreEvent>()
        let jobs = BlockingQueue<OCRJob?>(capacity: configuration.workerCount * 2)

        let workers = DispatchGroup()
        for _ in 0..<configuration.workerCount {
            startThread(group: workers) { [configuration] in
                OCRWorker(configuration: configuration, copies: copies).run(jobs: jobs, events: events)
            }
        }
        let store = DispatchGroup()
        let result = ReportBox()
        startThread(group: store) { [archive, configuration] in
            var assembler = DocumentAssembler(
                archive: archive, batchRoot: batchRoot, run: run, total: total, copies: copies,
                classification: classification, configuration: configuration, started: started, stop: stop,
                progress: progress)
            result.report = assembler.run(events: events)
        }

        var producer = Producer(
            configuration: configuration, copies: copies, archive: lookup, batchRoot: batchRoot, events: events, jobs: jobs,
            stop: stop)
        for (source, reason) in found.unreadable where !stop.isRequested {
            events.push(.failed(InputRef(source: source, url: root, sha256: nil), reason: reason))
        }
        for file in found.files where !stop.isRequested {
            producer.ingest(file)
        }
        for file in producer.deferred where !stop.isRequested {
            producer.ingest(file, deferring: false)
        }
        for _ in 0..<configuration.workerCount { jobs.push(nil) }
        workers.wait()
        events.push(.finish)
        store.wait()
        // Names that are not UTF-8 are read through these until the last original is stored.
        withExtendedLifetime(found.aliases) {}
        return result.report
    }

    /// "Tesseract 5.3.0, vie (vie.traineddata sha256 3f6c…)": the engine and the very model
    /// files a run reads with, so a package's event log can say what made each text.
    static func engineDescription(language: String, dataPath: String) -> String {
        let models = language.split(separator: "+").map { name in
            let file = URL(fileURLWithPath: dataPath).appendingPathComponent("\(name).traineddata")
            let digest = (try? Fingerprint.sha256(of: file)).map { " sha256 " + $0.rawValue.prefix(16) + "…" } ?? ""
            return "\(name).traineddata\(digest)"
        }
        return "Tesseract \(TesseractEngine.version), \(language) (\(models.joined(separator: ", ")))"
    }

    private func startThread(group: DispatchGroup, _ body: @escaping @Sendable () -> Void) {
        group.enter()
        let thread = Thread {
            body()
            group.leave()
        }
        // Tesseract's layout analysis recurses; the Linux default stack is tight for it.
        thread.stackSize = 16 << 20
        thread.start()
    }
}

/// A request to end a batch early: the producer stops feeding pages, pages already handed
/// to OCR are finished and kept in the ledger, and unfinished inputs wait for the next run.
public final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var why: String?

    public init() {}

    /// Asks the batch to stop; the first reason given is the one reported.
    public func request(_ reason: String) {
        lock.withLock { if why == nil { why = reason } }
    }

    public var reason: String? { lock.withLock { why } }
    public var isRequested: Bool { reason != nil }
}

/// The report, handed from the store thread to the caller after the thread has finished.
private final class ReportBox: @unchecked Sendable {
    var report = IngestReport()
}

struct InputRef: Sendable {
    var source: String
    var url: URL
    /// Nil until the input is read: an input that cannot be read has none.
    var sha256: SHA256?
}

struct OCRJob: Sendable {
    var key: Int
    var pageNumber: Int
    var image: PageImage
    /// The page in plain grey for the searchable PDF, when the producer has it already.
    var display: PageImage?
    /// Where to keep the page as recognised, for the searchable PDF; nil when none is made.
    var stagedImage: URL?
}

/// Messages to the store thread, which alone writes to the archive and its ledger.
enum StoreEvent: Sendable {
    case begin(key: Int, input: InputRef, kind: FileKind)
    /// A page image was rendered and queued for OCR.
    case pageRendered(key: Int, page: Int)
    /// An OCR worker began recognising a page.
    case pageStarted(key: Int, page: Int)
    /// A page's text; `seconds` is the time OCR took, nil when no OCR ran now.
    case page(key: Int, RecognizedPage, seconds: Double?)
    case pageFailed(key: Int, page: Int, reason: String)
    case end(key: Int, pagesSent: Int, failure: String?)
    case duplicate(InputRef, documentID: DocumentID)
    case duplicateOfPending(InputRef, key: Int)
    case alreadyIngested(InputRef)
    case failed(InputRef, reason: String)
    case finish
}

/// The caller's-thread part of a batch: decides what each input is and feeds pages on.
private struct Producer {
    let configuration: PipelineConfiguration
    let copies: SearchableCopy
    let archive: Archive
    let batchRoot: String
    let events: BlockingQueue<StoreEvent>
    let jobs: BlockingQueue<OCRJob?>
    let stop: StopSignal
    /// Documents started in this run, by content, so a second copy waits for the first.
    var inFlight: [SHA256: Int] = [:]
    var nextKey = 0
    /// Recognises stamped header fields of text-layer pages here: OCR workers stay on pages.
    let fieldReader: StampedFieldReader

    /// Inputs set aside to the end of the batch because a page of theirs was being
    /// recognised when an earlier run died: if that page is what kills the process, the
    /// rest of the batch is done first.
    var deferred: [InputFile] = []

    /// A page on which OCR began this many times without a result is given up, so that a
    /// page that crashes Tesseract cannot stop every run of the batch.
    static let maxPageStarts = 3

    init(configuration: PipelineConfiguration, copies: SearchableCopy, archive: Archive, batchRoot: String,
         events: BlockingQueue<StoreEvent>, jobs: BlockingQueue<OCRJob?>, stop: StopSignal) {
        self.configuration = configuration
        self.copies = copies
        self.archive = archive
        self.batchRoot = batchRoot
        self.events = events
        self.jobs = jobs
        self.stop = stop
        fieldReader = StampedFieldReader(ocr: configuration.ocr)
    }

    mutating func ingest(_ file: InputFile, deferring: Bool = true) {
        var input = InputRef(source: file.source, url: file.url, sha256: nil)
        let kind: FileKind
        let resumable: ResumableWork
        let sha: SHA256
        do {
            sha = try Fingerprint.sha256(ofInput: file.url)
            input.sha256 = sha
            if let prior = try archive.priorOutcome(batchRoot: batchRoot, source: file.source, sha256: sha),
               prior == .ok || prior == .duplicate {
                events.push(.alreadyIngested(input))
                return
            }
            kind = try FileKind.sniff(file.url)
            if let id = try archive.documentID(forSHA256: sha) {
                events.push(.duplicate(input, documentID: id))
                return
            }
            if let key = inFlight[sha] {
                events.push(.duplicateOfPending(input, key: key))
                return
            }
            resumable = try archive.resumableWork(forSHA256: sha)
            if deferring, resumable.startedAttempts.values.contains(where: { $0 > 0 }) {
                deferred.append(file)
                return
            }
            nextKey += 1
            inFlight[sha] = nextKey
        } catch {
            events.push(.failed(input, reason: describe(error)))
            return
        }
        let key = nextKey
        events.push(.begin(key: key, input: input, kind: kind))
        // A page recognised by an earlier run is taken as it is, unless the searchable PDF
        // needs its image and that was not kept: then it is recognised again.
        let recognised = resumable.recognised.filter { copies.canReuse($0, sha256: sha, in: archive) }
        for page in recognised {
            events.push(.page(key: key, page, seconds: nil))
        }
        var skipped = Set(recognised.map(\.number))
        for (number, starts) in resumable.startedAttempts where starts >= Producer.maxPageStarts && !skipped.contains(number) {
            events.push(.pageFailed(key: key, page: number, reason: InputError.pageNeverFinished(starts: starts).description))
            skipped.insert(number)
        }
        var sent = skipped.count
        do {
            try PageSource(options: configuration.intake).forEachPage(of: file.url, kind: kind, skipping: skipped) {
                [stop, fieldReader, copies, archive] number, content in
                if stop.isRequested { throw Stopped() }
                switch content {
                case .text(var page, let header):
                    if let header { page = fieldReader.read(page, with: header) }
                    events.push(.page(key: key, page, seconds: nil))
                case let .image(image, display):
                    events.push(.pageRendered(key: key, page: number))
                    jobs.push(OCRJob(key: key, pageNumber: number, image: image, display: display,
                                     stagedImage: copies.stagedImage(in: archive, sha256: sha, page: number)))
                }
                sent += 1
            }
            events.push(.end(key: key, pagesSent: sent, failure: nil))
        } catch is Stopped {
            // Left unfinished on purpose: the next run resumes it.
        } catch {
            let reason = FileManager.default.fileExists(atPath: file.url.path) ? describe(error) : InputError.vanished.description
            events.push(.end(key: key, pagesSent: sent, failure: reason))
        }
    }

    private struct Stopped: Error {}
}

extension Fingerprint {
    /// The input's SHA-256, or the reason it cannot be read, in an archivist's words.
    static func sha256(ofInput url: URL) throws -> SHA256 {
        do {
            return try sha256(of: url)
        } catch let error as FileReadError {
            throw error.code == ENOENT ? InputError.vanished : InputError.unreadable(error.description)
        }
    }
}

/// The message a person reads for an error: sohoa's errors describe themselves.
func describe(_ error: Error) -> String {
    String(describing: error)
}

/// One OCR thread: owns one page reader (clean-up and Tesseract engines) for its whole life.
private struct OCRWorker {
    let configuration: PipelineConfiguration
    let copies: SearchableCopy

    func run(jobs: BlockingQueue<OCRJob?>, events: BlockingQueue<StoreEvent>) {
        let reader = try? configuration.ocr.pageReader()
        while let job = jobs.pop() {
            guard let reader else {
                events.push(.pageFailed(key: job.key, page: job.pageNumber, reason: "OCR engine could not start"))
                continue
            }
            events.push(.pageStarted(key: job.key, page: job.pageNumber))
            let started = DispatchTime.now().uptimeNanoseconds
            do {
                let page: RecognizedPage
                if let staged = job.stagedImage {
                    let read = try reader.readForArchive(job.image, display: job.display, pageNumber: job.pageNumber,
                                                         deadline: configuration.ocr.pageTimeoutSeconds)
                    try copies.stage(read.display, at: staged)
                    page = read.page
                } else {
                    page = try reader.read(job.image, pageNumber: job.pageNumber, deadline: configuration.ocr.pageTimeoutSeconds)
                }
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                events.push(.page(key: job.key, page, seconds: seconds))
            } catch {
                events.push(.pageFailed(key: job.key, page: job.pageNumber, reason: describe(error)))
            }
        }
    }
}
