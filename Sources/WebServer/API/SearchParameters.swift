import VietnameseText
import ArchiveStore
import Foundation
import SohoaKit

/// A search as a URL holds it (`q`, `type`, `legal_form`, `agency`, `year`, `from`, `to`,
/// `secrecy`, `urgency`, `needs_review`, `box`, `file_code`, `sort`, `limit`, `offset`), for the API and for the
/// search page alike, so that a search can be shared as its link. A filter may repeat or
/// list its codes with commas.
struct SearchParameters {
    var request: SearchRequest
    let values: FormValues

    init(_ values: FormValues) throws {
        self.values = values
        var request = SearchRequest(text: values["q"] ?? "")
        func codes(_ name: String) -> [String] {
            values.all(name).flatMap { $0.split(separator: ",").map(String.init) }
        }
        request.docTypes = codes("type")
        request.legalForms = codes("legal_form")
        request.secrecy = codes("secrecy")
        request.urgency = codes("urgency")
        request.agency = values["agency"]
        request.year = values.int("year")
        request.from = values["from"]
        request.to = values["to"]
        request.needsReview = values["needs_review"].map { $0 == "true" || $0 == "1" }
        request.box = values["box"].flatMap { $0.isEmpty ? nil : $0 }
        request.hoSo = values["file_code"].flatMap { $0.isEmpty ? nil : $0 }
        request.sort = values["sort"] ?? request.sort
        request.limit = values.int("limit") ?? 20
        request.offset = values.int("offset") ?? 0
        if let problem = request.problem { throw CommandFailure(.badUsage, problem.replacingOccurrences(of: "--", with: "")) }
        self.request = request
    }

    /// The API's answer: total, hits and facet counts.
    static func json(_ outcome: SearchOutcome) -> [String: Any] {
        let hits: [[String: Any]] = outcome.results.hits.map { hit in
            ["id": hit.id.rawValue, "source": hit.source, "source_display": SourceName.display(of: hit.source) ?? NSNull(), "score": hit.score, "page": hit.page ?? NSNull(), "snippet": hit.snippet,
             "doc_type": hit.docType.rawValue, "number": hit.number ?? NSNull(), "issued_date": hit.issuedDate ?? NSNull(),
             "agency": hit.agency ?? NSNull(), "subject": hit.subject ?? NSNull(), "secrecy": hit.secrecy?.rawValue ?? NSNull()]
        }
        var facets: [String: Any] = [:]
        for (name, counts) in outcome.facets?.counts ?? [:] {
            facets[name] = counts.map { ["value": $0.value, "count": $0.count] }
        }
        var answer: [String: Any] = ["total": outcome.facets?.total ?? hits.count, "hits": hits, "facets": facets]
        if let window = outcome.results.rankedWithin { answer["ranked_within"] = window }
        if let window = outcome.facets?.countedWithin { answer["counted_within_pages"] = window }
        return answer
    }
}
