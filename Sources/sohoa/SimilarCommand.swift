import DocumentModel
import ArchiveStore
import ArgumentParser
import Foundation

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
        let archive = try options.openExistingArchive()
        guard try archive.document(id: id) != nil else {
            printError("sohoa: no document with id \(id)")
            throw ExitCode(1)
        }
        let hits = try archive.similar(to: id, limit: limit)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for hit in hits { print(String(decoding: try encoder.encode(hit), as: UTF8.self)) }
        } else {
            print(HitList(SearchResults(hits: hits), query: "document \(id)").text)
        }
    }
}
