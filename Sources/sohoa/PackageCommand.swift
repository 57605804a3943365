import ArgumentParser
import Foundation
import SohoaKit

struct PackageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "package",
        abstract: "Write a handover package (a BagIt 1.0 bag) for a state archive.",
        discussion: """
            The bag holds each document's original, byte for byte, its searchable PDF/A-2b \
            when it was scanned, the metadata as CSV (UTF-8 with BOM, for Excel) and JSON, one \
            row per document and one per hồ sơ, and a PREMIS-style event log (ingest, OCR \
            with its engine and model, corrections, fixity checks). Classified documents are \
            left out unless --include-classified is given; then they are kept apart, in \
            data/van-ban-mat. Every copy is checked against its recorded SHA-256. \
            Exit codes: 0 written; 1 nothing to package, or an archived file no longer \
            matches its checksum; 64 OUT already exists.
            """)

    @OptionGroup var options: ArchiveOptions

    @Argument(help: ArgumentHelp("The folder to write the bag to; it must not exist.", valueName: "out"))
    var output: String

    @Option(help: ArgumentHelp("Only this box (hộp), by its code.", valueName: "code"))
    var box: String?

    @Option(name: .customLong("file"), help: ArgumentHelp("Only this hồ sơ, by its mã hồ sơ.", valueName: "code"))
    var hoSo: String?

    @Flag(help: "Include classified documents (Mật, Tối mật, Tuyệt mật), kept apart in the bag.")
    var includeClassified = false

    @Option(help: ArgumentHelp("The agency handing the package over (Source-Organization).", valueName: "name"))
    var agency: String?

    @Flag(help: "Print what the bag holds as one JSON object.")
    var json = false

    func run() throws {
        try reportingFailures {
            let workspace = options.workspace
            let archiveDirectory = try workspace.archiveLocation(try workspace.configuration()).files
            var request = PackageRequest(output: URL(fileURLWithPath: output), box: box, hoSo: hoSo)
            request.includeClassified = includeClassified
            request.agency = agency
            let summary = try request.run(on: workspace.openExistingArchive(), archiveDirectory: archiveDirectory)
            print(json ? summary.jsonLine(output: output) : summary.text(output: output))
        }
    }
}
