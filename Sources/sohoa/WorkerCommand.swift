import ArgumentParser
import Foundation
import Pipeline
import SohoaKit

struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Work on a PostgreSQL archive's open batches, from any machine.",
        discussion: """
            Leases pages from the queue that 'sohoa ingest' fills, reads them from the copies \
            staged on the shared files folder, and stores each input whose last page it \
            finishes. A page whose worker stops giving signs of life for queue.lease_seconds \
            goes to another worker. Exits when no work is left, or with --watch waits for \
            more. Ctrl-C (or SIGTERM) finishes the page being read and leaves (exit 0).
            """)

    @OptionGroup var options: ArchiveOptions

    @Option(help: "Worker threads (default: pipeline.yaml's ocr.workers; 0 = one per core).")
    var workers: Int?

    @Flag(help: "When the queue is empty, wait for new work instead of exiting.")
    var watch = false

    func validate() throws {
        if let workers, workers < 0 { throw ValidationError("--workers must be 0 or more") }
    }

    func run() throws {
        var request = WorkerRequest()
        request.workers = workers
        request.watch = watch
        let stop = StopSignal()
        let handlers = StopOnSignals(stop)
        try reportingFailures {
            let outcome = try request.run(in: options.workspace, stop: stop)
            withExtendedLifetime(handlers) {}
            printError("sohoa worker: \(outcome.steps) page(s) and input(s) handled")
        }
    }
}
