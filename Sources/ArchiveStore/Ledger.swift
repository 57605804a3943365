import DocumentModel
import Foundation

/// One run of `sohoa ingest` over a batch folder.
public struct RunID: Hashable, Sendable {
    public let rawValue: Int

    /// A run id from outside (a URL, a command line): only a claim, looked up before use.
    public init(_ rawValue: Int) {
        self.rawValue = rawValue
    }
}

/// One input of a batch in the ledger: a path under a batch folder with given bytes.
public struct InputID: Hashable, Sendable {
    public let rawValue: Int

    public init(_ rawValue: Int) {
        self.rawValue = rawValue
    }
}

/// What an earlier, unfinished attempt at the same bytes left behind.
public struct ResumableWork: Sendable {
    /// Pages already recognised; they are not recognised again.
    public var recognised: [RecognizedPage] = []
    /// How many times OCR began on each page that never finished.
    public var startedAttempts: [Int: Int] = [:]

    public init() {}
}

/// Running counts of a run, kept in its ledger row so `sohoa status` can read them while
/// the batch goes on, or after it was killed.
public struct RunCounts: Sendable, Equatable {
    public var stored = 0
    public var duplicates = 0
    public var unchanged = 0
    public var failed = 0
    public var ocrPages = 0
    public var textLayerPages = 0

    public init() {}

    public var finishedInputs: Int { stored + duplicates + unchanged + failed }
}

/// The batch ledger: every run, every input and every page has a durable state, written by
/// the store thread as the batch moves, so a batch killed at any moment resumes where it
/// stopped.
///
/// Input states: `discovered` (being worked on) → `ok` (stored) | `duplicate` | `failed`.
/// Page states: `rendered` (queued for OCR; `attempts` counts how often OCR began on it) → `recognised` (result kept here) → `stored`
/// (moved into `pages` with its document) | `failed`.
extension Archive {
    public func beginRun(batchRoot: String, inputsFound: Int, ocrEngine: String? = nil) throws -> RunID {
        let id = try database.prepare("INSERT INTO runs (batch_root, started_at, inputs_found, pid, ocr_engine) VALUES (?, ?, ?, ?, ?) RETURNING id")
            .bind([.text(batchRoot), .text(Archive.now()), .int(inputsFound), .int(Int(getpid())), .optional(ocrEngine)]).rows { $0.int("id") }
        return RunID(id[0])
    }

    /// Records a run's running counts; `outcome` set means the run is over.
    public func updateRun(_ run: RunID, counts: RunCounts, outcome: RunOutcome? = nil) throws {
        try database.prepare("""
            UPDATE runs SET stored = ?, duplicates = ?, unchanged = ?, failed = ?, ocr_pages = ?, text_layer_pages = ?,
                updated_at = ?, outcome = coalesce(?, outcome), finished_at = CASE WHEN CAST(? AS text) IS NULL THEN NULL ELSE ? END
            WHERE id = ?
            """).bind([
                .int(counts.stored), .int(counts.duplicates), .int(counts.unchanged), .int(counts.failed),
                .int(counts.ocrPages), .int(counts.textLayerPages), .text(Archive.now()),
                .optional(outcome?.text), .optional(outcome?.text), .text(Archive.now()), .int(run.rawValue),
            ]).run()
    }

    /// Marks an input as being worked on in `run` and returns its ledger id. The same path
    /// with the same bytes keeps its row (and the pages an earlier attempt recognised).
    public func beginInput(batchRoot: String, source: String, sha256: SHA256, run: RunID) throws -> InputID {
        try database.transaction {
            let now = Archive.now()
            let key: [Statement.Value] = [.text(batchRoot), .text(source), .text(sha256.rawValue)]
            if let existing = try database.prepare("SELECT id FROM inputs WHERE batch_root = ? AND source = ? AND sha_key = ?")
                .bind(key).rows({ $0.int("id") }).first {
                try database.prepare("""
                    UPDATE inputs SET status = \(InputStatus.discovered.sql), error = NULL, last_attempt = ?, attempts = attempts + 1,
                        run_id = ?, seconds = NULL WHERE id = ?
                    """).bind([.text(now), .int(run.rawValue), .int(existing)]).run()
                return InputID(existing)
            }
            let id = try database.prepare("""
                INSERT INTO inputs (batch_root, source, sha_key, status, first_seen, last_attempt, run_id)
                VALUES (?, ?, ?, \(InputStatus.discovered.sql), ?, ?, ?) RETURNING id
                """).bind(key + [.text(now), .text(now), .int(run.rawValue)]).rows { $0.int("id") }
            return InputID(id[0])
        }
    }

