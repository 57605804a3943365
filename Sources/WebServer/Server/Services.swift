import ArchiveStore
import DocumentModel
import Foundation
import Hummingbird
import Pipeline
import SohoaKit

/// How `sohoa serve` was started.
public struct ServerOptions: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// Behind a TLS reverse proxy: cookies are marked Secure, and the client's address is
    /// the last one in X-Forwarded-For (the one the proxy saw).
    public var behindProxy = false

    public init() {}
}

/// What every route needs: the archive's connections, the configuration, how the server
/// was started. One value, made at start-up and shared by all requests.
struct Services: Sendable {
    static let sessionCookie = "sohoa_session"
    static let loginCookie = "sohoa_login"

    let pool: ArchivePool
    let configuration: PipelineConfiguration
    let configurationFile: String?
    let options: ServerOptions
    /// The `sohoa` binary, to start batches with.
    let executable: URL

    /// Runs `body` with the signed-in user's reading room, off the event loop; nobody
    /// signed in is 401.
    func room<T: Sendable>(_ context: WebContext, _ body: @escaping @Sendable (ReadingRoom) throws -> T) async throws -> T {
        guard let user = context.user else { throw WebFailure.unauthenticated }
        let configuration = configuration, client = context.client
        return try await pool.run { archive in
            try body(ReadingRoom(archive: archive, user: user, configuration: configuration, client: client))
        }
    }

    /// A page form's fields, once its CSRF token is checked against the session's: the one
    /// way a page handler reads a form.
    func form(_ request: Request, context: WebContext) async throws -> FormValues {
        let body = try await request.body.collect(upTo: 1 << 20)
        let form = FormValues(String(buffer: body))
        guard case .session(_, let csrf) = context.credential, let shown = form["csrf"],
              Secret(presented: csrf)?.matches(shown) == true else { throw WebFailure.csrf }
        return form
    }

    func cookie(_ name: String, _ value: String, maxAge: Int?) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: options.behindProxy, httpOnly: true, sameSite: .strict)
    }
}

/// A document id from a URL: 16 lower-case hex digits or nothing, so no path, `..`, encoded
/// slash or NUL ever reaches the archive.
func documentID(_ context: WebContext) throws -> DocumentID {
    guard let text = context.parameters.get("id"), text.utf8.count == 16,
          text.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else { throw WebFailure.notFound }
    return DocumentID(text)
}

func pageNumber(_ context: WebContext) throws -> Int {
    guard let text = context.parameters.get("n"), let number = Int(text), (1...100_000).contains(number) else { throw WebFailure.notFound }
    return number
}
