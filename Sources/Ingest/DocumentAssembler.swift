import ArchiveStore
import Classifier
import Foundation
import OCRStage

/// The store thread: gathers each document's pages as they arrive from any worker, then
/// classifies it and stores it — original, pages, metadata and index in one transaction.
struct DocumentAssembler {
    let archiveDirectory: URL
    let batchRoot: String
    let total: Int
    let started: Date
    let progress: @Sendable (IngestProgress) -> Void

    private struct Pending {
        var input: InputRef
        var kind: FileKind
        var pages: [RecognizedPage] = []
        var received = 0
        var expected: Int?
        var failure: String?
        /// Later inputs with the same bytes, resolved when this one is.
        var copies: [InputRef] = []
    }

    private enum Resolution {
        case stored(String)
        case failed(String)
    }

    private var pending: [Int: Pending] = [:]
    private var resolved: [Int: Resolution] = [:]
    private var report = IngestReport()
    private var finished = 0
    private var archive: Archive?
    private let classifier = DocumentClassifier()

    init(archiveDirectory: URL, batchRoot: String, total: Int, started: Date,
         progress: @escaping @Sendable (IngestProgress) -> Void) {
        self.archiveDirectory = archiveDirectory
        self.batchRoot = batchRoot
        self.total = total
        self.started = started
        self.progress = progress
    }

    mutating func run(events: BlockingQueue<StoreEvent>) -> IngestReport {
        archive = try? Archive(directory: archiveDirectory)
        loop: while true {
            switch events.pop() {
            case let .begin(key, input, kind):
                pending[key] = Pending(input: input, kind: kind)
            case let .page(key, page):
                pending[key]?.pages.append(page)
                pending[key]?.received += 1
                completeIfReady(key)
            case let .pageFailed(key, number, reason):
                pending[key]?.received += 1
                if pending[key]?.failure == nil {
                    pending[key]?.failure = InputError.pageFailed(page: number, reason: reason).description
                }
                completeIfReady(key)
            case let .end(key, sent, failure):
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
        return report
    }

    private mutating func completeIfReady(_ key: Int) {
        guard let document = pending[key], let expected = document.expected, document.received >= expected else { return }
        pending[key] = nil
        let resolution: Resolution
        if let failure = document.failure {
            resolution = .failed(failure)
        } else if document.pages.isEmpty {
            resolution = .failed(InputError.noPages.description)
        } else {
            do {
                resolution = .stored(try store(document))
            } catch {
                resolution = .failed("could not be stored: \(describe(error))")
            }
        }
        resolved[key] = resolution
        switch resolution {
        case .stored(let id):
            let pages = document.pages
            report.ocrPages += pages.filter { $0.source == .ocr }.count
            report.textLayerPages += pages.filter { $0.source == .textLayer }.count
            finish(document.input, .stored(documentID: id, pages: pages.count))
            document.copies.forEach { recordDuplicate($0, of: id) }
        case .failed(let reason):
            recordFailure(document.input, reason: reason)
            document.copies.forEach { recordFailure($0, reason: reason) }
        }
    }

    private func store(_ document: Pending) throws -> String {
        guard let archive, let sha = document.input.sha256 else { throw ArchiveUnavailable() }
        let pages = document.pages.sorted { $0.number < $1.number }
        let metadata = classifier.classify(pages)
        let originalPath = try archive.storeOriginal(
            at: document.input.url, sha256: sha, fileExtension: document.kind.fileExtension)
        let size = (try? FileManager.default.attributesOfItem(atPath: document.input.url.path)[.size]) as? Int
        return try archive.store(NewDocument(
            batchRoot: batchRoot, source: document.input.source, sha256: sha, originalPath: originalPath,
            byteCount: size ?? 0, mediaType: document.kind.mediaType, pages: pages, metadata: metadata))
    }

    private mutating func recordDuplicate(_ input: InputRef, of id: String) {
        do {
            try archiveOrThrow().recordDuplicate(batchRoot: batchRoot, source: input.source, sha256: input.sha256 ?? "", of: id)
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
        case .stored: report.stored += 1
        case .duplicate: report.duplicates += 1
        case .alreadyIngested: report.alreadyIngested += 1
        case .failed(let reason): report.failures.append((input.source, reason))
        }
        finished += 1
        progress(IngestProgress(
            source: input.source, outcome: outcome, finished: finished, total: total,
            pages: report.ocrPages + report.textLayerPages, elapsed: Date().timeIntervalSince(started)))
    }
}

private struct ArchiveUnavailable: Error, CustomStringConvertible {
    var description: String { "the archive database could not be opened" }
}