    public func setPageCount(_ count: Int, of input: InputID) throws {
        try database.prepare("UPDATE inputs SET page_count = ? WHERE id = ?").bind([.int(count), .int(input.rawValue)]).run()
    }

    /// A page was rendered and queued for OCR.
    public func recordPageRendered(_ number: Int, of input: InputID) throws {
        try database.prepare("""
            INSERT INTO input_pages (input_id, number, state, source, attempts) VALUES (?, ?, \(PageState.rendered.sql), \(TextSource.ocr.sql), 0)
            ON CONFLICT (input_id, number) DO UPDATE SET state = \(PageState.rendered.sql), error = NULL
            """).bind([.int(input.rawValue), .int(number)]).run()
    }

    /// An OCR worker began recognising a page: one more attempt at it.
    public func recordPageStarted(_ number: Int, of input: InputID) throws {
        try database.prepare("UPDATE input_pages SET attempts = attempts + 1 WHERE input_id = ? AND number = ?")
            .bind([.int(input.rawValue), .int(number)]).run()
    }

    /// Keeps a recognised page until its document is stored.
    /// - Parameter seconds: time spent recognising it; nil for a page resumed from an earlier run.
    public func recordPage(_ page: RecognizedPage, of input: InputID, seconds: Double?) throws {
        try database.prepare("""
            INSERT INTO input_pages (input_id, number, state, source, attempts, seconds, finished_at, result)
            VALUES (?, ?, \(PageState.recognised.sql), ?, 1, ?, ?, ?)
            ON CONFLICT (input_id, number) DO UPDATE SET state = \(PageState.recognised.sql), source = excluded.source,
                seconds = coalesce(excluded.seconds, input_pages.seconds), finished_at = coalesce(input_pages.finished_at, excluded.finished_at),
                error = NULL, result = excluded.result
            """).bind([
                .int(input.rawValue), .int(page.number), .text(page.source.rawValue),
                seconds.map { .double($0) } ?? .null, .text(Archive.now()), .text(Archive.json(page)),
            ]).run()
    }

    public func recordPageFailure(_ number: Int, of input: InputID, reason: String) throws {
        try database.prepare("""
            INSERT INTO input_pages (input_id, number, state, attempts, finished_at, error) VALUES (?, ?, \(PageState.failed.sql), 1, ?, ?)
            ON CONFLICT (input_id, number) DO UPDATE SET state = \(PageState.failed.sql), finished_at = excluded.finished_at, error = excluded.error
            """).bind([.int(input.rawValue), .int(number), .text(Archive.now()), .text(reason)]).run()
    }

    /// Pages that an unfinished or failed earlier attempt at these bytes left in the ledger.
    public func resumableWork(forSHA256 sha256: SHA256) throws -> ResumableWork {
        var work = ResumableWork()
        guard let input = try database.prepare("""
            SELECT id FROM inputs WHERE sha_key = ? AND status IN \(InputStatus.sql(.discovered, .failed))
            ORDER BY last_attempt DESC LIMIT 1
            """).bind([.text(sha256.rawValue)]).rows({ $0.int("id") }).first else { return work }
        _ = try database.prepare("SELECT number, state, attempts, result FROM input_pages WHERE input_id = ? ORDER BY number")
            .bind([.int(input)]).rows { row in
                let number = row.int("number")
                let state = try row.code(PageState.self, "state", of: .inputPage(input, page: number))
                if state == .recognised, !row.isNull("result") {
                    work.recognised.append(try row.json(RecognizedPage.self, "result", of: .inputPage(input, page: number)))
                } else if state == .rendered {
                    work.startedAttempts[number] = row.int("attempts")
                }
            }
        return work
    }
}
