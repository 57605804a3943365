import ArchiveStore
import DocumentModel
import Foundation

/// One `sohoa worker` process (or the `ingest` that works beside them), as the archive knows it.
public struct WorkerID: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public var description: String { "worker \(rawValue)" }
}

/// A page a worker may read until `expires`, unless its heartbeat moves that on.
public struct PageLease: Hashable, Sendable {
    public var input: InputID
    public var number: Int
    /// 1 for the first lease of the page; more when earlier readers never finished it.
    public var attempt: Int
}

/// How long leases last and how often a page may be begun before it fails.
public struct QueueSettings: Sendable {
    /// A lease or an assembly claim left this long without a heartbeat goes to another
    /// worker. Workers beat every quarter of it, so three missed beats are tolerated.
    public var leaseSeconds: Double = 120
    /// A page begun this many times without finishing fails with its reason (a page that
    /// kills its reader must not kill every worker in turn).
    public var maxAttempts: Int = 3

    public init(leaseSeconds: Double = 120, maxAttempts: Int = 3) {
        self.leaseSeconds = leaseSeconds
        self.maxAttempts = maxAttempts
    }
}

/// What became of a page result handed in.
public enum PageHandIn: Equatable, Sendable {
    /// Kept. When it was the input's last open page, the worker that handed it in now holds
    /// the input's assembly claim and is the one to classify and store it.
    case kept(assemble: InputID?)
    /// The lease had passed to another worker: the result is dropped, so that a page is
    /// never kept twice.
    case leaseLost
}

/// The shared work queue: a batch's pages, leased to workers on any machine through
/// PostgreSQL's `FOR UPDATE SKIP LOCKED` (as Oban, Solid Queue and procrastinate do), with
/// an expiry, a heartbeat and a bounded number of attempts.
///
/// Exactly once rests on three rules, each one statement or one transaction:
/// - a page result is kept only from the worker that holds the page's lease;
/// - the hand-in of an input's pages is serialised on the input's row, so exactly one
///   worker sees the last page done and takes the input's assembly claim with it;
/// - an input is finished only by the worker holding its claim, by a conditional update
///   that a second finisher cannot pass.
///
/// A claim or lease whose worker stopped beating passes to the next worker that asks.
/// Use one queue per thread: it owns one ``PostgresLink``.
public final class WorkQueue {
    public let link: PostgresLink
    public let settings: QueueSettings

    /// Opens the queue on `link`, bringing the archive's schema up to date.
    public init(link: PostgresLink, settings: QueueSettings = QueueSettings()) throws {
        self.link = link
        self.settings = settings
        try PostgresSchema.apply(on: link)
    }

    private var leaseInterval: String { "make_interval(secs => \(settings.leaseSeconds))" }

    /// The server's clock as the archive writes times (`2026-12-07T04:40:00.123Z`, UTC),
    /// for the columns the SQLite archive shares.
    static let nowText = #"to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')"#

    // MARK: Workers

    /// Enters a worker in the archive's list of workers.
    public func join(host: String, pid: Int) throws -> WorkerID {
        let id = try link.rows("INSERT INTO workers (host, pid) VALUES ($1, $2) RETURNING id", [.text(host), .int(pid)]) {
            try $0.int("id")
        }
        return WorkerID(id[0])
    }

    /// Says the worker is alive: moves on the expiry of its leases and assembly claims.
    public func heartbeat(_ worker: WorkerID) throws {
        try link.transaction {
            try link.execute("UPDATE workers SET heartbeat_at = now() WHERE id = $1", [.int(worker.rawValue)])
            try link.execute("""
                UPDATE input_pages SET lease_expires = now() + \(leaseInterval) WHERE worker_id = $1 AND state = 'leased'
                """, [.int(worker.rawValue)])
            try link.execute("""
                UPDATE inputs SET assembly_expires = now() + \(leaseInterval) WHERE assembler_id = $1 AND status = 'discovered'
                """, [.int(worker.rawValue)])
        }
    }

    /// The worker leaves: leases it never began go back to the queue without counting as
    /// an attempt, and it is marked stopped.
    public func leave(_ worker: WorkerID, returning unbegun: [PageLease]) throws {
        try link.transaction {
            for lease in unbegun {
                try link.execute("""
                    UPDATE input_pages SET state = 'rendered', worker_id = NULL, lease_expires = NULL, attempts = greatest(attempts - 1, 0)
                    WHERE input_id = $1 AND number = $2 AND worker_id = $3 AND state = 'leased'
                    """, [.int(lease.input.rawValue), .int(lease.number), .int(worker.rawValue)])
            }
            try link.execute("UPDATE inputs SET assembler_id = NULL, assembly_expires = NULL WHERE assembler_id = $1 AND status = 'discovered'",
                             [.int(worker.rawValue)])
            try link.execute("UPDATE workers SET stopped_at = now(), heartbeat_at = now() WHERE id = $1", [.int(worker.rawValue)])
        }
    }

