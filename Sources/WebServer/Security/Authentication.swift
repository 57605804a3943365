import ArchiveStore
import Foundation
import Hummingbird
import SohoaKit

/// Who is asking, decided once for every request before any route runs: an API token
/// (`Authorization: Bearer`) or a browser session (the `sohoa_session` cookie). A bad token
/// is 401 at once; a stale cookie is simply nobody. Requests that change something with a
/// session's cookie must show the session's CSRF token: in the `X-CSRF-Token` header on
/// the API (checked here), in the form's `csrf` field on pages (checked by
/// ``Services/form(_:context:)``, the one way a page handler reads a form).
struct Authentication: RouterMiddleware {
    typealias Context = WebContext
    let services: Services
    /// The API paths anyone may read.
    static let open: Set<String> = ["/api/v1/health", "/api/v1/openapi.json"]

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        if services.options.behindProxy, let forwarded = request.headers[.xForwardedFor] {
            // The proxy appends the address it saw last; earlier entries are the client's claims.
            context.client = forwarded.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? context.client
        }
        if let authorization = request.headers[.authorization] {
            guard authorization.hasPrefix("Bearer ") else { throw WebFailure.unauthenticated }
            let token = String(authorization.dropFirst("Bearer ".count))
            guard let user = try await services.pool.run({ try Authenticator(directory: $0).user(bearing: token) }) else {
                throw WebFailure.unauthenticated
            }
            context.user = user
            context.credential = .token
        } else if let cookie = request.cookies[Services.sessionCookie]?.value {
            if let session = try await services.pool.run({ try Authenticator(directory: $0).session(cookie) }) {
                context.user = session.user
                context.credential = .session(id: cookie, csrfToken: session.csrfToken)
            }
        }
        if context.user == nil, request.uri.path.hasPrefix("/api/"), !Authentication.open.contains(request.uri.path) {
            throw WebFailure.unauthenticated
        }
        if request.method != .get, request.method != .head, case .session(_, let csrf) = context.credential,
           request.uri.path.hasPrefix("/api/") {
            guard let shown = request.headers[.xCSRFToken], Secret(presented: csrf)?.matches(shown) == true else {
                throw WebFailure.csrf
            }
        }
        return try await next(request, context)
    }
}
