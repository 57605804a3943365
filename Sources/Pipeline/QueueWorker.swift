import ArchiveStore
import DocumentModel
import Foundation
import Ingest
import OCRStage
import PostgresArchive

/// One thread's share of the work of a PostgreSQL archive's queue (``WorkQueue``): it
/// leases a page, reads it from the input's staged copy on the shared folder, and hands in
/// the result; when it hands in an input's last page, it classifies and stores that input
/// (``InputStorer``). An input whose assembler stopped beating is taken over first.
///
/// What a thread of `sohoa worker` runs, and what the threads of `sohoa ingest` run beside
/// it on a server archive. Each holds its own connections, reader and engines.
final class QueueWorker {
    let id: WorkerID
    private let queue: WorkQueue
    private let archive: Archive
    private let reader: PageReader
    private let pages: PageSource
    private let fieldReader: StampedFieldReader
    private let storer: InputStorer
    private let copies: SearchableCopy
    private let pageTimeout: Double

    init(address: PostgresAddress, location: ArchiveLocation, configuration: PipelineConfiguration, storer: InputStorer,
         copies: SearchableCopy, host: String) throws {
        queue = try WorkQueue(link: try PostgresLink(address), settings: configuration.queueSettings)
        archive = try location.open()
        reader = try configuration.ocr.pageReader()
        pages = PageSource(options: configuration.intake)
        fieldReader = StampedFieldReader(ocr: configuration.ocr)
        self.storer = storer
        self.copies = copies
        pageTimeout = configuration.ocr.pageTimeoutSeconds
        id = try queue.join(host: host, pid: Int(getpid()))
    }

    /// Does one piece of work: an input left unassembled, else one page. False when there
    /// was none to take.
    func step() throws -> Bool {
        if let input = try queue.claimAssembly(for: id) {
            try assemble(input)
            return true
        }
        guard let lease = try queue.lease(for: id, limit: 1).first else { return false }
        let started = DispatchTime.now().uptimeNanoseconds
        let handIn: PageHandIn
        switch Result(catching: { try read(lease) }) {
        case .success(let page):
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            handIn = try queue.complete(lease, by: id, result: try QueueWorker.encoded(page), source: page.source, seconds: seconds)
        case .failure(let error):
            handIn = try queue.fail(lease, by: id, reason: describe(error))
        }
        if case .kept(let input?) = handIn { try assemble(input) }
        return true
    }

    /// Whether any page or assembly is left for any worker.
    func hasOpenWork() throws -> Bool { try queue.hasOpenWork() }

    /// Leaves the archive's list of workers; leases not begun go back (a thread leases one
    /// page at a time and finishes it, so there are none).
    func leave() {
        try? queue.leave(id, returning: [])
    }

    private func read(_ lease: PageLease) throws -> RecognizedPage {
        guard let input = try queue.input(lease.input), let staged = input.stagedPath, let count = input.pageCount else {
            throw InputError.unreadable("the queue has no staged copy of this input")
        }
        let url = archive.directory.appendingPathComponent(staged)
        let kind = try FileKind.sniff(url)
        var found: RecognizedPage?
        try pages.forEachPage(of: url, kind: kind, skipping: Set(1...max(count, lease.number)).subtracting([lease.number])) { number, content in
            switch content {
            case .text(var page, let header):
                if let header { page = fieldReader.read(page, with: header) }
                found = page
            case let .image(image, display):
                if let stagedImage = copies.stagedImage(in: archive, sha256: input.sha256, page: number) {
                    let read = try reader.readForArchive(image, display: display, pageNumber: number, deadline: pageTimeout)
                    try copies.stage(read.display, at: stagedImage)
                    found = read.page
                } else {
                    found = try reader.read(image, pageNumber: number, deadline: pageTimeout)
                }
            }
        }
        guard let found else { throw InputError.pageFailed(page: lease.number, reason: "the file has no such page") }
        return found
    }

