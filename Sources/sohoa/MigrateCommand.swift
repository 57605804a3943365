import ArgumentParser
import Foundation
import SohoaKit

struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy an archive folder onto a PostgreSQL server, or bring one back.",
        discussion: """
            sohoa migrate --to postgresql://USER@HOST/DB --files DIR copies the archive \
            folder (--archive, else pipeline.yaml's) into an empty PostgreSQL archive, its \
            originals and searchable PDFs into DIR; --from copies a PostgreSQL archive back \
            into an empty archive folder. Every table is copied row for row with its ids, \
            every file hashed against its checksum as it is written, the search index \
            written again, and the rows of both sides counted. The source is only read. \
            Exit codes: 0 copied and checked; 2 the copy failed (the destination's rows \
            are left as empty as they were); 64 bad usage.
            """)

    @OptionGroup var options: ArchiveOptions

    @Option(help: ArgumentHelp("Copy the archive folder to this PostgreSQL archive.", valueName: "url"))
    var to: String?

    @Option(help: ArgumentHelp("Copy this PostgreSQL archive into the archive folder.", valueName: "url"))
    var from: String?

    @Flag(help: "Print the result as one JSON object.")
    var json = false

    @Flag(name: .shortAndLong, help: "No progress on stderr.")
    var quiet = false

    func validate() throws {
        guard (to == nil) != (from == nil) else { throw ValidationError("give one of --to URL or --from URL") }
    }

    func run() throws {
        try reportingFailures {
            let request = MigrationRequest(direction: to != nil ? .toServer : .fromServer, server: to ?? from ?? "")
            let quiet = self.quiet || json
            let report = try request.run(in: options.workspace) { step in
                if !quiet { printError(step) }
            }
            print(json ? report.jsonLine : report.text)
        }
    }
}
