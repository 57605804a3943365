import DocumentModel
import VietnameseText
import ArchiveStore
import Foundation
import Hummingbird
import SohoaKit

/// The search page: one box, facets that filter, sort and paging, all in the URL so a
/// search is shared by its link. A number that names one document opens it directly.
enum SearchPage {
    static func register(on router: Router<WebContext>, services: Services) {
        router.get("/") { request, context in
            let viewer = try viewer(context)
            let values = FormValues(request.uri.query)
            let parameters = try SearchParameters(values)
            let asked = !parameters.request.text.isEmpty || values.pairs.contains { !["q", "sort", "offset", "limit"].contains($0.name) }
            guard asked else { return Pages.page("Tìm kiếm", viewer: viewer, current: "search", welcome()) }
            let search = parameters.request
            let outcome: SearchOutcome
            do {
                outcome = try await services.room(context) { try $0.search(search) }
            } catch let failure as CommandFailure where failure.kind == .badUsage {
                return Pages.page("Tìm kiếm", viewer: viewer, current: "search", status: .badRequest,
                                  "\(box(values))<p class=\"notice\">Không tìm được với câu hỏi này: \(failure.message)</p>")
            }
            let byNumber = outcome.results.hits.filter { $0.score >= 1_000 }
            if byNumber.count == 1, search.offset == 0, values.pairs.count == 1, let only = byNumber.first {
                return Pages.redirect("/documents/\(only.id.rawValue)?" + FormValues.encode([("q", search.text)]))
            }
            return Pages.page(search.text.isEmpty ? "Tìm kiếm" : search.text, viewer: viewer, current: "search",
                              results(outcome, values: values, request: search))
        }
    }

    static func viewer(_ context: WebContext) throws -> Pages.Viewer {
        guard let user = context.user, case .session(_, let csrf) = context.credential else { throw WebFailure.unauthenticated }
        return Pages.Viewer(user: user, csrf: csrf)
    }

    static func box(_ values: FormValues) -> HTML {
        let kept: [HTML] = values.pairs.filter { !["q", "offset"].contains($0.name) }.map {
            "<input type=\"hidden\" name=\"\($0.name)\" value=\"\($0.value)\">"
        }
        return """
        <form class="searchbox" method="get" action="/" role="search">
          <input type="search" name="q" value="\(values["q"] ?? "")" placeholder="Từ khóa, có dấu hay không dấu, hoặc số văn bản: 28/2018/QĐ-TTg" aria-label="Tìm kiếm" autofocus>
          \(kept)
          <button type="submit">Tìm</button>
        </form>
        """
    }

    static func welcome() -> HTML {
        """
        \(box(FormValues(nil)))
        <section class="empty">
          <h1>Tìm trong kho lưu trữ số</h1>
          <p>Gõ vài từ của nội dung, có dấu hay không dấu (“quyet dinh” tìm được “Quyết định”), một cụm từ trong ngoặc kép,
             hoặc số ký hiệu của văn bản (“28/2018/QĐ-TTg”, “số 28”).</p>
          <p>Phím tắt: <kbd>/</kbd> tìm kiếm · <kbd>j</kbd>/<kbd>k</kbd> kết quả sau/trước · <kbd>Enter</kbd> mở.</p>
        </section>
        """
    }

    static func results(_ outcome: SearchOutcome, values: FormValues, request: SearchRequest) -> HTML {
        let total = outcome.facets?.total ?? outcome.results.hits.count
        let hits: [HTML] = outcome.results.hits.map { hit in
            let meta = [Labels.types[hit.docType.rawValue] ?? hit.docType.rawValue, hit.number, hit.issuedDate.map { Labels.date($0) }, hit.agency]
                .compactMap { $0 }.joined(separator: " · ")
            let secrecy: HTML = hit.secrecy.map { "<span class=\"stamp\">\(Labels.secrecy[$0.rawValue] ?? "")</span>" } ?? .empty
            var link = "/documents/\(hit.id.rawValue)?" + FormValues.encode([("q", request.text)])
            if let page = hit.page { link += "&page=\(page)" }
            return """
            <li class="hit">
              <a href="\(link)">
                <span class="meta">\(meta) \(secrecy)</span>
                <span class="subject">\(hit.subject ?? SourceName.readable(hit.source))</span>
                <span class="snippet">\(marked(hit.snippet))</span>
                <span class="where">\(SourceName.readable(hit.source))\(hit.page.map { " · trang \($0)" } ?? "")</span>
              </a>
            </li>
            """
        }
        let list: HTML = hits.isEmpty ? """
            <section class="empty"><h2>Không có tài liệu nào khớp.</h2>
            <p>Thử bớt từ, bỏ bớt bộ lọc, hoặc gõ không dấu. Tài liệu mật cao hơn mức bạn được xem không hiện ra ở đây.</p></section>
            """ : "<ol class=\"hits\">\(hits)</ol>"
        let ranked: HTML = outcome.results.rankedWithin.map { _ in
            "<p class=\"hint\">Từ rất phổ biến: kết quả xếp hạng trong các trang mới nhất. Thêm từ hoặc bộ lọc để xếp hạng tất cả.</p>"
        } ?? .empty
        return """
        \(box(values))
        <div class="results">
          <aside class="facets" aria-label="Bộ lọc">\(facets(outcome.facets, values: values))</aside>
          <section>
            <div class="summary">
              <p><strong>\(total)</strong> tài liệu\(counted(outcome.facets))</p>
              \(sortLinks(values, current: request.sort))
            </div>
            \(ranked)
            \(list)
            \(paging(values, request: request, total: total, shown: outcome.results.hits.count))
          </section>
        </div>
        """
    }

