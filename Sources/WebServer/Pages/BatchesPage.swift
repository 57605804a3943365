import VietnameseText
import ArchiveStore
import Foundation
import Hummingbird
import SohoaKit

/// Batches: each run with its counts, pages per minute, time left and failures with their
/// reasons, refreshed every few seconds while one runs (`/assets/app.js` polls the API);
/// and a form to start a batch on a folder under `server.ingest_roots`.
enum BatchesPage {
    static func register(on router: Router<WebContext>, services: Services) {
        router.get("batches") { request, context in
            let viewer = try SearchPage.viewer(context)
            let runs = try await services.room(context) { try $0.batches(limit: 30) }
            return Pages.page("Lô nhập", viewer: viewer, current: "batches",
                              body(runs, viewer: viewer, roots: services.configuration.server.ingestRoots,
                                   message: FormValues(request.uri.query)["started"].map { "Đã bắt đầu lô trên \($0)." }))
        }
        router.post("batches") { request, context in
            let form = try await services.form(request, context: context)
            let folder = form["folder"] ?? ""
            let started = try await services.room(context) {
                try $0.startBatch(folder: folder, executable: services.executable, configurationFile: services.configurationFile,
                                  location: services.pool.location)
            }
            return Pages.redirect("/batches?" + FormValues.encode([("started", started.folder)]))
        }
    }

    static func body(_ runs: [BatchStatus], viewer: Pages.Viewer, roots: [String], message: String?) -> HTML {
        let rows: [HTML] = runs.map { run in
            let failures: [HTML] = run.failures.prefix(50).map { "<li><code>\(SourceName.readable($0.source))</code>: \($0.reason)</li>" }
            let rate = run.pagesPerMinute.map { String(format: "%.1f", $0) } ?? "—"
            let left = run.secondsRemaining.map { "\(Int($0 / 60)) phút" } ?? "—"
            return """
            <tr data-run="\(run.run.rawValue)"><td>\(run.run.rawValue)</td><td><code>\(run.batchRoot)</code></td>
            <td data-key="state">\(Labels.batchStates[run.state.rawValue] ?? run.state.rawValue)</td>
            <td data-key="done">\(run.counts.stored + run.counts.duplicates + run.counts.unchanged + run.counts.failed) / \(run.inputsFound)</td>
            <td data-key="stored">\(run.counts.stored)</td><td data-key="duplicates">\(run.counts.duplicates)</td>
            <td data-key="failed">\(run.counts.failed)</td><td data-key="rate">\(rate)</td><td data-key="left">\(left)</td></tr>
            \(failures.isEmpty ? .empty : "<tr class=\"failures\"><td></td><td colspan=\"8\"><details><summary>\(run.failures.count) tệp lỗi</summary><ul>\(failures)</ul></details></td></tr>" as HTML)
            """
        }
        let start: HTML = roots.isEmpty
            ? "<p class=\"hint\">Chưa cấu hình thư mục được phép nhập từ web (<code>server.ingest_roots</code> trong pipeline.yaml).</p>"
            : """
            <form class="start" method="post" action="/batches">
              <input type="hidden" name="csrf" value="\(viewer.csrf)">
              <label>Thư mục cần nhập <input name="folder" required placeholder="\(roots.first ?? "")/Hop_01"></label>
              <button type="submit">Bắt đầu lô</button>
              <p class="hint">Chỉ thư mục nằm trong: \(roots.joined(separator: ", "))</p>
            </form>
            """
        return """
        <h1>Lô nhập</h1>
        \(message.map { "<p class=\"notice ok\">\($0)</p>" as HTML } ?? .empty)
        \(start)
        \(runs.isEmpty ? "<section class=\"empty\"><p>Chưa có lô nào.</p></section>" as HTML : """
        <table class="batches" id="batches"><thead><tr><th>#</th><th>Thư mục</th><th>Trạng thái</th><th>Đã xử lý</th><th>Lưu</th><th>Trùng</th><th>Lỗi</th><th>Trang/phút</th><th>Còn lại</th></tr></thead>
        <tbody>\(rows)</tbody></table>
        """ as HTML)
        """
    }
}
