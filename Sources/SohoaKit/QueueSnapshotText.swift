import Foundation
import PostgresArchive

extension Workspace {
    /// Who is working on a PostgreSQL archive's queue, and on what; nil for an archive folder,
    /// which has no workers but the one `ingest`.
    public func workQueueSnapshot() throws -> QueueSnapshot? {
        let named = try archivePath ?? configuration().archive
        guard PostgresAddress.isAddress(named) else { return nil }
        do {
            return try WorkQueue(link: try PostgresLink(try PostgresAddress(parsing: named))).snapshot()
        } catch {
            throw CommandFailure(.unusable, "cannot read the work queue: \(error)")
        }
    }
}

extension QueueSnapshot {
    /// The workers, the leases and the pages that are not moving, for `sohoa status`.
    public var text: String {
        let running = workers.filter { !$0.stopped }
        var lines = ["Work queue: \(running.count) worker\(running.count == 1 ? "" : "s") running, "
            + "\(workers.count - running.count) stopped; \(pagesWaiting) page\(pagesWaiting == 1 ? "" : "s") waiting"]
        for worker in workers {
            let beat = Int(serverTime.timeIntervalSince(worker.heartbeatAt).rounded())
            lines.append("  \(worker.id)  \(worker.host) pid \(worker.pid)  "
                + String(format: "%.1f pages/min", worker.pagesPerMinute)
                + "  \(worker.pagesDone) pages in all  last heartbeat \(beat) s ago"
                + (worker.stopped ? "  (stopped)" : "  \(worker.leases) lease\(worker.leases == 1 ? "" : "s")"))
        }
        for lease in leases {
            let left = Int(lease.expires.timeIntervalSince(serverTime).rounded())
            lines.append("  leased  \(lease.source.printableSource) page \(lease.page) to \(lease.worker), attempt \(lease.attempt), "
                + (left >= 0 ? "expires in \(left) s" : "expired \(-left) s ago"))
        }
        for page in stuck {
            lines.append("  STUCK   \(page.source.printableSource) page \(page.page): \(page.why)")
        }
        return lines.joined(separator: "\n")
    }

    /// The same for `status --json`, under the key `queue`.
    public var jsonObject: [String: Any] {
        [
            "pages_waiting": pagesWaiting,
            "workers": workers.map { worker -> [String: Any] in
                ["id": worker.id.rawValue, "host": worker.host, "pid": worker.pid, "pages_done": worker.pagesDone,
                 "pages_per_minute": worker.pagesPerMinute, "leases": worker.leases, "stopped": worker.stopped,
                 "seconds_since_heartbeat": serverTime.timeIntervalSince(worker.heartbeatAt)]
            },
            "leases": leases.map { ["source": $0.source, "page": $0.page, "worker": $0.worker.rawValue, "attempt": $0.attempt,
                                    "seconds_left": $0.expires.timeIntervalSince(serverTime)] as [String: Any] },
            "stuck": stuck.map { ["source": $0.source, "page": $0.page, "attempts": $0.attempts, "why": $0.why] as [String: Any] },
        ]
    }
}
