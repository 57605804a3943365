import ArchiveStore
import Hummingbird

/// The frame of every page: the bar with what the user's role may open, and the sign-out
/// form with its CSRF token. Scripts and styles come from `/assets/` only (the CSP allows
/// nothing inline).
enum Pages {
    struct Viewer {
        var user: UserAccount
        var csrf: String
    }

    static func page(_ title: String, viewer: Viewer?, current: String = "", status: HTTPResponse.Status = .ok, _ body: HTML) -> Response {
        var nav: [HTML] = []
        if let viewer {
            nav.append(link("/", "Tìm kiếm", current == "search"))
            if viewer.user.role >= .archivist {
                nav.append(link("/review", "Duyệt", current == "review"))
                nav.append(link("/batches", "Lô nhập", current == "batches"))
                nav.append(link("/boxes", "Hộp", current == "boxes"))
            }
            if viewer.user.role >= .admin { nav.append(link("/admin", "Quản trị", current == "admin")) }
        }
        let account: HTML = viewer.map { viewer in
            """
            <form class="signout" method="post" action="/logout">
              <span class="who">\(viewer.user.name.rawValue) · \(Labels.roles[viewer.user.role.rawValue] ?? "") · mật: \(Labels.clearance[viewer.user.clearance.rawValue] ?? "")</span>
              <input type="hidden" name="csrf" value="\(viewer.csrf)">
              <button type="submit">Đăng xuất</button>
            </form>
            """
        } ?? .empty
        let html: HTML = """
        <!doctype html>
        <html lang="vi">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) · sohoa</title>
        <link rel="stylesheet" href="/assets/app.css">
        <script src="/assets/app.js" defer></script>
        </head>
        <body>
        <header class="bar">
          <a class="brand" href="/">số hóa</a>
          <nav>\(nav)</nav>
          \(account)
        </header>
        <main>
        \(body)
        </main>
        </body>
        </html>
        """
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: html.rendered)))
    }

    private static func link(_ href: String, _ label: String, _ current: Bool) -> HTML {
        current ? "<a href=\"\(href)\" aria-current=\"page\">\(label)</a>" : "<a href=\"\(href)\">\(label)</a>"
    }

    static func error(status: HTTPResponse.Status, message: String, user: UserAccount?) -> Response {
        page("Lỗi", viewer: nil, status: status, """
        <section class="empty">
          <h1>\(String(status.code))</h1>
          <p>\(message)</p>
          <p><a href="/">Về trang tìm kiếm</a></p>
        </section>
        """)
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
