import Foundation
import Pipeline

/// An ingest as asked for: the folder or file, and what the request changes in the
/// configuration.
public struct IngestRequest: Sendable {
    public var path: String
    public var workers: Int?
    public var language: String?
    public var pdfPassword: String?

    public init(path: String) {
        self.path = path
    }

    /// Runs the batch to its end (or until `stop` is requested). A batch that cannot run at
    /// all (archive busy or unusable, OCR model missing) is ``CommandFailure/Kind/unusable``;
    /// what became of each input is in the report.
    public func run(in workspace: Workspace, stop: StopSignal = StopSignal(),
                    progress: @escaping @Sendable (IngestProgress) -> Void = { _ in }) throws -> IngestReport {
        let ingestor = try self.ingestor(in: workspace)
        do {
            return try ingestor.ingest(folder: URL(fileURLWithPath: path), stop: stop, progress: progress)
        } catch {
            throw CommandFailure(.unusable, "\(error)")
        }
    }

    /// Watches the folder as a consume folder until `stop` is requested: every `interval`
    /// seconds, the files that have stopped changing (``FolderWatch``) are ingested as one
    /// batch, and `batchDone` hears its report. A batch the archive stopped (disk full)
    /// is tried again at the next look.
    public func watch(in workspace: Workspace, stop: StopSignal, interval: Double,
                      progress: @escaping @Sendable (IngestProgress) -> Void = { _ in },
                      batchDone: (IngestReport) -> Void) throws {
        let ingestor = try self.ingestor(in: workspace)
        var watch = FolderWatch(folder: URL(fileURLWithPath: path), stableSeconds: Double(ingestor.configuration.input.stableSeconds),
                                configuration: ingestor.configuration)
        while !stop.isRequested {
            let ready = watch.ready()
            if !ready.isEmpty {
                let report: IngestReport
                do {
                    report = try ingestor.ingest(folder: URL(fileURLWithPath: path), stop: stop, progress: progress,
                                                 admitting: { ready.contains($0) })
                } catch {
                    throw CommandFailure(.unusable, "\(error)")
                }
                if report.stopReason == nil { watch.take(ready) }
                batchDone(report)
            }
            let next = Date().addingTimeInterval(interval)
            while !stop.isRequested, Date() < next { Thread.sleep(forTimeInterval: 0.1) }
        }
    }

    private func ingestor(in workspace: Workspace) throws -> BatchIngestor {
        var configuration = try workspace.configuration()
        if let workers { configuration.ocr.workers = workers }
        if let language { configuration.ocr.language = language }
        if let pdfPassword { configuration.input.pdfPassword = pdfPassword }
        return BatchIngestor(configuration: configuration, archive: try workspace.archiveLocation(configuration))
    }
}

extension IngestReport {
    /// What the batch's end means for the caller: nil when every input was stored or
    /// recognised as a duplicate.
    public var failureKind: CommandFailure.Kind? {
        if stopReason != nil { return .stoppedEarly }
        if !failures.isEmpty { return .inputsFailed }
        return nil
    }
}

/// One line per finished input on stderr, so a long night's batch shows where it is.
public struct ProgressLine {
    public let text: String

    public init(_ event: IngestProgress) {
        let width = String(event.total).count
        let count = String(event.finished).leftPadded(to: width) + "/" + String(event.total)
        let rate = event.elapsed > 0 ? String(format: "%.1f pages/min", Double(event.pages) / event.elapsed * 60) : ""
        let what: String
        switch event.outcome {
        case let .stored(id, pages): what = "stored     \(event.source.printableSource)  (\(pages) page\(pages == 1 ? "" : "s"), id \(id))"
        case .duplicate(let id): what = "duplicate  \(event.source.printableSource)  (of \(id))"
        case .alreadyIngested: what = "unchanged  \(event.source.printableSource)  (already ingested)"
        case .failed(let reason): what = "FAILED     \(event.source.printableSource): \(reason.printable)"
        }
        text = "[\(count)] \(what)  \(rate)"
    }
}

extension IngestReport {
    public var summaryText: String {
        var lines = [
            "Stored \(stored), duplicates \(duplicates), already ingested \(alreadyIngested), failed \(failures.count).",
            String(format: "Pages: %d OCR, %d text layer, in %.1f s (%.1f pages/min); peak memory %d MB.",
                   ocrPages, textLayerPages, elapsed, pagesPerMinute, peakMemoryMegabytes),
        ]
        if ocrPages > 0 {
            lines.append("OCR clean-up: \(blankPages) blank page(s); \(invalidSyllables) word(s) not Vietnamese syllables as read, "
                         + "\(syllablesRepaired) repaired.")
        }
        if splitInputs > 0 {
            lines.append("Bound scans: \(splitInputs) input(s) held several documents, stored as \(splitDocuments) documents "
                         + "(input.split_documents; each names its pages as source_pages).")
        }
        if let stopReason {
            lines.append("STOPPED EARLY: \(stopReason). \(unfinished) input(s) unfinished; run the same command again to resume.")
        }
        if !failures.isEmpty {
            lines.append("Failures:")
            lines += failures.map { "  \($0.source.printableSource): \($0.reason.printable)" }
        }
        return lines.joined(separator: "\n")
    }

    public var jsonLine: String {
        let object: [String: Any] = [
            "stored": stored, "duplicates": duplicates, "already_ingested": alreadyIngested,
            "failed": failures.count, "ocr_pages": ocrPages, "text_layer_pages": textLayerPages,
            "seconds": (elapsed * 100).rounded() / 100, "pages_per_minute": (pagesPerMinute * 10).rounded() / 10,
            "failures": failures.map { ["source": $0.source, "error": $0.reason] },
            "blank_pages": blankPages, "invalid_syllables": invalidSyllables, "syllables_repaired": syllablesRepaired,
            "unfinished": unfinished, "stop_reason": stopReason ?? NSNull(), "peak_memory_mb": peakMemoryMegabytes,
            "split_inputs": splitInputs, "split_documents": splitDocuments,
        ]
        return jsonText(object)
    }
}

/// The process's peak resident memory so far, in megabytes (Linux reports kilobytes).
private var peakMemoryMegabytes: Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss / 1024
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
