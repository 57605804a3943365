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
        var request = IngestRequest(path: path)
        request.workers = workers
        request.language = language
        request.pdfPassword = pdfPassword
        let quiet = self.quiet
        let stop = StopSignal()
        let handlers = StopOnSignals(stop)
        try reportingFailures {
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
