import ArgumentParser
import SohoaKit

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "List the documents a person should check, most uncertain first.",
        discussion: """
            A document is listed when the classifier flagged it (needs_review): no readable \
            number or date, an unrecognised type, a number that contradicts the title, a field \
            read from OCR words under 60% confidence. Most fields in doubt first, then most \
            reasons, then the least sure field, then lowest OCR confidence. Each line names the \
            fields to check. Exit code 0 also when the list is empty.
            """)

    @OptionGroup var options: ArchiveOptions

    @Option(help: "Most documents to list.")
    var limit = 50

    @Flag(help: "One JSON object per document, one per line.")
    var json = false

    func validate() throws {
        guard (1...100_000).contains(limit) else { throw ValidationError("--limit must be between 1 and 100000") }
    }

    func run() throws {
        try reportingFailures {
            let items = try options.workspace.openExistingArchive().reviewQueue(limit: limit, visibleTo: .unrestricted)
            if json {
                for item in items { print(try jsonLine(item)) }
            } else {
                print(ReviewList(items).text)
            }
        }
    }
}