    // MARK: Registering work

    /// Starts a run of `sohoa ingest` over a batch folder.
    public func beginRun(batchRoot: String, inputsFound: Int, host: String, pid: Int, ocrEngine: String?) throws -> RunID {
        let id = try link.rows("""
            INSERT INTO runs (batch_root, started_at, inputs_found, host, pid, ocr_engine)
            VALUES ($1, \(Self.nowText), $2, $3, $4, $5) RETURNING id
            """, [.text(batchRoot), .int(inputsFound), .text(host), .int(pid), ocrEngine.map { .text($0) } ?? .null]) { try $0.int("id") }
        return RunID(id[0])
    }

    /// Enters an input in `run`, once: the same path with the same bytes under the same batch
    /// folder is the same input, however many machines or runs register it. An input an
    /// earlier run failed is opened again, as a run of `sohoa ingest` on one machine tries
    /// failed inputs again. Returns its id and where it stands (`discovered` while open).
    public func registerInput(run: RunID, batchRoot: String, source: String, sha256: SHA256, stagedPath: String?) throws
        -> (id: InputID, status: InputStatus) {
        let values: [PostgresLink.Value] = [
            .int(run.rawValue), .text(batchRoot), .text(source), .text(sha256.rawValue), stagedPath.map { .text($0) } ?? .null,
        ]
        let found = try link.rows("""
            INSERT INTO inputs (run_id, batch_root, source, sha_key, status, staged_path, first_seen, last_attempt)
            VALUES ($1, $2, $3, $4, 'discovered', $5, \(Self.nowText), \(Self.nowText))
            ON CONFLICT (batch_root, source, sha_key) DO UPDATE SET
                run_id = CASE WHEN inputs.status IN ('discovered', 'failed') THEN excluded.run_id ELSE inputs.run_id END,
                staged_path = coalesce(excluded.staged_path, inputs.staged_path), last_attempt = excluded.last_attempt,
                error = CASE WHEN inputs.status = 'failed' THEN NULL ELSE inputs.error END,
                status = CASE WHEN inputs.status = 'failed' THEN 'discovered' ELSE inputs.status END
            RETURNING id, status
            """, values) { (InputID(try $0.int("id")), InputStatus(rawValue: try $0.text("status")) ?? .discovered) }
        guard let input = found.first else { throw PostgresFailure(message: "input \(source) could not be registered") }
        return input
    }

    /// Puts an opened input's pages in the queue, once; pages that failed in an earlier run
    /// wait again.
    public func registerPages(_ count: Int, of input: InputID) throws {
        try link.transaction {
            try link.execute("DELETE FROM input_pages WHERE input_id = $1 AND state = 'failed'", [.int(input.rawValue)])
            try link.execute("""
                INSERT INTO input_pages (input_id, number, state) SELECT $1, n, 'rendered' FROM generate_series(1, $2) n
                ON CONFLICT (input_id, number) DO NOTHING
                """, [.int(input.rawValue), .int(count)])
            try link.execute("UPDATE inputs SET page_count = $2, last_attempt = \(Self.nowText) WHERE id = $1", [.int(input.rawValue), .int(count)])
        }
    }

    /// What a worker needs to know of an input to read its pages.
    public struct QueuedInput: Sendable {
        public var batchRoot: String
        public var source: String
        public var sha256: SHA256
        /// The staged copy of the original, relative to the archive's files folder.
        public var stagedPath: String?
        public var pageCount: Int?
    }

    public func input(_ id: InputID) throws -> QueuedInput? {
        try link.rows("SELECT batch_root, source, sha_key, staged_path, page_count FROM inputs WHERE id = $1", [.int(id.rawValue)]) {
            guard let sha = SHA256(rawValue: try $0.text("sha_key")) else {
                throw PostgresFailure(message: "input \(id.rawValue) has a damaged checksum")
            }
            return QueuedInput(batchRoot: try $0.text("batch_root"), source: try $0.text("source"), sha256: sha,
                               stagedPath: try $0.optionalText("staged_path"), pageCount: try $0.optionalInt("page_count"))
        }.first
    }

    /// An input of a run as it stands.
    public struct RunInput: Sendable {
        public var id: InputID
        public var source: String
        public var status: InputStatus
        public var error: String?
        public var documentID: DocumentID?
        public var pageCount: Int?
    }

