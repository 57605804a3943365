import Foundation

/// Where a batch stands, read from the ledger: what `sohoa status` prints in the morning.
public struct BatchStatus: Sendable {
    public enum State: String, Sendable {
        /// A `sohoa ingest` is working on it now.
        case running
        /// Its last run was killed or lost power; `sohoa ingest` on the same folder resumes it.
        case interrupted
        /// Stopped on purpose before the end (disk full, signal); resumable the same way.
        case stopped
        case finished
    }

    /// An input that failed, and why.
    public struct Failure: Sendable, Equatable {
        public var source: String
        public var reason: String
    }

    /// The run this status is of (the most recent over its folder, unless asked for by id).
    public var run: RunID
    public var batchRoot: String
    public var state: State
    /// Why the run ended, in words: "finished", or "stopped: …".
    public var outcome: String?
    public var startedAt: Date
    /// When the counts were last written (the last input finished).
    public var updatedAt: Date
    /// Inputs found when the last run started, and what that run has done with them.
    public var inputsFound: Int
    public var counts: RunCounts
    /// Inputs being worked on, or left half-done by a killed run.
    public var unfinished: Int
    /// Pages recognised (or read from a text layer) by the last run, stored or not yet.
    public var pagesDone: Int
    public var pagesPerMinute: Double?
    /// Seconds left at the last run's pace, by inputs; nil once finished.
    public var secondsRemaining: Double?
    /// Every input of this batch folder that is failed now, whichever run failed it.
    public var failures: [Failure]
}

extension Archive {
    /// The status of the most recent run over `batchRoot`, or over any folder when nil;
    /// nil when no batch was ever run.
    public func batchStatus(batchRoot: String? = nil) throws -> BatchStatus? {
        try runStatuses(where: batchRoot == nil ? "TRUE" : "batch_root = ?", batchRoot.map { [.text($0)] } ?? [], limit: 1).first
    }

    /// The status of one run, by id; nil when there is no such run.
    public func batchStatus(run: RunID) throws -> BatchStatus? {
        try runStatuses(where: "id = ?", [.int(run.rawValue)], limit: 1).first
    }

    /// The most recent runs, newest first, each with its status.
    public func batchRuns(limit: Int) throws -> [BatchStatus] {
        try runStatuses(where: "TRUE", [], limit: max(0, limit))
    }

    private func runStatuses(where condition: String, _ values: [Statement.Value], limit: Int) throws -> [BatchStatus] {
        let latestRun = try database.prepare("SELECT max(id) AS id FROM runs").rows { $0.optionalInt("id") }.first ?? nil
        let runs = try database.prepare("""
            SELECT id, batch_root, started_at, coalesce(finished_at, updated_at, started_at) AS last_update, finished_at, outcome,
                   inputs_found, stored, duplicates, unchanged, failed, ocr_pages, text_layer_pages
            FROM runs WHERE \(condition) ORDER BY id DESC LIMIT ?
            """).bind(values + [.int(limit)]).rows({ row in
                (id: row.int("id"), root: row.text("batch_root"), started: row.text("started_at"), updated: row.text("last_update"),
                 finished: row.optionalText("finished_at"), outcome: row.optionalText("outcome"), found: row.int("inputs_found"),
                 counts: RunCounts(stored: row.int("stored"), duplicates: row.int("duplicates"), unchanged: row.int("unchanged"),
                                   failed: row.int("failed"), ocrPages: row.int("ocr_pages"), textLayerPages: row.int("text_layer_pages")))
            })
        return try runs.map { try status(of: $0, latestRun: latestRun) }
    }

    private func status(of run: (id: Int, root: String, started: String, updated: String, finished: String?, outcome: String?,
                                 found: Int, counts: RunCounts),
                        latestRun: Int?) throws -> BatchStatus {

        let state: BatchStatus.State
        if run.finished != nil {
            state = run.outcome == RunOutcome.finished.text ? .finished : .stopped
        } else if run.id == latestRun && ArchiveLock.isHeld(archiveDirectory: directory) {
            state = .running
        } else {
            state = .interrupted
        }
        let unfinished = try database.prepare("SELECT count(*) AS unfinished FROM inputs WHERE batch_root = ? AND status = \(InputStatus.discovered.sql)")
            .bind([.text(run.root)]).rows { $0.int("unfinished") }.first ?? 0
        let pagesDone = try database.prepare("""
            SELECT count(*) AS pages FROM input_pages p JOIN inputs i ON i.id = p.input_id
            WHERE i.run_id = ? AND p.state IN \(PageState.sql(.recognised, .stored)) AND p.finished_at >= ?
            """).bind([.int(run.id), .text(run.started)]).rows { $0.int("pages") }.first ?? 0
        let failures = try database.prepare("""
            SELECT source, coalesce(error, '') AS reason FROM inputs WHERE batch_root = ? AND status = \(InputStatus.failed.sql) ORDER BY source
            """).bind([.text(run.root)]).rows { BatchStatus.Failure(source: $0.text("source"), reason: $0.text("reason")) }

        let started = Archive.date(run.started) ?? Date()
        let updated = Archive.date(run.updated) ?? started
        let elapsed = updated.timeIntervalSince(started)
        let done = run.counts.finishedInputs
        let remaining = max(0, run.found - done)
        return BatchStatus(
            run: RunID(run.id), batchRoot: run.root, state: state, outcome: run.outcome, startedAt: started, updatedAt: updated,
            inputsFound: run.found, counts: run.counts, unfinished: unfinished, pagesDone: pagesDone,
            pagesPerMinute: elapsed > 0 ? Double(pagesDone) / elapsed * 60 : nil,
            secondsRemaining: state == .finished || done == 0 ? nil : elapsed / Double(done) * Double(remaining),
            failures: failures)
    }

    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        return ISO8601DateFormatter().date(from: text)
    }
}

extension RunCounts {
    init(stored: Int, duplicates: Int, unchanged: Int, failed: Int, ocrPages: Int, textLayerPages: Int) {
        self.init()
        self.stored = stored
        self.duplicates = duplicates
        self.unchanged = unchanged
        self.failed = failed
        self.ocrPages = ocrPages
        self.textLayerPages = textLayerPages
    }
}
