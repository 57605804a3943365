import ArgumentParser
import Foundation
import SohoaKit

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show where the last batch stands: counts, pages/min, time left, failures.",
        discussion: """
            Reads the batch ledger, so it works while a batch runs (from another terminal), \
            after it finished, and after it was killed. An interrupted or stopped batch is \
            resumed by running the same 'sohoa ingest' again. On a PostgreSQL archive it also \
            shows the work queue: each worker (host, pid, pages/min, last heartbeat), the \
            leases, and the pages that are not moving.
            """)

    @OptionGroup var options: ArchiveOptions

    @Argument(help: ArgumentHelp("Batch folder (default: the most recent batch).", valueName: "path"))
    var path: String?

    @Flag(help: "Print the status as one JSON object.")
    var json = false

    func run() throws {
        try reportingFailures {
            let root = path.map { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path }
            let status = try options.workspace.openExistingArchive().existingBatchStatus(batchRoot: root)
            let queue = try options.workspace.workQueueSnapshot()
            guard json else {
                print(status.text)
                if let queue { print("\n" + queue.text) }
                return
            }
            guard let queue, var object = try JSONSerialization.jsonObject(with: Data(status.jsonLine.utf8)) as? [String: Any] else {
                return print(status.jsonLine)
            }
            object["queue"] = queue.jsonObject
            print(jsonText(object))
        }
    }
}
