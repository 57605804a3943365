import DocumentModel
import Foundation

/// What a user may do: `reader` searches, reads and downloads; `archivist` also works the
/// review queue, corrects and runs batches; `admin` also manages users and reads the audit log.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case reader, archivist, admin

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int { Role.allCases.firstIndex(of: self)! }
}

/// How far a user is cleared to read classified documents (`none < mat < toi_mat <
/// tuyet_mat`, the export contract's `secrecy` codes).
///
/// A document whose secrecy — the value a person corrected it to, when there is one — is
/// above a user's clearance does not exist for that user: the archive's queries leave it out
/// of every answer (``ArchiveAccess``), so no page or endpoint has to remember to.
public enum Clearance: String, Sendable, Codable, CaseIterable, Comparable {
    case none
    case mat
    case toiMat = "toi_mat"
    case tuyetMat = "tuyet_mat"

    /// What a person at the archive's own machine sees: the command line reads the archive
    /// folder itself, so nothing in it can be withheld from them.
    public static let unrestricted = Clearance.tuyetMat

    public static func < (lhs: Clearance, rhs: Clearance) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int { Clearance.allCases.firstIndex(of: self)! }

    /// Whether a document of `secrecy` is open at this clearance (an unmarked one always is).
    public func permits(_ secrecy: Secrecy?) -> Bool {
        guard let secrecy else { return true }
        return self >= Clearance(rawValue: secrecy.rawValue)!
    }

    /// The condition under which a row of `documents` (named `alias` in the query) is open at
    /// this clearance, or nil when every document is. Every query that reads documents for
    /// someone adds it: this is the one place the rule becomes SQL. The codes spliced in are
    /// this enumeration's own, never a user's text.
    func visibilitySQL(_ alias: String) -> String? {
        guard let permitted = permittedSecrecyCodes else { return nil }
        guard !permitted.isEmpty else { return "\(alias).secrecy IS NULL" }
        return "(\(alias).secrecy IS NULL OR \(alias).secrecy IN (\(permitted.map { "'\($0)'" }.joined(separator: ", "))))"
    }

    /// The `secrecy` codes open at this clearance besides unmarked documents, or nil when
    /// every document is: what ``visibilitySQL(_:)`` writes as SQL and ``FactFilter`` tests
    /// in memory, so both read the rule from here.
    var permittedSecrecyCodes: [String]? {
        let permitted = Secrecy.allCases.filter(permits)
        return permitted.count < Secrecy.allCases.count ? permitted.map(\.rawValue) : nil
    }
}

/// A user's login name: 1 to 64 of `a-z 0-9 . _ -`, starting with a letter or digit, so it
/// is safe in a log line, a URL and a file name, and two people cannot differ by case alone.
public struct UserName: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Nil unless `rawValue` has the form above.
    public init?(rawValue: String) {
        let bytes = Array(rawValue.utf8)
        func allowed(_ byte: UInt8) -> Bool {
            (97...122).contains(byte) || (48...57).contains(byte) || byte == 46 || byte == 95 || byte == 45
        }
        guard (1...64).contains(bytes.count), bytes.allSatisfy(allowed), bytes[0] != 46, bytes[0] != 95, bytes[0] != 45 else { return nil }
        self.rawValue = rawValue
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let name = UserName(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a user name"))
        }
        self = name
    }

    public var description: String { rawValue }

    public static func < (lhs: UserName, rhs: UserName) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A user as the archive knows them (never their password).
public struct UserAccount: Sendable, Codable, Equatable {
    public var name: UserName
    public var role: Role
    public var clearance: Clearance
    public var createdAt: String

    public init(name: UserName, role: Role, clearance: Clearance, createdAt: String) {
        self.name = name
        self.role = role
        self.clearance = clearance
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case name, role, clearance
        case createdAt = "created_at"
    }
}

/// A signed-in browser session: who, until when, and the token its forms must carry.
public struct StoredSession: Sendable, Equatable {
    public var user: UserAccount
    public var csrfToken: String
    public var expiresAt: String
}

/// One line of the audit log: who did what to what, from where, when.
public struct AuditEvent: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case login
        case loginFailed = "login_failed"
        case logout
        case correction
        case classifiedDownload = "classified_download"
        case userAdded = "user_added"
        case userChanged = "user_changed"
        case userRemoved = "user_removed"
        case tokenIssued = "token_issued"
        case tokensRevoked = "tokens_revoked"
        case batchStarted = "batch_started"
    }

    public var at: String
    public var kind: Kind
    /// The user acting, or the name tried at a failed login (which may be no user at all).
    public var actor: String
    /// What was acted on: a document id, a user name, a batch folder.
    @ExplicitNull public var subject: String?
    /// The client's address, when the event came over HTTP.
    @ExplicitNull public var client: String?
    @ExplicitNull public var detail: String?

    public init(at: String = "", kind: Kind, actor: String, subject: String? = nil, client: String? = nil, detail: String? = nil) {
        self.at = at
        self.kind = kind
        self.actor = actor
        self.subject = subject
        self.client = client
        self.detail = detail
    }

    enum CodingKeys: String, CodingKey {
        case at, kind = "event", actor, subject, client, detail
    }
}