    /// Where a common query's counts stop: they are those of the newest matching pages.
    static func counted(_ facets: SearchFacets?) -> HTML {
        guard let window = facets?.countedWithin else { return .empty }
        return " <span class=\"hint\">(đếm trong \(Labels.thousands(window)) trang khớp mới nhất)</span>"
    }

    /// The snippet escaped first, then the archive's « » marks turned into `<mark>`: OCR
    /// text never becomes markup.
    static func marked(_ snippet: String) -> HTML {
        let escaped = htmlEscaped(snippet).replacingOccurrences(of: "«", with: "<mark>").replacingOccurrences(of: "»", with: "</mark>")
        return HTML(stringLiteral: escaped)
    }

    static func facets(_ facets: SearchFacets?, values: FormValues) -> HTML {
        guard let facets else { return .empty }
        let keys: [String: String] = ["doc_type": "type", "agency": "agency", "year": "year", "secrecy": "secrecy", "urgency": "urgency",
                                      "needs_review": "needs_review", "legal_form": "legal_form", "box": "box", "ho_so": "file_code"]
        let groups: [HTML] = Labels.facets.compactMap { name, title in
            guard let counts = facets.counts[name], !counts.isEmpty, let key = keys[name] else { return nil }
            let items: [HTML] = counts.prefix(12).map { count in
                let active = values.all(key).contains(count.value)
                var pairs = values.pairs.filter { $0.name != "offset" && !($0.name == key && $0.value == count.value) }
                if !active { pairs.append((key, count.value)) }
                let href = "/?" + FormValues.encode(pairs.map { ($0.name, $0.value) })
                return """
                <li><a href="\(href)"\(active ? " class=\"active\" aria-pressed=\"true\"" as HTML : .empty)>\(Labels.value(count.value, facet: name))<span class="count">\(count.count)</span></a></li>
                """
            }
            return "<h3>\(title)</h3><ul>\(items)</ul>"
        }
        return "\(groups)"
    }

    static func sortLinks(_ values: FormValues, current: String) -> HTML {
        let options = [("relevance", "Liên quan"), ("newest", "Mới nhất"), ("oldest", "Cũ nhất")]
        let links: [HTML] = options.map { code, label in
            var pairs = values.pairs.filter { $0.name != "sort" && $0.name != "offset" }.map { ($0.name, $0.value) }
            pairs.append(("sort", code))
            return code == current ? "<strong>\(label)</strong>" : "<a href=\"/?\(FormValues.encode(pairs))\">\(label)</a>"
        }
        return "<p class=\"sort\">Xếp theo: \(links.enumerated().map { $0.offset == 0 ? $0.element : " · \($0.element)" as HTML })</p>"
    }

    static func paging(_ values: FormValues, request: SearchRequest, total: Int, shown: Int) -> HTML {
        func link(_ offset: Int, _ label: String, _ rel: String) -> HTML {
            var pairs = values.pairs.filter { $0.name != "offset" }.map { ($0.name, $0.value) }
            pairs.append(("offset", String(offset)))
            return "<a rel=\"\(rel)\" href=\"/?\(FormValues.encode(pairs))\">\(label)</a>"
        }
        let previous: HTML = request.offset > 0 ? link(max(0, request.offset - request.limit), "← Trước", "prev") : .empty
        let next: HTML = request.offset + shown < total && shown == request.limit ? link(request.offset + request.limit, "Sau →", "next") : .empty
        let shownRange = shown == 0 ? "" : "\(request.offset + 1)–\(request.offset + shown) / \(total)"
        return "<nav class=\"paging\">\(previous) <span>\(shownRange)</span> \(next)</nav>"
    }
}
