import ArchiveStore
import DocumentModel
import Foundation

/// A search as a person asks it, before anything is checked: the words, the filters as
/// typed codes and dates, the order. The command line and the web app both fill one in and
/// run it, so both check and read a search the same way.
public struct SearchRequest: Sendable {
    public var text: String
    /// Type codes (`cong_van`, `van_ban_qppl`, …), legal forms, secrecy and urgency levels,
    /// as typed.
    public var docTypes: [String] = []
    public var legalForms: [String] = []
    public var secrecy: [String] = []
    public var urgency: [String] = []
    /// Part of the agency's name, diacritics optional.
    public var agency: String?
    public var year: Int?
    /// `yyyy-mm-dd`, both ends included; they win over `year`.
    public var from: String?
    public var to: String?
    public var needsReview: Bool?
    /// The box (hộp) and mã hồ sơ, as the folders wrote them.
    public var box: String?
    public var hoSo: String?
    public var sort: String = SearchSort.relevance.rawValue
    public var limit = 20
    /// Hits to pass over, for the next page.
    public var offset = 0
    /// Also count matching documents per value of each field.
    public var withFacets = false

    public init(text: String) {
        self.text = text
    }

    /// Why the request cannot be run as given, before the archive is opened; nil when it can.
    public var problem: String? {
        guard (1...1000).contains(limit) else { return "--limit must be between 1 and 1000" }
        guard (0...10_000).contains(offset) else { return "--offset must be between 0 and 10000" }
        guard SearchSort(rawValue: sort) != nil else { return "--sort must be relevance, newest or oldest" }
        for date in [from, to].compactMap({ $0 }) where !IssuedDateShape.isValid(date) {
            return "'\(date)' is not a date as yyyy-mm-dd"
        }
        return nil
    }

    /// The hits, and the facets when asked for, among the documents open at `clearance`. A
    /// query the archive refuses (a control character, too long) is bad usage.
    public func run(on archive: some DocumentSearch, visibleTo clearance: Clearance) throws -> SearchOutcome {
        var query = SearchQuery(text: text, sort: SearchSort(rawValue: sort) ?? .relevance, limit: limit, offset: offset,
                                visibleTo: clearance)
        var codes = GivenCodes()
        query.filters.docTypes = codes.parse(docTypes)
        query.filters.legalForms = codes.parse(legalForms)
        query.filters.agency = agency
        query.filters.issuedFrom = from ?? year.map { String(format: "%04d-01-01", $0) }
        query.filters.issuedTo = to ?? year.map { String(format: "%04d-12-31", $0) }
        query.filters.secrecy = codes.parse(secrecy)
        query.filters.urgency = codes.parse(urgency)
        query.filters.needsReview = needsReview
        query.filters.box = box.map { BoxCode($0) }
        query.filters.hoSo = hoSo.map { HoSoCode($0) }
        if codes.matchNothing {
            return SearchOutcome(results: SearchResults(hits: []), facets: withFacets ? SearchFacets() : nil)
        }
        do {
            return SearchOutcome(results: try archive.search(query), facets: withFacets ? try archive.facets(query) : nil)
        } catch let error as ArchiveError {
            throw CommandFailure(.badUsage, "\(error)", command: "search")
        }
    }
}

/// What a search found, and the facet counts when they were asked for.
public struct SearchOutcome: Sendable {
    public var results: SearchResults
    public var facets: SearchFacets?
}

/// Filter codes as typed, as the archive's codes. A code that is none is the code of no
/// stored document: it is dropped, and a filter given only such codes matches nothing.
struct GivenCodes {
    private(set) var matchNothing = false

    mutating func parse<Code: RawRepresentable>(_ given: [String]) -> [Code] where Code.RawValue == String {
        let codes = given.compactMap(Code.init(rawValue:))
        if !given.isEmpty && codes.isEmpty { matchNothing = true }
        return codes
    }
}

/// A date option's shape, checked before the archive is opened.
enum IssuedDateShape {
    static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return false }
        return (1...9999).contains(year) && (1...12).contains(month) && (1...31).contains(day)
    }
}

/// The readable list of hits that `search` and `similar` print.
public struct HitList {
    public let text: String

    public init(_ results: SearchResults, query: String) {
        guard !results.hits.isEmpty else {
            text = "No documents match \(query)."
            return
        }
        var lines: [String] = []
        for (rank, hit) in results.hits.enumerated() {
            let page = hit.page.map { " p.\($0)" } ?? ""
            let line = [hit.docType.rawValue, hit.number, hit.issuedDate, hit.agency].compactMap { $0 }.joined(separator: " · ")
            lines.append("\(rank + 1). \(hit.id)  \(hit.source.printableSource)\(page)")
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
    /// The JSON line `search --json --facets` ends with.
    public var jsonLine: String {
        let counts = self.counts.mapValues { $0.map { ["value": $0.value, "count": $0.count] } }
        return jsonText(["facets": counts, "total": total, "counted_within_pages": countedWithin.map { $0 as Any } ?? NSNull()])
    }

    public var text: String {
        var lines = ["", countedWithin.map { "\(total) documents among the \($0) most recent matching pages" }
            ?? "\(total) matching document(s)"]
        for name in ["doc_type", "legal_form", "agency", "year", "secrecy", "urgency", "needs_review", "box", "ho_so"] {
            guard let values = counts[name] else { continue }
            let shown = values.prefix(10).map { "\($0.value) \($0.count)" }.joined(separator: ", ")
            lines.append("  \(name.padding(toLength: 13, withPad: " ", startingAt: 0)) \(shown)\(values.count > 10 ? ", …" : "")")
        }
        return lines.joined(separator: "\n")
    }
}
