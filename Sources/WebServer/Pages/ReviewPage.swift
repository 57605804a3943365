import VietnameseText
import ArchiveStore
import DocumentModel
import Foundation
import Hummingbird
import SohoaKit

/// The review desk, built for hours of keyboard work: the queue, most uncertain first;
/// one document at a time with, for each field in doubt, the crop of the page where it was
/// read beside an input holding the machine's value and its confidence. Enter saves and
/// opens the next; Ctrl+Enter confirms every value as right.
enum ReviewPage {
    static let fieldsShown: [MetadataField] = [.number, .issuedDate, .agency, .subject, .signer, .signerTitle, .docType]

    static func register(on router: Router<WebContext>, services: Services) {
        router.get("review") { request, context in
            let viewer = try SearchPage.viewer(context)
            let values = FormValues(request.uri.query)
            let filter = ReviewFilter(batchRoot: values["batch"], folder: values["folder"],
                                      field: values["field"].flatMap(MetadataField.init(rawValue:)))
            let queue = try await services.room(context) { try $0.reviewQueue(limit: 200, filter: filter) }
            return Pages.page("Duyệt", viewer: viewer, current: "review", list(queue, values: values))
        }
        router.get("review/next") { request, context in
            let values = FormValues(request.uri.query)
            let filter = ReviewFilter(batchRoot: values["batch"], folder: values["folder"],
                                      field: values["field"].flatMap(MetadataField.init(rawValue:)))
            let next = try await services.room(context) { try $0.reviewQueue(limit: 1, filter: filter).first }
            return Pages.redirect(next.map { "/review/\($0.id.rawValue)" + (request.uri.query.map { "?\($0)" } ?? "") } ?? "/review?done=1")
        }
        router.get("review/:id") { request, context in
            let viewer = try SearchPage.viewer(context)
            let id = try documentID(context)
            let document = try await services.room(context) { try $0.documentToReview(id) }
            return Pages.page("Duyệt \(document.metadata[.number] ?? id.rawValue)", viewer: viewer, current: "review",
                              desk(document, viewer: viewer, filter: request.uri.query))
        }
        router.post("review/:id") { request, context in
            let id = try documentID(context)
            let form = try await services.form(request, context: context)
            // Saving, like confirming, says the person checked every field shown.
            var correction = CorrectionRequest(id: id)
            correction.confirmsAll = true
            if form["action"] != "confirm" {
                for field in MetadataField.documentFields {
                    guard form.pairs.contains(where: { $0.name == field.rawValue }) else { continue }
                    if let value = form[field.rawValue] {
                        // A number with its digits still missing ("/TTr-UBND") is not a number.
                        if field == .number, value.hasPrefix("/") { continue }
                        correction.values[field] = value
                    } else {
                        correction.clearedNames.append(field.rawValue)
                    }
                }
            }
            correction.note = form["note"]
            let request = correction
            _ = try await services.room(context) { try $0.correct(request) }
            return Pages.redirect("/review/next" + (form["filter"].map { "?\($0)" } ?? ""))
        }
    }

    static func list(_ queue: [ReviewItem], values: FormValues) -> HTML {
        let rows: [HTML] = queue.map { item in
            let fields = item.fields.map { Labels.fields[$0.rawValue] ?? $0.rawValue }.joined(separator: ", ")
            return """
            <tr><td><a href="/review/\(item.id.rawValue)">\(item.number ?? "—")</a></td><td>\(Labels.types[item.docType.rawValue] ?? "")</td>
            <td>\(Labels.date(item.issuedDate))</td><td>\(fields)</td><td class="source">\(SourceName.readable(item.source))</td></tr>
            """
        }
        let done: HTML = values["done"] != nil ? "<p class=\"notice ok\">Đã duyệt hết hàng đợi này.</p>" : .empty
        let fieldOptions: [HTML] = [("", "Mọi trường")] .map { "<option value=\"\($0.0)\">\($0.1)</option>" }
            + fieldsShown.map { field in
                "<option value=\"\(field.rawValue)\"\(values["field"] == field.rawValue ? " selected" as HTML : .empty)>\(Labels.fields[field.rawValue] ?? "")</option>"
            }
        let start = "/review/next" + (values.pairs.isEmpty ? "" : "?" + FormValues.encode(values.pairs.filter { $0.name != "done" }.map { ($0.name, $0.value) }))
        return """
        <h1>Hàng đợi duyệt</h1>
        \(done)
        <form class="filters" method="get" action="/review">
          <label>Lô (thư mục gốc) <input name="batch" value="\(values["batch"] ?? "")"></label>
          <label>Thư mục <input name="folder" value="\(values["folder"] ?? "")" placeholder="Hop_01"></label>
          <label>Trường <select name="field">\(fieldOptions)</select></label>
          <button type="submit">Lọc</button>
        </form>
        \(queue.isEmpty ? "<section class=\"empty\"><p>Không còn tài liệu nào cần duyệt.</p></section>" as HTML : """
        <p><a class="button primary" href="\(start)" id="start-review">Bắt đầu duyệt (\(queue.count))</a> — tài liệu máy kém chắc nhất trước.</p>
        <table class="queue"><thead><tr><th>Số</th><th>Loại</th><th>Ngày</th><th>Trường cần xem</th><th>Tệp</th></tr></thead><tbody>\(rows)</tbody></table>
        """ as HTML)
        """
    }

