import ArchiveStore
import DocumentModel
import Foundation
import Ingest
import OCRStage
import PostgresArchive

/// The worker threads of one process on a PostgreSQL archive: `sohoa worker`, and the
/// threads `sohoa ingest` runs on such an archive. Each thread is a ``QueueWorker``; one
/// ``QueueHeartbeat`` beats for them all.
public struct QueueWorkerPool: Sendable {
    public let configuration: PipelineConfiguration
    public let archive: ArchiveLocation
    let address: PostgresAddress

    /// When the threads stop, besides a stop request (SIGTERM), on which each finishes the
    /// page it is reading and leaves.
    public enum Until: Sendable {
        /// No page and no assembly is left for anyone.
        case queueEmpty
        /// Only a stop request: idle threads look for work again every second (`--watch`).
        case stopped
        /// The test holds: an ingest's inputs are all finished.
        case finished(@Sendable () -> Bool)
    }

    /// What a pool did.
    public struct Outcome: Sendable {
        /// Pages and inputs handled by this process's threads.
        public var steps = 0
        /// Why threads ended early: the archive could not be reached, or a thread could not start.
        public var errors: [String] = []
    }

    /// - Throws: when the archive is not a PostgreSQL archive.
    public init(configuration: PipelineConfiguration, archive: ArchiveLocation) throws {
        guard let address = archive.server as? PostgresAddress else {
            throw InputError.unreadable("workers need a PostgreSQL archive (--archive postgresql://…)")
        }
        self.configuration = configuration
        self.archive = archive
        self.address = address
    }

    /// Runs `threads` workers until `until` holds or `stop` is requested.
    public func run(threads: Int, stop: StopSignal, until: Until) throws -> Outcome {
        // Fail fast on a missing model (or PDF font), as a batch does.
        let reader = try configuration.ocr.pageReader()
        let lookup = try archive.open()
        let copies = SearchableCopy(policy: try SearchableCopyPolicy(storage: configuration.storage, tessdata: reader.dataPath),
                                    intake: configuration.intake)
        let storer = InputStorer(copies: copies, classification: try DocumentClassification(archive: lookup, configuration: configuration),
                                 splitsBoundScans: configuration.input.splitDocuments == .auto)
        let heartbeat = try QueueHeartbeat(address: address, settings: configuration.queueSettings)
        heartbeat.start()
        defer { heartbeat.stop() }
        let host = ProcessInfo.processInfo.hostName
        let outcome = Locked(Outcome())
        let group = DispatchGroup()
        for _ in 0..<max(1, threads) {
            group.enter()
            let thread = Thread { [configuration, archive, address] in
                defer { group.leave() }
                do {
                    let worker = try QueueWorker(address: address, location: archive, configuration: configuration, storer: storer,
                                                 copies: copies, host: host)
                    heartbeat.beat(for: worker.id)
                    defer {
                        heartbeat.forget(worker.id)
                        worker.leave()
                    }
                    while !stop.isRequested {
                        if try worker.step() {
                            outcome.update { $0.steps += 1 }
                            continue
                        }
                        switch until {
                        case .queueEmpty: if try !worker.hasOpenWork() { return }
                        case .stopped: break
                        case .finished(let done): if done() { return }
                        }
                        Thread.sleep(forTimeInterval: 1)
                    }
                } catch {
                    outcome.update { $0.errors.append(describe(error)) }
                }
            }
            // Tesseract's layout analysis recurses; the Linux default stack is tight for it.
            thread.stackSize = 16 << 20
            thread.start()
        }
        group.wait()
        return outcome.value
    }
}

/// `sohoa ingest` on a PostgreSQL archive: registers the batch's inputs and pages in the
/// shared queue (each input staged on the shared folder, so that any machine can read it),
/// works on it with this machine's threads beside every `sohoa worker`, and returns once
/// each input is stored, a duplicate or failed, whoever did the work.
struct SharedBatch {
    let configuration: PipelineConfiguration
    let pool: QueueWorkerPool

