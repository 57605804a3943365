import ArchiveStore
import ArgumentParser
import Foundation

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Full-text search, with or without diacritics (\"quyet dinh\" finds \"Quyết định\").",
        discussion: "Words are matched in any order; put a phrase in double quotes to match it as a phrase.")

    @OptionGroup var options: ArchiveOptions

    @Argument(help: "What to look for.")
    var query: String

    @Option(help: "Most hits to show.")
    var limit = 20

    @Flag(help: "One JSON object per hit, one per line.")
    var json = false

    func validate() throws {
        guard (1...1000).contains(limit) else { throw ValidationError("--limit must be between 1 and 1000") }
    }

    func run() throws {
        let archive = try options.openExistingArchive()
        let hits: [SearchHit]
        do {
            hits = try archive.search(SearchQuery(text: query, limit: limit))
        } catch {
            throw ValidationError("\(error)")
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for hit in hits {
                print(String(decoding: try encoder.encode(hit), as: UTF8.self))
            }
            return
        }
        if hits.isEmpty {
            print("No documents match \(query).")
            return
        }
        for (rank, hit) in hits.enumerated() {
            let page = hit.page.map { " p.\($0)" } ?? ""
            let line = [hit.docType, hit.number, hit.issuedDate, hit.agency].compactMap { $0 }.joined(separator: " · ")
            print("\(rank + 1). \(hit.id)  \(hit.source)\(page)")
            if !line.isEmpty { print("   \(line)") }
            print("   \(hit.snippet)")
        }
    }
}