    static func desk(_ document: StoredDocument, viewer: Pages.Viewer, filter: String?) -> HTML {
        let id = document.id.rawValue
        let doubtful = document.reviewFields.isEmpty ? [MetadataField.number, .issuedDate] : document.reviewFields
        let shown = doubtful + fieldsShown.filter { !doubtful.contains($0) }
        let rows: [HTML] = shown.map { field in
            let value = document.metadata[field] ?? (field == .number ? printedNumber(onFirstPage: document.pages.first?.text ?? "") : "")
            let confidence = document.fieldConfidence[field].map { "\(Int(($0 * 100).rounded()))%" } ?? "—"
            let inDoubt = doubtful.contains(field)
            let crop: HTML = inDoubt ? "<img class=\"crop\" src=\"/api/v1/documents/\(id)/crops/\(field.rawValue)\" alt=\"Vùng đọc \(Labels.fields[field.rawValue] ?? "")\">" : .empty
            return """
            <div class="field\(inDoubt ? " doubt" as HTML : .empty)">
              \(crop)
              <label><span class="label-line">\(Labels.fields[field.rawValue] ?? field.rawValue) <span class="confidence">\(confidence)</span></span>
                <input name="\(field.rawValue)" value="\(value)" data-gap="\(value.hasPrefix("/") ? "start" : "")"\(inDoubt ? " data-doubt=\"1\"" as HTML : .empty) autocomplete="off"></label>
            </div>
            """
        }
        // The classifier's reasons are for logs and scripts; the desk names the fields in doubt.
        let reasons = "Cần xem: " + doubtful.map { field in
            (Labels.fields[field.rawValue] ?? field.rawValue)
                + (document.fieldConfidence[field].map { " (độ tin cậy \(Int(($0 * 100).rounded()))%)" } ?? " (máy không đọc được)")
        }.joined(separator: ", ")
        return """
        <section class="desk" data-document="\(id)">
          <header>
            <h1>\(Labels.types[document.metadata[.docType] ?? ""] ?? "") \(document.metadata[.number] ?? "(chưa đọc được số)")</h1>
            <p class="reasons">\(reasons)</p>
            <p class="where"><a href="/documents/\(id)">Xem cả văn bản</a> · \(document.sources.first.map(SourceName.readable) ?? "")</p>
          </header>
          <form method="post" action="/review/\(id)" id="review-form">
            <input type="hidden" name="csrf" value="\(viewer.csrf)">
            <input type="hidden" name="filter" value="\(filter ?? "")">
            \(rows)
            <div class="actions">
              <button type="submit" class="primary">Lưu và tiếp <kbd>Enter</kbd></button>
              <button type="submit" name="action" value="confirm" id="confirm-all">Tất cả đúng <kbd>Ctrl+Enter</kbd></button>
              <a href="/review">Về hàng đợi</a>
            </div>
          </form>
        </section>
        """
    }

    /// Where the number's digits were handwritten, the machine has no number but the page
    /// shows its printed part ("Số: …/TTr-UBND"): that part, for the archivist to complete.
    static func printedNumber(onFirstPage text: String) -> String {
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("Số"), let slash = trimmed.firstIndex(of: "/") else { continue }
            let printed = trimmed[slash...].prefix { !$0.isWhitespace }
            if printed.count > 2 { return String(printed) }
        }
        return ""
    }
}
