import ArchiveStore
import Hummingbird
import NIOCore

/// What the server knows of a request beyond its bytes: the client's address, and who is
/// signed in, set by ``Authentication`` before any route runs.
public struct WebContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The client's address, for throttling and the audit log ("local" in process tests).
    public var client: String
    public var user: UserAccount?
    /// How the user was recognised: a browser session must show its CSRF token on every
    /// state-changing request; an API token is not sent by browsers on their own.
    public var credential: Credential?

    public enum Credential: Sendable {
        case session(id: String, csrfToken: String)
        case token
    }

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        client = source.channel.remoteAddress?.ipAddress ?? "local"
    }
}
