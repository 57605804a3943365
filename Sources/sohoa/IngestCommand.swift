import ArgumentParser
import DocumentModel
import Foundation
import Pipeline
import OCRStage

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Ingest a folder (recursively) or a file of scans and PDFs into the archive.",
        discussion: """
            Each input ends stored, as a duplicate of a stored document, or failed with a \
            reason; the batch always goes on. Running it again on the same folder stores \
            nothing twice, retries the failures and resumes a batch that was killed or \
            stopped, without recognising finished pages again. Ctrl-C (or SIGTERM) stops \
            cleanly after the pages being recognised; a second Ctrl-C quits at once. \
            Exits 1 when any input failed, 3 when the batch stopped early (see 'sohoa status').
            """)

    @OptionGroup var options: ArchiveOptions

    @Argument(help: ArgumentHelp("Folder or file to ingest.", valueName: "path"))
    var path: String

    @Option(help: "OCR workers (default: pipeline.yaml's ocr.workers; 0 = one per core).")
    var workers: Int?

    @Option(help: "Tesseract model(s), e.g. vie or vie+Vietnamese (default: pipeline.yaml's ocr.language).")
    var language: String?

    @Option(name: .customLong("pdf-password"), help: "Password for encrypted PDFs.")
    var pdfPassword: String?

    @Flag(help: "Print the summary as one JSON object on stdout.")
    var json = false

    @Flag(name: .shortAndLong, help: "No per-file progress lines.")
    var quiet = false

    func validate() throws {
        if let workers, workers < 0 { throw ValidationError("--workers must be 0 or more") }
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("no such file or folder: \(path)")
        }
    }

    func run() throws {
        var configuration = try options.loadConfiguration()
        if let workers { configuration.ocr.workers = workers }
        if let language { configuration.ocr.language = language }
        if let pdfPassword { configuration.input.pdfPassword = pdfPassword }
        let ingestor = BatchIngestor(configuration: configuration, archiveDirectory: options.archiveDirectory(configuration))
        let quiet = self.quiet
        let stop = StopSignal()
        let handlers = StopOnSignals(stop)
        let report: IngestReport
        do {
            report = try ingestor.ingest(folder: URL(fileURLWithPath: path), stop: stop) { event in
                if !quiet { printError(ProgressLine(event).text) }
            }
            withExtendedLifetime(handlers) {}
        } catch {
            printError("sohoa: \(error)")
            throw Exit.unusable
        }
        if json {
            print(report.jsonLine)
        } else {
            print(report.summaryText)
        }
        if report.stopReason != nil { throw Exit.stoppedEarly }
        if !report.failures.isEmpty { throw Exit.inputsFailed }
    }
}

/// Turns the first SIGINT or SIGTERM into a clean stop of the batch; the second one kills
/// the process as usual (the ledger makes even that safe).
private final class StopOnSignals {
    private var sources: [DispatchSourceSignal] = []

    init(_ stop: StopSignal) {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                printError("sohoa: stopping after the pages being recognised (again to quit at once)")
                stop.request("interrupted by signal \(signalNumber)")
                signal(signalNumber, SIG_DFL)
            }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        sources.forEach { $0.cancel() }
    }
}

/// One line per finished input on stderr, so a long night's batch shows where it is.
struct ProgressLine {
    let text: String

    init(_ event: IngestProgress) {
        let width = String(event.total).count
        let count = String(event.finished).leftPadded(to: width) + "/" + String(event.total)
        let rate = event.elapsed > 0 ? String(format: "%.1f pages/min", Double(event.pages) / event.elapsed * 60) : ""
        let what: String
        switch event.outcome {
        case let .stored(id, pages): what = "stored     \(event.source)  (\(pages) page\(pages == 1 ? "" : "s"), id \(id))"
        case .duplicate(let id): what = "duplicate  \(event.source)  (of \(id))"
        case .alreadyIngested: what = "unchanged  \(event.source)  (already ingested)"
        case .failed(let reason): what = "FAILED     \(event.source): \(reason)"
        }
        text = "[\(count)] \(what)  \(rate)"
    }
}

extension IngestReport {
    var summaryText: String {
        var lines = [
            "Stored \(stored), duplicates \(duplicates), already ingested \(alreadyIngested), failed \(failures.count).",
            String(format: "Pages: %d OCR, %d text layer, in %.1f s (%.1f pages/min); peak memory %d MB.",
                   ocrPages, textLayerPages, elapsed, pagesPerMinute, peakMemoryMegabytes),
        ]
        if ocrPages > 0 {
            lines.append("OCR clean-up: \(blankPages) blank page(s); \(invalidSyllables) word(s) not Vietnamese syllables as read, "
                         + "\(syllablesRepaired) repaired.")
        }
        if let stopReason {
            lines.append("STOPPED EARLY: \(stopReason). \(unfinished) input(s) unfinished; run the same command again to resume.")
        }
        if !failures.isEmpty {
            lines.append("Failures:")
            lines += failures.map { "  \($0.source): \($0.reason)" }
        }
        return lines.joined(separator: "\n")
    }

    var jsonLine: String {
        let object: [String: Any] = [
            "stored": stored, "duplicates": duplicates, "already_ingested": alreadyIngested,
            "failed": failures.count, "ocr_pages": ocrPages, "text_layer_pages": textLayerPages,
            "seconds": (elapsed * 100).rounded() / 100, "pages_per_minute": (pagesPerMinute * 10).rounded() / 10,
            "failures": failures.map { ["source": $0.source, "error": $0.reason] },
            "blank_pages": blankPages, "invalid_syllables": invalidSyllables, "syllables_repaired": syllablesRepaired,
            "unfinished": unfinished, "stop_reason": stopReason ?? NSNull(), "peak_memory_mb": peakMemoryMegabytes,
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
    func leftPadded(to width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