    func ingest(folder: URL, stop: StopSignal, progress: @escaping @Sendable (IngestProgress) -> Void,
                admitting: (String) -> Bool) throws -> IngestReport {
        let started = Date()
        let root = folder.standardizedFileURL
        let batchRoot = root.resolvingSymlinksInPath().path
        let lookup = try pool.archive.open()
        // One ingest per batch folder at a time; workers on every machine work on what is registered.
        try lookup.holdBatchLock(for: batchRoot)
        let queue = try WorkQueue(link: try PostgresLink(pool.address), settings: configuration.queueSettings)
        let reader = try configuration.ocr.pageReader()
        let hierarchy = try HierarchyReading(configuration.hierarchy, batchFolder: root)
        var found = InputFinder(skipHidden: configuration.input.skipHidden, followLinks: configuration.input.followLinks).files(under: root)
        found.files.removeAll { hierarchy.isCatalog($0) || !admitting($0.source) }
        found.unreadable.removeAll { !admitting($0.source) }
        let total = found.files.count + found.unreadable.count
        try hierarchy.record(sources: found.files.map(\.source) + found.unreadable.map(\.source), batchRoot: batchRoot, in: lookup)
        let run = try queue.beginRun(batchRoot: batchRoot, inputsFound: total, host: ProcessInfo.processInfo.hostName,
                                     pid: Int(getpid()),
                                     ocrEngine: BatchIngestor.engineDescription(language: configuration.ocr.language, dataPath: reader.dataPath))

        // This machine's workers start at once, on what is registered so far.
        let finished = Locked(false)
        let workers = DispatchGroup()
        let poolOutcome = Locked(QueueWorkerPool.Outcome())
        let poolEnded = Locked(false)
        workers.enter()
        Thread { [pool, configuration] in
            do {
                let outcome = try pool.run(threads: configuration.workerCount, stop: stop, until: .finished { finished.value })
                poolOutcome.update { $0 = outcome }
            } catch {
                poolOutcome.update { $0.errors.append(describe(error)) }
            }
            poolEnded.update { $0 = true }
            workers.leave()
        }.start()

        var report = IngestReport()
        var done = 0, pagesStored = 0
        func tell(_ source: String, _ outcome: InputOutcome) {
            switch outcome {
            case .stored(_, let pages):
                report.counts.stored += 1
                pagesStored += pages
            case .duplicate: report.counts.duplicates += 1
            case .alreadyIngested: report.counts.unchanged += 1
            case .failed(let reason): report.recordFailure(source: source, reason: reason)
            }
            done += 1
            progress(IngestProgress(source: source, outcome: outcome, finished: done, total: total, pages: pagesStored,
                                    elapsed: Date().timeIntervalSince(started)))
        }
        func fail(_ source: String, sha256: SHA256?, _ reason: String) {
            try? lookup.recordFailure(batchRoot: batchRoot, source: source, sha256: sha256, reason: reason)
            tell(source, .failed(reason: reason))
        }

        for (source, reason) in found.unreadable where !stop.isRequested {
            fail(source, sha256: nil, reason)
        }
        // Later inputs with the bytes of one registered in this run: resolved when it is.
        var copies: [SHA256: [String]] = [:]
        var registered: [SHA256: InputID] = [:]
        for file in found.files where !stop.isRequested {
            var sha: SHA256?
            do {
                let bytes = try Fingerprint.sha256(ofInput: file.url)
                sha = bytes
                if let prior = try lookup.priorOutcome(batchRoot: batchRoot, source: file.source, sha256: bytes),
                   prior == .ok || prior == .duplicate {
                    tell(file.source, .alreadyIngested)
                    continue
                }
                let kind = try FileKind.sniff(file.url)
                if let id = try lookup.documentID(forSHA256: bytes) {
                    try lookup.recordDuplicate(batchRoot: batchRoot, source: file.source, sha256: bytes, of: id)
                    tell(file.source, .duplicate(of: id))
                    continue
                }
                if registered[bytes] != nil {
                    copies[bytes, default: []].append(file.source)
                    continue
                }
                let pages = try PageSource(options: configuration.intake).pageCount(of: file.url, kind: kind)
                let staged = try lookup.stageOriginal(at: file.url, sha256: bytes, fileExtension: kind.fileExtension)
                let (input, status) = try queue.registerInput(run: run, batchRoot: batchRoot, source: file.source, sha256: bytes,
                                                              stagedPath: staged)
                guard status == .discovered else {
                    tell(file.source, .alreadyIngested)
                    continue
                }
                try queue.registerPages(pages, of: input)
                registered[bytes] = input
            } catch {
                fail(file.source, sha256: sha, describe(error))
            }
        }

        // Wait for every registered input, whoever works on it.
        var open = Set(registered.values)
        while !open.isEmpty, !stop.isRequested {
            for input in try queue.inputs(of: run) where open.contains(input.id) && input.status != .discovered {
                open.remove(input.id)
                switch input.status {
                case .ok: tell(input.source, .stored(documentID: input.documentID ?? DocumentID(rawValue: ""), pages: input.pageCount ?? 0))
                case .duplicate: tell(input.source, .duplicate(of: input.documentID ?? DocumentID(rawValue: "")))
                default: tell(input.source, .failed(reason: input.error ?? "failed"))
                }
            }
            if poolEnded.value, let error = poolOutcome.value.errors.first {
                stop.request("this machine's workers stopped: \(error)")
            }
            if !open.isEmpty { Thread.sleep(forTimeInterval: 0.5) }
        }
        finished.update { $0 = true }
        workers.wait()

        for (bytes, sources) in copies {
            let original = try queue.inputs(of: run).first { $0.id == registered[bytes] }
            for source in sources {
                if let id = try lookup.documentID(forSHA256: bytes) {
                    try lookup.recordDuplicate(batchRoot: batchRoot, source: source, sha256: bytes, of: id)
                    tell(source, .duplicate(of: id))
                } else if original?.status == .failed {
                    fail(source, sha256: bytes, original?.error ?? "failed")
                }
            }
        }
        let pages = try queue.pageCounts(of: run)
        report.counts.ocrPages = pages.ocr
        report.counts.textLayerPages = pages.textLayer
        report.blankPages = pages.blank
        report.elapsed = Date().timeIntervalSince(started)
        report.unfinished = open.count
        report.stopReason = stop.reason
        try lookup.updateRun(run, counts: report.counts, outcome: stop.reason.map(RunOutcome.stopped) ?? .finished)
        // Copies a killed worker left half made: by the end of a batch, those of the workers
        // killed before or during it have been silent for a lease. Once per batch, as it
        // walks every stored file.
        lookup.removeAbandonedCopies(silentFor: configuration.queueSettings.leaseSeconds)
        return report
    }
}

/// A value shared by threads, behind a lock.
final class Locked<Value>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()

    init(_ value: Value) { stored = value }

    var value: Value { lock.withLock { stored } }

    func update(_ change: (inout Value) -> Void) {
        lock.withLock { change(&stored) }
    }
}
