import ArchiveStore
import ArgumentParser
import SohoaKit

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

    @Option(help: ArgumentHelp("Only documents in this box (hộp), as its folder names it (hierarchy.pattern).", valueName: "code"))
    var box: String?

    @Option(name: .customLong("file"), help: ArgumentHelp("Only documents in this hồ sơ, by its mã hồ sơ.", valueName: "code"))
    var hoSo: String?

    @Option(help: ArgumentHelp("relevance, newest or oldest.", valueName: "order"))
    var sort: String = SearchSort.relevance.rawValue

    @Option(help: "Most hits to show.")
    var limit = 20

    @Flag(help: "Also print how many matching documents have each type, legal form, agency, year, secrecy, urgency.")
    var facets = false

    @Flag(help: "One JSON object per hit, one per line (and one with the facets last, with --facets).")
    var json = false

    private var request: SearchRequest {
        var request = SearchRequest(text: query)
        request.docTypes = docTypes
        request.legalForms = legalForms
        request.agency = agency
        request.year = year
        request.from = from
        request.to = to
        request.secrecy = secrecy
        request.urgency = urgency
        request.needsReview = needsReview
        request.box = box
        request.hoSo = hoSo
        request.sort = sort
        request.limit = limit
        request.withFacets = facets
        return request
    }

    func validate() throws {
        if let problem = request.problem { throw ValidationError(problem) }
    }

    func run() throws {
        try reportingFailures {
            let outcome = try request.run(on: try options.workspace.openExistingArchive(), visibleTo: .unrestricted)
            if json {
                for hit in outcome.results.hits { print(try jsonLine(hit)) }
                if let counts = outcome.facets { print(counts.jsonLine) }
            } else {
                print(HitList(outcome.results, query: query).text)
                if let counts = outcome.facets { print(counts.text) }
            }
            if outcome.results.hits.isEmpty { throw ExitCode(CommandFailure.Kind.nothingFound.exitCode) }
        }
    }
}
