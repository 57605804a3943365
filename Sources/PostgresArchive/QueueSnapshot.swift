import ArchiveStore
import Foundation

/// Who is working and on what, as `sohoa status` shows it for a shared archive.
public struct QueueSnapshot: Sendable {
    public struct Worker: Sendable {
        public var id: WorkerID
        public var host: String
        public var pid: Int
        public var heartbeatAt: Date
        public var pagesDone: Int
        /// Pages handed in over the last five minutes, per minute.
        public var pagesPerMinute: Double
        public var leases: Int
        public var stopped: Bool
    }

    public struct Lease: Sendable {
        public var source: String
        public var page: Int
        public var worker: WorkerID
        public var attempt: Int
        public var expires: Date
    }

    /// A page that is not moving: its lease ran out, or it was begun more than once.
    public struct StuckPage: Sendable {
        public var source: String
        public var page: Int
        public var attempts: Int
        public var why: String
    }

    public var workers: [Worker]
    public var leases: [Lease]
    public var stuck: [StuckPage]
    public var pagesWaiting: Int
    /// The server's clock when the snapshot was taken, so ages are read against it, not
    /// against the clock of the machine printing them.
    public var serverTime: Date
}

extension WorkQueue {
    /// The workers seen within the last day (and every one still running), the current
    /// leases and the pages that are not moving.
    public func snapshot(leaseLimit: Int = 50) throws -> QueueSnapshot {
        let now = try link.rows("SELECT now() AS now") { try $0.date("now") }[0]
        let workers = try link.rows("""
            SELECT w.id, w.host, w.pid, w.heartbeat_at, w.pages_done, w.stopped_at IS NOT NULL AS stopped,
                   (SELECT count(*) FROM input_pages p WHERE p.worker_id = w.id
                     AND p.finished_at > to_char((now() - interval '5 minutes') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) AS recent,
                   (SELECT count(*) FROM input_pages p WHERE p.worker_id = w.id AND p.state = 'leased') AS leases
            FROM workers w WHERE w.stopped_at IS NULL OR w.heartbeat_at > now() - interval '1 day'
            ORDER BY w.id
            """) {
            QueueSnapshot.Worker(id: WorkerID(try $0.int("id")), host: try $0.text("host"), pid: try $0.int("pid"),
                                 heartbeatAt: try $0.date("heartbeat_at"),
                                 pagesDone: try $0.int("pages_done"), pagesPerMinute: Double(try $0.int("recent")) / 5,
                                 leases: try $0.int("leases"), stopped: try $0.bool("stopped"))
        }
        let leases = try link.rows("""
            SELECT i.source, p.number, p.worker_id, p.attempts, p.lease_expires FROM input_pages p JOIN inputs i ON i.id = p.input_id
            WHERE p.state = 'leased' ORDER BY p.lease_expires LIMIT $1
            """, [.int(leaseLimit)]) {
            QueueSnapshot.Lease(source: try $0.text("source"), page: try $0.int("number"), worker: WorkerID(try $0.int("worker_id")),
                                attempt: try $0.int("attempts"), expires: try $0.date("lease_expires"))
        }
        let stuck = try link.rows("""
            SELECT i.source, p.number, p.attempts,
                   CASE WHEN p.state = 'leased' AND p.lease_expires < now() THEN 'lease ran out' ELSE 'begun ' || p.attempts || ' times' END AS why
            FROM input_pages p JOIN inputs i ON i.id = p.input_id
            WHERE (p.state = 'leased' AND p.lease_expires < now()) OR (p.state IN ('rendered', 'leased') AND p.attempts > 1)
            ORDER BY i.id, p.number LIMIT $1
            """, [.int(leaseLimit)]) {
            QueueSnapshot.StuckPage(source: try $0.text("source"), page: try $0.int("number"), attempts: try $0.int("attempts"),
                                    why: try $0.text("why"))
        }
        let waiting = try link.rows("SELECT count(*) AS n FROM input_pages WHERE state = 'rendered'") { try $0.int("n") }[0]
        return QueueSnapshot(workers: workers, leases: leases, stuck: stuck, pagesWaiting: waiting, serverTime: now)
    }
}