    /// The inputs registered in `run`, in the order they were.
    public func inputs(of run: RunID) throws -> [RunInput] {
        try link.rows("SELECT id, source, status, error, document_id, page_count FROM inputs WHERE run_id = $1 ORDER BY id",
                      [.int(run.rawValue)]) {
            RunInput(id: InputID(try $0.int("id")), source: try $0.text("source"),
                     status: InputStatus(rawValue: try $0.text("status")) ?? .discovered, error: try $0.optionalText("error"),
                     documentID: try $0.optionalText("document_id").map(DocumentID.init(rawValue:)), pageCount: try $0.optionalInt("page_count"))
        }
    }

    /// The pages stored from a run's inputs: recognised, read from a text layer, blank.
    public func pageCounts(of run: RunID) throws -> (ocr: Int, textLayer: Int, blank: Int) {
        try link.rows("""
            SELECT count(*) FILTER (WHERE p.source = 'ocr') AS ocr, count(*) FILTER (WHERE p.source = 'text_layer') AS text_layer,
                   count(*) FILTER (WHERE p.blank = 1) AS blank
            FROM inputs i JOIN documents d ON d.sha256 = i.sha_key JOIN pages p ON p.document_id = d.id
            WHERE i.run_id = $1 AND i.status = 'ok'
            """, [.int(run.rawValue)]) { (try $0.int("ocr"), try $0.int("text_layer"), try $0.int("blank")) }.first ?? (0, 0, 0)
    }

    /// Whether any page waits or is being read, or any input waits for its assembly.
    public func hasOpenWork() throws -> Bool {
        try link.rows("""
            SELECT EXISTS (SELECT 1 FROM input_pages WHERE state IN ('rendered', 'leased'))
                OR EXISTS (SELECT 1 FROM inputs i WHERE \(Self.allPagesDone)) AS open
            """) { try $0.bool("open") }.first ?? false
    }

    // MARK: Leasing and handing in

    /// Up to `limit` pages for `worker`: first those whose reader stopped beating, then the
    /// oldest waiting ones. Pages begun ``QueueSettings/maxAttempts`` times fail first.
    public func lease(for worker: WorkerID, limit: Int = 1) throws -> [PageLease] {
        try link.transaction {
            try failAbandonedPages()
            var leases = try leasePages(for: worker, limit: limit, where: "state = 'leased' AND lease_expires < now()", order: "lease_expires")
            if leases.count < limit {
                leases += try leasePages(for: worker, limit: limit - leases.count, where: "state = 'rendered'", order: "input_id, number")
            }
            return leases
        }
    }

    private func leasePages(for worker: WorkerID, limit: Int, where condition: String, order: String) throws -> [PageLease] {
        try link.rows("""
            WITH picked AS (
                SELECT input_id, number FROM input_pages WHERE \(condition) ORDER BY \(order) LIMIT $2 FOR UPDATE SKIP LOCKED
            )
            UPDATE input_pages p SET state = 'leased', worker_id = $1, lease_expires = now() + \(leaseInterval), attempts = p.attempts + 1
            FROM picked WHERE p.input_id = picked.input_id AND p.number = picked.number
            RETURNING p.input_id, p.number, p.attempts
            """, [.int(worker.rawValue), .int(limit)]) {
            PageLease(input: InputID(try $0.int("input_id")), number: try $0.int("number"), attempt: try $0.int("attempts"))
        }.sorted { ($0.input.rawValue, $0.number) < ($1.input.rawValue, $1.number) }
    }

    /// Pages whose lease ran out on their last allowed attempt fail, with the reason.
    private func failAbandonedPages() throws {
        try link.execute("""
            UPDATE input_pages p SET state = 'failed', lease_expires = NULL, finished_at = \(Self.nowText),
                error = 'reading the page began ' || p.attempts || ' times and never finished (last on '
                        || coalesce((SELECT w.host || ', pid ' || w.pid FROM workers w WHERE w.id = p.worker_id), 'an unknown worker') || ')'
            WHERE state = 'leased' AND lease_expires < now() AND attempts >= $1
            """, [.int(settings.maxAttempts)])
    }

    /// Hands in a page's result (the recognised page as the ledger keeps it, and where its
    /// text came from). Kept only if `worker` still holds the lease.
    public func complete(_ lease: PageLease, by worker: WorkerID, result: String, source: TextSource, seconds: Double) throws -> PageHandIn {
        try link.transaction {
            try lockInput(lease.input)
            let kept = try link.execute("""
                UPDATE input_pages SET state = 'recognised', result = $3, seconds = $4, finished_at = \(Self.nowText), lease_expires = NULL,
                    source = $6
                WHERE input_id = $1 AND number = $2 AND state = 'leased' AND worker_id = $5
                """, [.int(lease.input.rawValue), .int(lease.number), .text(result), .double(seconds), .int(worker.rawValue),
                      .text(source.rawValue)])
            guard kept == 1 else { return .leaseLost }
            try link.execute("UPDATE workers SET pages_done = pages_done + 1, heartbeat_at = now() WHERE id = $1", [.int(worker.rawValue)])
            return .kept(assemble: try claimIfComplete(lease.input, for: worker))
        }
    }

