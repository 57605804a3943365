import ArgumentParser
import DocumentModel
import SohoaKit

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a document: its metadata, where its original is stored, and its text.")

    @OptionGroup var options: ArchiveOptions

    @Argument(help: "Document id, as printed by ingest and search.")
    var id: DocumentID

    @Flag(help: "Print the document as one JSON object.")
    var json = false

    @Flag(name: .customLong("no-text"), help: "Leave the text out.")
    var noText = false

    func run() throws {
        try reportingFailures {
            let archive = try options.workspace.openExistingArchive()
            let document = try archive.existingDocument(id, visibleTo: .unrestricted)
            print(json ? try jsonLine(document) : document.describe(archiveDirectory: archive.directory, includeText: !noText))
        }
    }
}
