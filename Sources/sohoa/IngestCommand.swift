import ArgumentParser
import Foundation
import Pipeline
import SohoaKit

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
            Exits 1 when any input failed, 3 when the batch stopped early (see 'sohoa status'). \
            With --watch, the folder is a consume folder: every few seconds, the files whose \
            size and modification time have not changed for input.stable_seconds are ingested \
            as a batch, until Ctrl-C or SIGTERM (exit 0).
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

    @Flag(help: "Watch the folder: ingest files once they stop changing, until stopped.")
    var watch = false

    @Option(help: "With --watch, seconds between looks at the folder.")
    var interval: Double = 5

    @Flag(help: "Print the summary as one JSON object on stdout (with --watch, one per batch).")
    var json = false

    @Flag(name: .shortAndLong, help: "No per-file progress lines.")
    var quiet = false

    func validate() throws {
        if let workers, workers < 0 { throw ValidationError("--workers must be 0 or more") }
        if interval <= 0 { throw ValidationError("--interval must be more than 0") }
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("no such file or folder: \(path)")
        }
    }

    func run() throws {
        var request = IngestRequest(path: path)
        request.workers = workers
        request.language = language
        request.pdfPassword = pdfPassword
        let quiet = self.quiet
        let stop = StopSignal()
        let handlers = StopOnSignals(stop)
        try reportingFailures {
            if watch {
                try request.watch(in: options.workspace, stop: stop, interval: interval, progress: { event in
                    if !quiet { printError(ProgressLine(event).text) }
                }, batchDone: { report in
                    // Written at once, not buffered: a script reading the pipe sees each batch as it ends.
                    FileHandle.standardOutput.write(Data(((json ? report.jsonLine : report.summaryText) + "\n").utf8))
                })
                withExtendedLifetime(handlers) {}
                return
            }
            let report = try request.run(in: options.workspace, stop: stop) { event in
                if !quiet { printError(ProgressLine(event).text) }
            }
            withExtendedLifetime(handlers) {}
            print(json ? report.jsonLine : report.summaryText)
            if let failure = report.failureKind { throw ExitCode(failure.exitCode) }
        }
    }
}

/// Turns the first SIGINT or SIGTERM into a clean stop of the batch; the second one kills
/// the process as usual (the ledger makes even that safe).
final class StopOnSignals {
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