    /// Classifies and stores an input whose pages are all in, holding its assembly claim;
    /// an input with a failed page fails, naming it. Its bytes stored meanwhile from
    /// another batch folder make it that document's duplicate.
    private func assemble(_ inputID: InputID) throws {
        guard let input = try queue.input(inputID) else { return }
        if try recordedAsDuplicate(inputID, sha256: input.sha256) { return }
        let results = try queue.pageResults(of: inputID)
        if let failed = results.first(where: { $0.failure != nil }) {
            let reason = InputError.pageFailed(page: failed.number, reason: failed.failure ?? "").description
            _ = try queue.finishInput(inputID, by: id, as: .failed, error: reason)
            return
        }
        do {
            guard let staged = input.stagedPath else { throw InputError.unreadable("the queue has no staged copy of this input") }
            let original = archive.directory.appendingPathComponent(staged)
            let recognised = try results.map { result in
                var page = try JSONDecoder().decode(RecognizedPage.self, from: Data((result.result ?? "").utf8))
                page.words = []
                return page
            }
            guard !recognised.isEmpty else { throw InputError.noPages }
            _ = try storer.store(InputStorer.Input(
                batchRoot: input.batchRoot, source: input.source, sha256: input.sha256, kind: try FileKind.sniff(original),
                original: original, ledger: inputID, pages: recognised), in: archive)
        } catch ArchiveError.inputFinishedElsewhere {
            // Another worker took the input over and stored it first: nothing to do.
        } catch {
            // Two folders' copies of the same bytes stored at the same moment: the first
            // holds the document's id, and the second is its duplicate.
            if try recordedAsDuplicate(inputID, sha256: input.sha256) { return }
            _ = try queue.finishInput(inputID, by: id, as: .failed, error: "could not be stored: \(describe(error))")
        }
    }

    private func recordedAsDuplicate(_ inputID: InputID, sha256: SHA256) throws -> Bool {
        guard let existing = try archive.documentID(forSHA256: sha256) else { return false }
        if try queue.finishInput(inputID, by: id, as: .duplicate, documentID: existing) {
            archive.removeStaging(sha256: sha256)
        }
        return true
    }

    /// A recognised page as the ledger keeps it (`input_pages.result`).
    private static func encoded(_ page: RecognizedPage) throws -> String {
        String(decoding: try JSONEncoder().encode(page), as: UTF8.self)
    }
}

extension PipelineConfiguration {
    /// The queue's lease and attempts, as `queue:` in pipeline.yaml sets them.
    var queueSettings: QueueSettings {
        QueueSettings(leaseSeconds: queue.leaseSeconds, maxAttempts: queue.maxAttempts)
    }
}

/// Says, for every worker thread of this process, that it is alive: moves its leases'
/// and claims' expiry on, four times per lease, on a connection of its own.
final class QueueHeartbeat: @unchecked Sendable {
    private let queue: WorkQueue
    private let interval: Double
    private let condition = NSCondition()
    private var workers: [WorkerID] = []
    private var stopped = false
    private let done = DispatchGroup()

    init(address: PostgresAddress, settings: QueueSettings) throws {
        queue = try WorkQueue(link: try PostgresLink(address), settings: settings)
        interval = settings.leaseSeconds / 4
    }

    func start() {
        done.enter()
        Thread { [self] in
            while condition.withLock({ () -> Bool in
                if !stopped { _ = condition.wait(until: Date(timeIntervalSinceNow: interval)) }
                return !stopped
            }) {
                for worker in condition.withLock({ workers }) { try? queue.heartbeat(worker) }
            }
            done.leave()
        }.start()
    }

    func beat(for worker: WorkerID) {
        condition.withLock { workers.append(worker) }
    }

    func forget(_ worker: WorkerID) {
        condition.withLock { workers.removeAll { $0 == worker } }
    }

    func stop() {
        condition.withLock {
            stopped = true
            condition.broadcast()
        }
        done.wait()
    }
}
