import VietnameseText
import ArchiveStore
import DocumentModel
import Foundation
import Hummingbird
import SohoaKit

/// A document: its pages as images with thumbnails and zoom, the query's words marked on
/// the image at their word boxes (by `/assets/app.js`, from the page's boxes), and beside
/// it the text, the metadata with a confidence mark per field, downloads, similar
/// documents and the correction trail.
enum DocumentPage {
    static func register(on router: Router<WebContext>, services: Services) {
        router.get("documents/:id") { request, context in
            let viewer = try SearchPage.viewer(context)
            let id = try documentID(context)
            let values = FormValues(request.uri.query)
            let (document, similar) = try await services.room(context) { room in
                (try room.document(id), (try? room.similar(to: id, limit: 8)) ?? [])
            }
            let page = min(max(1, values.int("page") ?? 1), max(1, document.pages.count))
            return Pages.page(document.metadata[.subject] ?? document.metadata[.number] ?? id.rawValue, viewer: viewer, current: "search",
                              body(document, similar: similar, page: page, query: values["q"] ?? "", viewer: viewer))
        }
    }

    static func body(_ document: StoredDocument, similar: [SearchHit], page: Int, query: String, viewer: Pages.Viewer) -> HTML {
        let id = document.id.rawValue
        let thumbnails: [HTML] = document.pages.map { stored in
            """
            <li><a href="?\(FormValues.encode([("q", query), ("page", String(stored.number))]))" data-page="\(stored.number)"\(stored.number == page ? " aria-current=\"page\"" as HTML : .empty)>
              <img src="/api/v1/documents/\(id)/pages/\(stored.number)/image?width=240" alt="Trang \(stored.number)" loading="lazy"><span>\(stored.number)</span></a></li>
            """
        }
        let text = document.pages.first { $0.number == page }?.text ?? ""
        let fields: [HTML] = MetadataField.documentFields.compactMap { field in
            guard let value = document.metadata[field] else { return nil }
            let shown = field == .issuedDate ? Labels.date(value) : Labels.value(value, facet: field.rawValue)
            let confidence = document.fieldConfidence[field]
            let doubt = document.reviewFields.contains(field)
            let mark: HTML = confidence.map { level in
                let grade = doubt || level < 0.6 ? "low" : level < 0.85 ? "mid" : "high"
                return "<span class=\"confidence \(grade)\" title=\"Độ tin cậy \(Int((level * 100).rounded()))%\">\(Int((level * 100).rounded()))%</span>"
            } ?? .empty
            return "<tr\(doubt ? " class=\"doubt\"" as HTML : .empty)><th>\(Labels.fields[field.rawValue] ?? field.rawValue)</th><td>\(shown) \(mark)</td></tr>"
        }
        let downloads: [HTML] = [
            "<a href=\"/api/v1/documents/\(id)/original\" download>Bản gốc</a>",
            document.searchablePDF == nil ? .empty : "<a href=\"/api/v1/documents/\(id)/searchable.pdf\" download>PDF tìm được chữ</a>",
        ]
        let similarList: [HTML] = similar.map { hit in
            "<li><a href=\"/documents/\(hit.id.rawValue)\">\(Labels.types[hit.docType.rawValue] ?? "") \(hit.number ?? "") · \(hit.subject ?? SourceName.readable(hit.source))</a></li>"
        }
        let trail: [HTML] = document.corrections.map { correction in
            "<li><time>\(correction.correctedAt.prefix(16).replacingOccurrences(of: "T", with: " "))</time> \(correction.correctedBy): \(Labels.fields[correction.field.rawValue] ?? correction.field.rawValue) “\(correction.correctedValue ?? "—")” (máy đọc: “\(correction.machineValue ?? "—")”)</li>"
        }
        let review: HTML = viewer.user.role >= .archivist && document.needsReview
            ? "<p><a class=\"button\" href=\"/review/\(id)\">Duyệt tài liệu này</a></p>" : .empty
        return """
        <article class="document" data-document="\(id)" data-page="\(page)" data-pages="\(document.pages.count)" data-query="\(query)">
          <div class="viewer">
            <ol class="thumbnails" aria-label="Các trang">\(thumbnails)</ol>
            <div class="stage">
              <div class="tools">
                <button type="button" data-zoom="-1" title="Thu nhỏ (-)">−</button>
                <button type="button" data-zoom="1" title="Phóng to (+)">+</button>
                <span>Trang \(page) / \(document.pages.count)</span>
              </div>
              <div class="page-frame">
                <div class="page" id="page">
                  <img id="page-image" src="/api/v1/documents/\(id)/pages/\(page)/image?width=1400" alt="Trang \(page)">
                  <div class="boxes" id="boxes"></div>
                </div>
              </div>
            </div>
          </div>
          <aside class="facts">
            <h1>\(Labels.types[document.metadata[.docType] ?? ""] ?? "") \(document.metadata[.number] ?? "")</h1>
            <p class="subject">\(document.metadata[.subject] ?? "")</p>
            \(review)
            <table class="metadata">\(fields)</table>
            <p class="downloads">\(downloads)</p>
            <p class="where">\(document.sources.first.map(SourceName.readable) ?? "")\(document.sourcePages.map { " (trang \($0.first)–\($0.last) của tệp)" } ?? "") · \(document.pages.count) trang · \(document.textSource == "ocr" ? "OCR" : "lớp chữ PDF")</p>
            \(place(document))
            <h2>Nội dung trang \(page)</h2>
            <pre class="text">\(text)</pre>
            \(similarList.isEmpty ? .empty : "<h2>Tài liệu tương tự</h2><ul class=\"similar\">\(similarList)</ul>" as HTML)
            \(trail.isEmpty ? .empty : "<h2>Lịch sử sửa</h2><ul class=\"trail\">\(trail)</ul>" as HTML)
          </aside>
        </article>
        """
    }

    /// "Hộp 05 › Hồ sơ HS017 (title) › văn bản thứ 3", each level a search of its documents.
    static func place(_ document: StoredDocument) -> HTML {
        guard let place = document.place else { return .empty }
        var parts: [HTML] = []
        if let fonds = place.fonds { parts.append("Phông \(fonds)") }
        if let box = place.box { parts.append("<a href=\"/?\(FormValues.encode([("box", box.rawValue)]))\">Hộp \(box.rawValue)</a>") }
        if let hoSo = place.hoSo {
            let query = FormValues.encode([("file_code", hoSo.rawValue)] + (place.box.map { [("box", $0.rawValue)] } ?? []))
            parts.append("<a href=\"/?\(query)\">Hồ sơ \(hoSo.rawValue)</a>\(place.hoSoTitle.map { " (\($0))" as HTML } ?? .empty)")
        }
        if let ordinal = place.ordinal { parts.append("văn bản thứ \(ordinal)") }
        return "<p class=\"place\">\(parts.enumerated().map { $0.offset == 0 ? $0.element : " › \($0.element)" as HTML })</p>"
    }
}
