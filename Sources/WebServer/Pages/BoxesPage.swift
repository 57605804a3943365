import ArchiveStore
import Foundation
import Hummingbird
import SohoaKit
import VietnameseText

/// The records office's boxes: each box with its counts and whether it may leave the
/// storage room, one page per box with its hồ sơ and failures, and its printable report
/// with the handover record as a PDF. For archivists.
enum BoxesPage {
    static func register(on router: Router<WebContext>, services: Services) {
        router.get("boxes") { _, context in
            let viewer = try SearchPage.viewer(context)
            let boxes = try await services.room(context) { try $0.boxes() }
            return Pages.page("Hộp tài liệu", viewer: viewer, current: "boxes", list(boxes, maxAge: services.configuration.records.fixityMaxAgeDays))
        }
        router.get("boxes/:box") { request, context in
            let viewer = try SearchPage.viewer(context)
            let code = try boxCode(context)
            let fonds = FormValues(request.uri.query)["fonds"]
            let report = try await services.room(context) { try $0.box(code, fonds: fonds) }
            return Pages.page("Hộp \(code)", viewer: viewer, current: "boxes",
                              detail(report, maxAge: services.configuration.records.fixityMaxAgeDays, fonds: fonds))
        }
        router.get("boxes/:box/report.pdf") { request, context in
            _ = try SearchPage.viewer(context)
            let code = try boxCode(context)
            let fonds = FormValues(request.uri.query)["fonds"]
            let pdf = try await services.room(context) { try $0.boxSheetPDF(code, fonds: fonds) }
            let name = "hop-" + String(code.unicodeScalars.filter { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-") }
                .map(Character.init)) + ".pdf"
            return Response(status: .ok, headers: [.contentType: "application/pdf", .contentDisposition: "inline; filename=\"\(name)\""],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: pdf)))
        }
    }

    /// The box's code as its folder wrote it: only looked up among the boxes, never a path.
    private static func boxCode(_ context: WebContext) throws -> String {
        guard let raw = context.parameters.get("box"), let code = raw.removingPercentEncoding, !code.isEmpty, code.count <= 200 else {
            throw WebFailure.notFound
        }
        return code
    }

    private static func link(_ report: BoxReport) -> String {
        "/boxes/" + (report.box.rawValue.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            + (report.fonds.map { "?" + FormValues.encode([("fonds", $0)]) } ?? "")
    }

    private static func verdict(_ report: BoxReport, maxAge: Int) -> HTML {
        let obstacles = report.obstacles(fixityMaxAgeDays: maxAge)
        if obstacles.isEmpty { return "<span class=\"verdict ok\">Được rời kho</span>" }
        let reasons: [HTML] = obstacles.map { "<li>\($0.text(english: false))</li>" }
        return "<span class=\"verdict stays\">Chưa được rời kho</span><ul class=\"obstacles\">\(reasons)</ul>"
    }

    static func list(_ boxes: [BoxReport], maxAge: Int) -> HTML {
        guard !boxes.isEmpty else {
            return """
            <h1>Hộp tài liệu</h1>
            <section class="empty"><p>Chưa có hộp nào. Hộp và hồ sơ được đọc từ tên thư mục khi nhập: đặt
            <code>hierarchy.pattern</code> trong pipeline.yaml (ví dụ <code>"{box}/{file}"</code>) rồi nhập lại.</p></section>
            """
        }
        let rows: [HTML] = boxes.map { report in
            """
            <tr><td><a href="\(link(report))">\(report.box.rawValue)</a></td><td>\(report.title ?? "")</td>
            <td>\(report.inputsFound) / \(report.stored) / \(report.duplicates) / \(report.failed) / \(report.unfinished)</td>
            <td>\(report.documents)</td><td>\(report.pages)</td><td>\(report.documentsUnderReview)</td>
            <td>\(report.fixityText(english: false))</td><td>\(report.classifiedText(english: false))</td>
            <td>\(verdict(report, maxAge: maxAge))</td></tr>
            """
        }
        return """
        <h1>Hộp tài liệu</h1>
        <table class="storage-boxes"><thead><tr><th>Hộp</th><th>Tiêu đề</th><th>Tệp: tìm thấy / lưu / trùng / lỗi / chưa xong</th>
        <th>Văn bản</th><th>Trang</th><th>Chờ duyệt</th><th>Kiểm tra toàn vẹn</th><th>Tài liệu mật</th><th>Kết luận</th></tr></thead>
        <tbody>\(rows)</tbody></table>
        """
    }

    static func detail(_ report: BoxReport, maxAge: Int, fonds: String?) -> HTML {
        let hoSo: [HTML] = report.hoSo.map { line in
            """
            <tr><td><a href="/?\(FormValues.encode([("box", report.box.rawValue), ("file_code", line.code.rawValue)]))">\(line.code.rawValue)</a></td>
            <td>\(line.title ?? "")</td><td>\(line.retention ?? "")</td>
            <td>\(line.onlyInCatalog ? "không có bản quét" : String(line.documents))</td><td>\(line.onlyInCatalog ? "" : String(line.pages))</td></tr>
            """
        }
        let failures: [HTML] = report.failures.map { failure in
            let explained: HTML = failure.explanation.map { " — giải trình của \(failure.explainedBy ?? ""): \($0)" } ?? " — chưa có giải trình"
            return "<li><code>\(SourceName.readable(failure.source))</code>: \(failure.reason)\(explained)</li>"
        }
        let pdf = "/boxes/" + (report.box.rawValue.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") + "/report.pdf"
            + (fonds.map { "?" + FormValues.encode([("fonds", $0)]) } ?? "")
        return """
        <h1>Hộp \(report.box.rawValue)\(report.title.map { " — \($0)" as HTML } ?? .empty)</h1>
        <p>\(verdict(report, maxAge: maxAge))</p>
        <p><a class="button" href="\(pdf)">Bản in báo cáo và biên bản bàn giao (PDF)</a></p>
        <dl class="box-counts">
          <dt>Tệp tìm thấy</dt><dd>\(report.inputsFound)</dd><dt>Đã lưu</dt><dd>\(report.stored)</dd>
          <dt>Trùng lặp</dt><dd>\(report.duplicates)</dd><dt>Lỗi</dt><dd>\(report.failed)</dd><dt>Chưa xử lý xong</dt><dd>\(report.unfinished)</dd>
          <dt>Văn bản</dt><dd>\(report.documents)</dd><dt>Trang</dt><dd>\(report.pages) (\(report.blankPages) trang trắng)</dd>
          <dt>Còn chờ kiểm tra</dt><dd>\(report.documentsUnderReview) văn bản, \(report.fieldsUnderReview) trường</dd>
          <dt>Kiểm tra toàn vẹn</dt><dd>\(report.fixityText(english: false))</dd>
          <dt>Tài liệu mật</dt><dd>\(report.classifiedText(english: false))</dd>
        </dl>
        <h2>Hồ sơ trong hộp</h2>
        <table class="storage-boxes"><thead><tr><th>Mã hồ sơ</th><th>Tiêu đề</th><th>Thời hạn bảo quản</th><th>Văn bản</th><th>Trang</th></tr></thead>
        <tbody>\(hoSo)</tbody></table>
        \(failures.isEmpty ? .empty : "<h2>Tệp không xử lý được</h2><ul>\(failures)</ul>" as HTML)
        """
    }
}
