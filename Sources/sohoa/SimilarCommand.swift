import ArchiveStore
import ArgumentParser
import DocumentModel
import SohoaKit

struct SimilarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similar",
        abstract: "More like this: the documents closest in content to one document.",
        discussion: "Finds the same text held by several agencies, rescans and drafts, by the words that make the document distinctive.")

    @OptionGroup var options: ArchiveOptions

    @Argument(help: "Document id, as printed by ingest and search.")
    var id: DocumentID

    @Option(help: "Most documents to show.")
    var limit = 10

    @Flag(help: "One JSON object per document, one per line.")
    var json = false

    func validate() throws {
        guard (1...1000).contains(limit) else { throw ValidationError("--limit must be between 1 and 1000") }
    }

    func run() throws {
        try reportingFailures {
            let archive = try options.workspace.openExistingArchive()
            _ = try archive.existingDocument(id, visibleTo: .unrestricted)
            let hits = try archive.similar(to: id, limit: limit, visibleTo: .unrestricted)
            if json {
                for hit in hits { print(try jsonLine(hit)) }
            } else {
                print(HitList(SearchResults(hits: hits), query: "document \(id)").text)
            }
        }
    }
}
