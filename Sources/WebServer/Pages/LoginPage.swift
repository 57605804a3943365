import ArchiveStore
import Hummingbird
import SohoaKit

/// Signing in and out. The login form has its own CSRF token, also set in a short-lived
/// cookie, because there is no session yet to hold one; a login answers 401 with the form
/// again on a wrong password, and 429 once the name or the client is throttled.
enum LoginPage {
    static func register(on router: Router<WebContext>, services: Services) {
        router.get("login") { request, context in
            if context.user != nil { return Pages.redirect(safeNext(FormValues(request.uri.query)["next"])) }
            return form(services: services, next: FormValues(request.uri.query)["next"], message: nil, status: .ok)
        }
        router.post("login") { request, context in
            let body = try await request.body.collect(upTo: 1 << 16)
            let values = FormValues(String(buffer: body))
            guard let expected = request.cookies[Services.loginCookie]?.value, let shown = values["csrf"],
                  Secret(presented: expected)?.matches(shown) == true else { throw WebFailure.csrf }
            let name = values["name"] ?? "", password = values["password"] ?? "", client = context.client
            do {
                let signedIn = try await services.pool.run {
                    var policy = Authenticator.Policy()
                    policy.sessionLifetime = Double(services.configuration.server.sessionHours) * 3_600
                    return try Authenticator(directory: $0, policy: policy).signIn(name: name, password: password, client: client)
                }
                var response = Pages.redirect(safeNext(values["next"]))
                response.setCookie(services.cookie(Services.sessionCookie, signedIn.sessionID.text,
                                                   maxAge: services.configuration.server.sessionHours * 3_600))
                response.setCookie(services.cookie(Services.loginCookie, "", maxAge: 0))
                return response
            } catch let failure as CommandFailure where failure.kind == .unauthenticated || failure.kind == .throttled {
                let throttled = failure.kind == .throttled
                return form(services: services, next: values["next"],
                            message: throttled ? "Đăng nhập sai quá nhiều lần. Xin đợi 15 phút rồi thử lại."
                                               : "Sai tên đăng nhập hoặc mật khẩu.",
                            status: throttled ? .tooManyRequests : .unauthorized)
            }
        }
        router.post("logout") { request, context in
            _ = try await services.form(request, context: context)
            if case .session(let id, _) = context.credential {
                let client = context.client
                try await services.pool.run { try Authenticator(directory: $0).signOut(id, client: client) }
            }
            var response = Pages.redirect("/login")
            response.setCookie(services.cookie(Services.sessionCookie, "", maxAge: 0))
            return response
        }
    }

    /// Only a path of this site: `//evil.example` or `https://…` goes to the search page.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/" }
        return next
    }

    static func form(services: Services, next: String?, message: String?, status: HTTPResponse.Status) -> Response {
        let token = Secret()
        let notice: HTML = message.map { "<p class=\"notice\" role=\"alert\">\($0)</p>" } ?? .empty
        var response = Pages.page("Đăng nhập", viewer: nil, status: status, """
        <section class="login">
          <h1>Kho lưu trữ số</h1>
          <p class="lead">Đăng nhập để tìm và đọc tài liệu đã số hóa.</p>
          \(notice)
          <form method="post" action="/login">
            <input type="hidden" name="csrf" value="\(token.text)">
            <input type="hidden" name="next" value="\(safeNext(next))">
            <label>Tên đăng nhập <input name="name" autocomplete="username" autofocus required></label>
            <label>Mật khẩu <input name="password" type="password" autocomplete="current-password" required></label>
            <button type="submit">Đăng nhập</button>
          </form>
        </section>
        """)
        response.setCookie(services.cookie(Services.loginCookie, token.text, maxAge: 3_600))
        return response
    }
}
