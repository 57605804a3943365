import ArchiveStore
import Foundation
import HummingbirdBcrypt

/// Who is asking: a password login that opens a session, a session presented by a
/// browser, or an API token presented by a script.
///
/// Failed logins are throttled per name and per client from the audit log itself, so the
/// count survives a restart and holds across every server process on the archive.
public struct Authenticator {
    /// Limits on failed logins within ``window``; past either, logins are refused with
    /// ``CommandFailure/Kind/throttled`` until the window has moved on.
    public struct Policy: Sendable {
        public var failuresPerName = 5
        public var failuresPerClient = 20
        public var window: TimeInterval = 15 * 60
        public var sessionLifetime: TimeInterval = 8 * 60 * 60

        public init() {}
    }

    /// A session opened by a login: the id goes into an HttpOnly cookie, the CSRF token into
    /// every form the session's pages render.
    public struct SignedIn: Sendable {
        public var user: UserAccount
        public var sessionID: Secret
        public var csrfToken: Secret
        public var expiresAt: String
    }

    let directory: any UserDirectory
    let policy: Policy

    public init(directory: any UserDirectory, policy: Policy = Policy()) {
        self.directory = directory
        self.policy = policy
    }

    /// Checks the password and opens a session. A wrong name and a wrong password fail
    /// alike, in about the same time, so a login tells nobody which names exist.
    public func signIn(name typed: String, password: String, client: String, now: Date = Date()) throws -> SignedIn {
        let actor = String(typed.prefix(64))
        let since = Archive.timestamp(now.addingTimeInterval(-policy.window))
        let failures = try directory.failedLogins(name: actor, client: client, since: since)
        guard failures.forName < policy.failuresPerName, failures.fromClient < policy.failuresPerClient else {
            try directory.record(AuditEvent(kind: .loginFailed, actor: actor, client: client, detail: "throttled"))
            throw CommandFailure(.throttled, "too many failed logins: wait \(Int(policy.window / 60)) minutes, then try again")
        }
        let name = UserName(rawValue: typed)
        let hash = try name.flatMap { try directory.passwordHash(of: $0) }
        let passwordMatches = Bcrypt.verify(password, hash: hash ?? Authenticator.decoyHash)
        guard let name, hash != nil, passwordMatches, let user = try directory.user(named: name) else {
            try directory.record(AuditEvent(kind: .loginFailed, actor: actor, client: client))
            throw CommandFailure(.unauthenticated, "wrong user name or password")
        }
        let session = Secret(), csrf = Secret()
        let expiresAt = Archive.timestamp(now.addingTimeInterval(policy.sessionLifetime))
        try directory.addSession(digest: session.digest, for: name, csrfToken: csrf.text, expiresAt: expiresAt)
        try directory.record(AuditEvent(kind: .login, actor: name.rawValue, client: client))
        return SignedIn(user: user, sessionID: session, csrfToken: csrf, expiresAt: expiresAt)
    }

    /// The user and CSRF token of a live session; nil for an unknown or expired one.
    public func session(_ presented: String, now: Date = Date()) throws -> StoredSession? {
        guard let secret = Secret(presented: presented) else { return nil }
        return try directory.session(digest: secret.digest, now: Archive.timestamp(now))
    }

    /// The user an API token belongs to; nil for a malformed, unknown or revoked one.
    public func user(bearing presented: String) throws -> UserAccount? {
        guard let secret = Secret(presented: presented) else { return nil }
        return try directory.user(forTokenDigest: secret.digest)
    }

    public func signOut(_ presented: String, client: String) throws {
        guard let secret = Secret(presented: presented),
              let session = try directory.session(digest: secret.digest, now: Archive.timestamp(Date())) else { return }
        try directory.removeSession(digest: secret.digest)
        try directory.record(AuditEvent(kind: .logout, actor: session.user.name.rawValue, client: client))
    }

    /// A bcrypt hash no password was chosen for, checked when the name is unknown so that
    /// the answer takes as long as for a real user.
    private static let decoyHash = Bcrypt.hash(Secret().text, cost: 12)
}