/// A user account refused: the name is taken or unknown.
public enum AccountError: Error, Equatable, CustomStringConvertible {
    case userExists(UserName)
    case noSuchUser(UserName)

    public var description: String {
        switch self {
        case .userExists(let name): "a user named \(name) already exists"
        case .noSuchUser(let name): "there is no user named \(name)"
        }
    }
}

/// Users, their secrets and what they did: the accounts part of an archive.
///
/// Secrets are never stored as given: passwords arrive already hashed (bcrypt, in
/// SohoaKit), and API tokens and session ids are stored as their SHA-256, so a copy of the
/// database lets nobody sign in.
public protocol UserDirectory: AnyObject {
    func addUser(_ name: UserName, role: Role, clearance: Clearance, passwordHash: String) throws -> UserAccount
    func user(named name: UserName) throws -> UserAccount?
    func users() throws -> [UserAccount]
    func passwordHash(of name: UserName) throws -> String?
    func setPasswordHash(_ hash: String, of name: UserName) throws
    func setRole(_ role: Role, clearance: Clearance, of name: UserName) throws
    /// Removes the user, their tokens and sessions; their audit lines stay.
    func removeUser(_ name: UserName) throws

    func addToken(digest: SHA256, for name: UserName) throws
    func user(forTokenDigest digest: SHA256) throws -> UserAccount?
    /// Revokes every token of the user; returns how many there were.
    func revokeTokens(of name: UserName) throws -> Int

    func addSession(digest: SHA256, for name: UserName, csrfToken: String, expiresAt: String) throws
    /// The session, unless it has expired (an expired one is removed).
    func session(digest: SHA256, now: String) throws -> StoredSession?
    func removeSession(digest: SHA256) throws

    /// Failed logins since `since`, for this name and from this client.
    func failedLogins(name: String, client: String, since: String) throws -> (forName: Int, fromClient: Int)
    func record(_ event: AuditEvent) throws
    /// The newest events first.
    func auditLog(limit: Int) throws -> [AuditEvent]
}

extension Archive {
    /// Whether the document exists and is open at `clearance`: what every read keyed by a
    /// document id asks before it reads anything else of it.
    func isVisible(_ id: DocumentID, to clearance: Clearance) throws -> Bool {
        try !database.prepare("SELECT 1 AS found FROM documents d WHERE d.id = ? \(clearance.visibilitySQL("d").map { "AND \($0)" } ?? "")")
            .bind([.text(id.rawValue)]).rows { $0.int("found") }.isEmpty
    }
}

extension Archive: UserDirectory {
    public func addUser(_ name: UserName, role: Role, clearance: Clearance, passwordHash: String) throws -> UserAccount {
        try database.transaction {
            guard try user(named: name) == nil else { throw AccountError.userExists(name) }
            let account = UserAccount(name: name, role: role, clearance: clearance, createdAt: Archive.now())
            try database.prepare("INSERT INTO users (name, role, clearance, password_hash, created_at) VALUES (?, ?, ?, ?, ?)")
                .bind([.text(name.rawValue), .text(role.rawValue), .text(clearance.rawValue), .text(passwordHash), .text(account.createdAt)])
                .run()
            return account
        }
    }

    public func user(named name: UserName) throws -> UserAccount? {
        try accounts(where: "name = ?", [.text(name.rawValue)]).first
    }

    public func users() throws -> [UserAccount] {
        try accounts(where: "TRUE", [])
    }

    public func passwordHash(of name: UserName) throws -> String? {
        try database.prepare("SELECT password_hash FROM users WHERE name = ?").bind([.text(name.rawValue)])
            .rows { $0.text("password_hash") }.first
    }

    public func setPasswordHash(_ hash: String, of name: UserName) throws {
        try database.transaction {
            try requireUser(name)
            try database.prepare("UPDATE users SET password_hash = ? WHERE name = ?").bind([.text(hash), .text(name.rawValue)]).run()
            // A new password ends every session opened with the old one.
            try database.prepare("DELETE FROM sessions WHERE user_name = ?").bind([.text(name.rawValue)]).run()
        }
    }

    public func setRole(_ role: Role, clearance: Clearance, of name: UserName) throws {
        try database.transaction {
            try requireUser(name)
            try database.prepare("UPDATE users SET role = ?, clearance = ? WHERE name = ?")
                .bind([.text(role.rawValue), .text(clearance.rawValue), .text(name.rawValue)]).run()
        }
    }

    public func removeUser(_ name: UserName) throws {
        try database.transaction {
            try requireUser(name)
            for table in ["api_tokens", "sessions"] {
                try database.prepare("DELETE FROM \(table) WHERE user_name = ?").bind([.text(name.rawValue)]).run()
            }
            try database.prepare("DELETE FROM users WHERE name = ?").bind([.text(name.rawValue)]).run()
        }
    }

