import ArchiveStore
import ArgumentParser
import Foundation

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
        let archive = try options.openExistingArchive()
        let quiet = self.quiet || json
        var lastShown = Date.distantPast
        let report = try archive.verify { done, total in
            guard !quiet, done == total || Date().timeIntervalSince(lastShown) > 2 else { return }
            lastShown = Date()
            printError("verified \(done)/\(total) files")
        }
        print(json ? report.jsonLine : report.text)
        if !report.isIntact { throw ExitCode(1) }
    }
}

extension FixityReport {
    var text: String {
        var lines = [isIntact
            ? "Intact: \(checked) files (\(bytes) bytes) match their SHA-256; database checks passed."
            : "NOT INTACT: \(missing.count) missing, \(changed.count) changed of \(checked) files; "
                + "\(databaseProblems.count) database problems."]
        lines += missing.map { "  missing   \($0)" }
        lines += changed.map { "  changed   \($0)" }
        lines += databaseProblems.map { "  database  \($0)" }
        if !unknownFiles.isEmpty {
            lines.append("\(unknownFiles.count) file(s) under originals/ or derivatives/ belong to no document (left by an interrupted batch; the next ingest removes them):")
            lines += unknownFiles.map { "  unknown   \($0)" }
        }
        return lines.joined(separator: "\n")
    }

    var jsonLine: String {
        let object: [String: Any] = [
            "intact": isIntact, "checked": checked, "bytes": bytes, "missing": missing, "changed": changed,
            "unknown_files": unknownFiles, "database_problems": databaseProblems,
        ]
        return jsonText(object)
    }
}
