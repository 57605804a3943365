import Foundation
import Pipeline

/// `sohoa worker`: this machine's threads on a PostgreSQL archive's shared queue.
public struct WorkerRequest: Sendable {
    /// Threads (default: pipeline.yaml's ocr.workers; 0 = one per core).
    public var workers: Int?
    /// Wait for new work when the queue is empty, rather than exit.
    public var watch = false

    public init() {}

    /// Works until the queue is empty (or, watching, until `stop` is requested). A worker
    /// that cannot run at all (not a server archive, OCR model missing) is a failure; so is
    /// a pool whose threads lost the archive.
    public func run(in workspace: Workspace, stop: StopSignal) throws -> QueueWorkerPool.Outcome {
        var configuration = try workspace.configuration()
        if let workers { configuration.ocr.workers = workers }
        let location = try workspace.archiveLocation(configuration)
        guard location.isServer else {
            throw CommandFailure(.badUsage, "sohoa worker works on a PostgreSQL archive: give --archive postgresql://… and --files")
        }
        let outcome: QueueWorkerPool.Outcome
        do {
            outcome = try QueueWorkerPool(configuration: configuration, archive: location)
                .run(threads: configuration.workerCount, stop: stop, until: watch ? .stopped : .queueEmpty)
        } catch {
            throw CommandFailure(.unusable, "\(error)")
        }
        if let error = outcome.errors.first { throw CommandFailure(.unusable, "a worker thread stopped: \(error)") }
        return outcome
    }
}
