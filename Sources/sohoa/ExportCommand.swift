import ArgumentParser
import Foundation
import SohoaKit

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export every input ever ingested, one JSON object per line (shared/design/export-contract.md).")

    enum Format: String, ExpressibleByArgument {
        case jsonl
    }

    @OptionGroup var options: ArchiveOptions

    @Option(help: "Output format.")
    var format: Format = .jsonl

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
    var output: String?

    func run() throws {
        try reportingFailures {
            let archive = try options.workspace.openExistingArchive()
            let handle: FileHandle
            if let output {
                guard FileManager.default.createFile(atPath: output, contents: nil), let file = FileHandle(forWritingAtPath: output) else {
                    throw CommandFailure(.unusable, "cannot write \(output)")
                }
                handle = file
            } else {
                handle = FileHandle.standardOutput
            }
            defer { if output != nil { try? handle.close() } }
            try archive.exportJSONL(to: handle, visibleTo: .unrestricted)
        }
    }
}
