import ArchiveStore
import ArgumentParser
import DocumentModel
import Foundation

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Full-text search, with or without diacritics, by number, filtered by what the documents are.",
        discussion: """
            "quyet dinh" finds every spelling of "Quyết định"; typed with diacritics, exact \
            tones rank first ("bản" before "bàn"). Put a phrase in double quotes to match \
            adjacent words. A document number ("28/2018/QĐ-TTg", "QĐ-TTg 28", "số 28") \
            finds the document that bears it first. With only filters, lists the documents \
            they select, newest first. Exit 1 when nothing matches.
            """)

    @OptionGroup var options: ArchiveOptions

    @Argument(help: "What to look for (may be empty when filters are given).")
    var query: String

    @Option(name: .customLong("type"), parsing: .singleValue, help: ArgumentHelp(
        "Document type code, e.g. cong_van, quyet_dinh, van_ban_qppl (repeatable).", valueName: "code"))
    var docTypes: [String] = []

    @Option(name: .customLong("legal-form"), parsing: .singleValue, help: ArgumentHelp(
        "Legal form of a van_ban_qppl, e.g. nghi_dinh, thong_tu (repeatable).", valueName: "code"))
    var legalForms: [String] = []

    @Option(help: ArgumentHelp("Part of the issuing agency's name, diacritics optional.", valueName: "name"))
    var agency: String?

    @Option(help: ArgumentHelp("Issued in this year.", valueName: "yyyy"))
    var year: Int?

    @Option(help: ArgumentHelp("Issued on or after this date.", valueName: "yyyy-mm-dd"))
    var from: String?

    @Option(help: ArgumentHelp("Issued on or before this date.", valueName: "yyyy-mm-dd"))
    var to: String?

    @Option(parsing: .singleValue, help: ArgumentHelp("Secrecy: mat, toi_mat, tuyet_mat (repeatable).", valueName: "level"))
    var secrecy: [String] = []

    @Option(parsing: .singleValue, help: ArgumentHelp("Urgency: khan, thuong_khan, hoa_toc (repeatable).", valueName: "level"))
    var urgency: [String] = []

    @Flag(name: .customLong("needs-review"), inversion: .prefixedNo, help: "Only documents flagged (or not flagged) for review.")
    var needsReview: Bool?

    @Option(help: ArgumentHelp("relevance, newest or oldest.", valueName: "order"))
    var sort: String = SearchSort.relevance.rawValue

    @Option(help: "Most hits to show.")
    var limit = 20

    @Flag(help: "Also print how many matching documents have each type, legal form, agency, year, secrecy, urgency.")
    var facets = false

    @Flag(help: "One JSON object per hit, one per line (and one with the facets last, with --facets).")
    var json = false

    func validate() throws {
        guard (1...1000).contains(limit) else { throw ValidationError("--limit must be between 1 and 1000") }
        guard SearchSort(rawValue: sort) != nil else { throw ValidationError("--sort must be relevance, newest or oldest") }
        for date in [from, to].compactMap({ $0 }) where IssuedDateCheck.invalid(date) {
            throw ValidationError("'\(date)' is not a date as yyyy-mm-dd")
        }
    }

    func run() throws {
        let archive = try options.openExistingArchive()
        var search = SearchQuery(text: query, sort: SearchSort(rawValue: sort) ?? .relevance, limit: limit)
        var codes = GivenCodes()
        search.filters.docTypes = codes.parse(docTypes)
        search.filters.legalForms = codes.parse(legalForms)
        search.filters.agency = agency
        search.filters.issuedFrom = from ?? year.map { String(format: "%04d-01-01", $0) }
        search.filters.issuedTo = to ?? year.map { String(format: "%04d-12-31", $0) }
        search.filters.secrecy = codes.parse(secrecy)
        search.filters.urgency = codes.parse(urgency)
        search.filters.needsReview = needsReview
        let results: SearchResults
        let counts: SearchFacets?
        do {
            if codes.matchNothing {
                (results, counts) = (SearchResults(hits: []), facets ? SearchFacets() : nil)
            } else {
                results = try archive.search(search)
                counts = facets ? try archive.facets(search) : nil
            }
        } catch let error as ArchiveError {
            printError("sohoa search: \(error)")
            throw Exit.badUsage
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for hit in results.hits {
                print(String(decoding: try encoder.encode(hit), as: UTF8.self))
            }
            if let counts {
                print(jsonText(["facets": counts.jsonObject, "total": counts.total,
                                "counted_within_pages": counts.countedWithin.map { $0 as Any } ?? NSNull()]))
            }
        } else {
            print(HitList(results, query: query).text)
            if let counts { print(counts.text) }
        }
        if results.hits.isEmpty { throw ExitCode(1) }
    }
}

/// Filter codes as typed (`--type`, `--legal-form`, `--secrecy`, `--urgency`), as the
/// archive's codes. A code that is none is the code of no stored document: it is dropped,
/// and a filter given only such codes matches nothing.
struct GivenCodes {
    private(set) var matchNothing = false

    mutating func parse<Code: RawRepresentable>(_ given: [String]) -> [Code] where Code.RawValue == String {
        let codes = given.compactMap(Code.init(rawValue:))
        if !given.isEmpty && codes.isEmpty { matchNothing = true }
        return codes
    }
}

/// A date option's shape, checked before the archive is opened.
enum IssuedDateCheck {
    static func invalid(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return true }
        return !(1...9999).contains(year) || !(1...12).contains(month) || !(1...31).contains(day)
    }
}

/// The readable list `search` and `similar` print.
struct HitList {
    let text: String

    init(_ results: SearchResults, query: String) {
        guard !results.hits.isEmpty else {
            text = "No documents match \(query)."
            return
        }
        var lines: [String] = []
        for (rank, hit) in results.hits.enumerated() {
            let page = hit.page.map { " p.\($0)" } ?? ""
            let line = [hit.docType.rawValue, hit.number, hit.issuedDate, hit.agency].compactMap { $0 }.joined(separator: " · ")
            lines.append("\(rank + 1). \(hit.id)  \(hit.source)\(page)")
            if !line.isEmpty { lines.append("   \(line)") }
            lines.append("   \(hit.snippet)")
        }
        if let window = results.rankedWithin {
            lines.append("(More than \(window) pages match: these are the best of the \(window) most recent. Add words or filters to rank them all.)")
        }
        text = lines.joined(separator: "\n")
    }
}

extension SearchFacets {
    var jsonObject: [String: Any] {
        counts.mapValues { $0.map { ["value": $0.value, "count": $0.count] } }
    }

    var text: String {
        var lines = ["", countedWithin.map { "\(total) documents among the \($0) most recent matching pages" }
            ?? "\(total) matching document(s)"]
        for name in ["doc_type", "legal_form", "agency", "year", "secrecy", "urgency", "needs_review"] {
            guard let values = counts[name] else { continue }
            let shown = values.prefix(10).map { "\($0.value) \($0.count)" }.joined(separator: ", ")
            lines.append("  \(name.padding(toLength: 13, withPad: " ", startingAt: 0)) \(shown)\(values.count > 10 ? ", …" : "")")
        }
        return lines.joined(separator: "\n")
    }
}