    /// A page that could not be read: back to the queue while attempts remain, else failed
    /// with `reason`.
    public func fail(_ lease: PageLease, by worker: WorkerID, reason: String) throws -> PageHandIn {
        try link.transaction {
            try lockInput(lease.input)
            let kept = try link.execute("""
                UPDATE input_pages SET
                    state = CASE WHEN attempts >= $4 THEN 'failed' ELSE 'rendered' END,
                    finished_at = CASE WHEN attempts >= $4 THEN \(Self.nowText) END,
                    worker_id = CASE WHEN attempts >= $4 THEN worker_id END,
                    lease_expires = NULL, error = $3
                WHERE input_id = $1 AND number = $2 AND state = 'leased' AND worker_id = $5
                """, [.int(lease.input.rawValue), .int(lease.number), .text(reason), .int(settings.maxAttempts), .int(worker.rawValue)])
            guard kept == 1 else { return .leaseLost }
            return .kept(assemble: try claimIfComplete(lease.input, for: worker))
        }
    }

    private func lockInput(_ input: InputID) throws {
        try link.execute("SELECT id FROM inputs WHERE id = $1 FOR UPDATE", [.int(input.rawValue)])
    }

    private static let allPagesDone = """
        i.status = 'discovered' AND i.page_count IS NOT NULL
        AND (i.assembler_id IS NULL OR i.assembly_expires < now())
        AND NOT EXISTS (SELECT 1 FROM input_pages p WHERE p.input_id = i.id AND p.state IN ('rendered', 'leased'))
        AND (SELECT count(*) FROM input_pages p WHERE p.input_id = i.id) = i.page_count
        """

    private func claimIfComplete(_ input: InputID, for worker: WorkerID) throws -> InputID? {
        let claimed = try link.execute("""
            UPDATE inputs i SET assembler_id = $2, assembly_expires = now() + \(leaseInterval) WHERE i.id = $1 AND \(Self.allPagesDone)
            """, [.int(input.rawValue), .int(worker.rawValue)])
        return claimed == 1 ? input : nil
    }

    /// An input whose pages are all done and that nobody is assembling (its last page failed
    /// by expiry, or its assembler stopped beating), claimed for `worker`.
    public func claimAssembly(for worker: WorkerID) throws -> InputID? {
        try failAbandonedPages()
        return try link.rows("""
            UPDATE inputs SET assembler_id = $1, assembly_expires = now() + \(leaseInterval)
            WHERE id = (SELECT i.id FROM inputs i WHERE \(Self.allPagesDone) ORDER BY i.id LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING id
            """, [.int(worker.rawValue)]) { InputID(try $0.int("id")) }.first
    }

    /// The results kept for an input's pages, in page order; a failed page has its reason.
    public func pageResults(of input: InputID) throws -> [(number: Int, result: String?, failure: String?)] {
        try link.rows("""
            SELECT number, result, CASE WHEN state = 'failed' THEN error END AS failure FROM input_pages
            WHERE input_id = $1 ORDER BY number
            """, [.int(input.rawValue)]) {
            (try $0.int("number"), try $0.optionalText("result"), try $0.optionalText("failure"))
        }
    }

    /// Closes an input as stored, a duplicate or failed, if `worker` still holds its claim;
    /// false when another worker took it over, which then finishes it instead. `alsoInside`
    /// runs in the same transaction, after the claim is checked: what it writes (the stored
    /// document) is kept exactly when the input is closed.
    public func finishInput(_ input: InputID, by worker: WorkerID, as status: InputStatus, documentID: DocumentID? = nil,
                            error: String? = nil, alsoInside: () throws -> Void = {}) throws -> Bool {
        try link.transaction {
            let closed = try link.execute("""
                UPDATE inputs SET status = $3, document_id = $4, error = $5, assembly_expires = NULL, last_attempt = \(Self.nowText)
                WHERE id = $1 AND status = 'discovered' AND assembler_id = $2
                """, [.int(input.rawValue), .int(worker.rawValue), .text(status.rawValue),
                      documentID.map { .text($0.rawValue) } ?? .null, error.map { .text($0) } ?? .null])
            guard closed == 1 else { return false }
            try link.execute("UPDATE input_pages SET state = 'stored' WHERE input_id = $1 AND state = 'recognised'", [.int(input.rawValue)])
            try alsoInside()
            return true
        }
    }

    /// Fails an input that cannot be opened (unreadable, not a document), once.
    public func failInput(_ input: InputID, reason: String) throws {
        try link.execute("""
            UPDATE inputs SET status = 'failed', error = $2, last_attempt = \(Self.nowText) WHERE id = $1 AND status = 'discovered'
            """, [.int(input.rawValue), .text(reason)])
    }
}