    public func addToken(digest: SHA256, for name: UserName) throws {
        try database.transaction {
            try requireUser(name)
            try database.prepare("INSERT INTO api_tokens (digest, user_name, created_at) VALUES (?, ?, ?)")
                .bind([.text(digest.rawValue), .text(name.rawValue), .text(Archive.now())]).run()
        }
    }

    public func user(forTokenDigest digest: SHA256) throws -> UserAccount? {
        try accounts(where: "name = (SELECT user_name FROM api_tokens WHERE digest = ?)", [.text(digest.rawValue)]).first
    }

    public func revokeTokens(of name: UserName) throws -> Int {
        try database.transaction {
            try requireUser(name)
            let count = try database.prepare("SELECT count(*) AS n FROM api_tokens WHERE user_name = ?")
                .bind([.text(name.rawValue)]).rows { $0.int("n") }.first ?? 0
            try database.prepare("DELETE FROM api_tokens WHERE user_name = ?").bind([.text(name.rawValue)]).run()
            return count
        }
    }

    public func addSession(digest: SHA256, for name: UserName, csrfToken: String, expiresAt: String) throws {
        try database.transaction {
            try requireUser(name)
            try database.prepare("INSERT INTO sessions (digest, user_name, csrf_token, expires_at) VALUES (?, ?, ?, ?)")
                .bind([.text(digest.rawValue), .text(name.rawValue), .text(csrfToken), .text(expiresAt)]).run()
        }
    }

    public func session(digest: SHA256, now: String) throws -> StoredSession? {
        guard let row = try database.prepare("SELECT user_name, csrf_token, expires_at FROM sessions WHERE digest = ?")
            .bind([.text(digest.rawValue)])
            .rows({ (name: $0.text("user_name"), csrf: $0.text("csrf_token"), expires: $0.text("expires_at")) }).first
        else { return nil }
        guard row.expires > now, let name = UserName(rawValue: row.name), let user = try user(named: name) else {
            try removeSession(digest: digest)
            return nil
        }
        return StoredSession(user: user, csrfToken: row.csrf, expiresAt: row.expires)
    }

    public func removeSession(digest: SHA256) throws {
        try database.prepare("DELETE FROM sessions WHERE digest = ?").bind([.text(digest.rawValue)]).run()
    }

    public func failedLogins(name: String, client: String, since: String) throws -> (forName: Int, fromClient: Int) {
        try database.prepare("""
            SELECT coalesce(sum(CASE WHEN actor = ? THEN 1 ELSE 0 END), 0) AS for_name, coalesce(sum(CASE WHEN client = ? THEN 1 ELSE 0 END), 0) AS from_client
            FROM audit_log WHERE event = ? AND at >= ?
            """).bind([.text(name), .text(client), .text(AuditEvent.Kind.loginFailed.rawValue), .text(since)])
            .rows { (forName: $0.int("for_name"), fromClient: $0.int("from_client")) }.first ?? (0, 0)
    }

    public func record(_ event: AuditEvent) throws {
        try database.prepare("INSERT INTO audit_log (at, event, actor, subject, client, detail) VALUES (?, ?, ?, ?, ?, ?)")
            .bind([.text(event.at.isEmpty ? Archive.now() : event.at), .text(event.kind.rawValue), .text(event.actor),
                   .optional(event.subject), .optional(event.client), .optional(event.detail)]).run()
    }

    public func auditLog(limit: Int) throws -> [AuditEvent] {
        try database.prepare("SELECT id, at, event, actor, subject, client, detail FROM audit_log ORDER BY id DESC LIMIT ?")
            .bind([.int(max(0, limit))]).rows { row in
                AuditEvent(at: row.text("at"),
                           kind: try row.code(AuditEvent.Kind.self, "event", of: StoredRow(table: "audit_log", key: String(row.int("id")))),
                           actor: row.text("actor"), subject: row.optionalText("subject"), client: row.optionalText("client"),
                           detail: row.optionalText("detail"))
            }
    }

    private func requireUser(_ name: UserName) throws {
        guard try user(named: name) != nil else { throw AccountError.noSuchUser(name) }
    }

    private func accounts(where condition: String, _ values: [Statement.Value]) throws -> [UserAccount] {
        try database.prepare("SELECT name, role, clearance, created_at FROM users WHERE \(condition) ORDER BY name").bind(values).rows { row in
            let key = StoredRow(table: "users", key: row.text("name"))
            guard let name = UserName(rawValue: row.text("name")) else {
                throw DamagedRow(key, column: "name", problem: "'\(row.text("name"))' is not a user name")
            }
            return UserAccount(name: name, role: try row.code(Role.self, "role", of: key),
                               clearance: try row.code(Clearance.self, "clearance", of: key), createdAt: row.text("created_at"))
        }
    }
}
