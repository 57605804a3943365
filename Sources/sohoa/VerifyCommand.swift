import ArgumentParser
import Foundation
import SohoaKit

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-hash every stored original and searchable PDF and check the database (fixity).",
        discussion: """
            Exit codes: 0 the archive is intact; 1 files are missing or changed, or the \
            database is damaged; 2 the archive cannot be opened. Files under originals/ \
            or derivatives/ that no document names (left by a killed batch, removed by the next ingest) \
            are listed but do not make the archive fail.
            """)

    @OptionGroup var options: ArchiveOptions

    @Flag(help: "Print the result as one JSON object.")
    var json = false

    @Flag(name: .shortAndLong, help: "No progress on stderr.")
    var quiet = false

    func run() throws {
        try reportingFailures {
            let archive = try options.workspace.openExistingArchive()
            let quiet = self.quiet || json
            var lastShown = Date.distantPast
            let report = try archive.verify { done, total in
                guard !quiet, done == total || Date().timeIntervalSince(lastShown) > 2 else { return }
                lastShown = Date()
                printError("verified \(done)/\(total) files")
            }
            print(json ? report.jsonLine : report.text)
            if !report.isIntact { throw ExitCode(CommandFailure.Kind.damaged.exitCode) }
        }
    }
}
