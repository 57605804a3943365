import ArchiveStore
import ArgumentParser
import Foundation

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
        let archive = try options.openExistingArchive()
        let handle: FileHandle
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: nil), let file = FileHandle(forWritingAtPath: output) else {
                printError("sohoa: cannot write \(output)")
                throw Exit.unusable
            }
            handle = file
        } else {
            handle = FileHandle.standardOutput
        }
        defer { if output != nil { try? handle.close() } }
        try archive.exportJSONL(to: handle)
    }
}
