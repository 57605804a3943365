import ArchiveStore
import Foundation
import HummingbirdBcrypt

/// Managing users: `sohoa user …` on the command line and the admin pages of the web app.
///
/// Values arrive as typed (a name, a role code, a password) and are checked here, once, for
/// both. Passwords are hashed with bcrypt and never kept, logged or echoed; every change is
/// written to the audit log under `actor`.
public struct AccountDesk {
    let directory: any UserDirectory
    /// bcrypt's cost: 12 (about 0.25 s a hash on one core) makes a stolen hash costly to
    /// attack; tests pass the minimum, 4.
    let passwordCost: UInt8
    /// Who is acting: an admin's name, or `cli:<login>` at the archive's own machine.
    let actor: String

    /// Shorter passwords are refused.
    public static let minimumPasswordLength = 10

    public init(directory: any UserDirectory, actor: String, passwordCost: UInt8 = 12) {
        self.directory = directory
        self.actor = actor
        self.passwordCost = passwordCost
    }

    /// A name as typed, checked.
    public static func userName(_ text: String) throws -> UserName {
        guard let name = UserName(rawValue: text) else {
            throw CommandFailure(.invalidValue, "'\(text.printable)' is not a user name: use 1 to 64 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit")
        }
        return name
    }

    public static func role(_ text: String) throws -> Role {
        guard let role = Role(rawValue: text) else {
            throw CommandFailure(.invalidValue, "'\(text.printable)' is not a role: use reader, archivist or admin")
        }
        return role
    }

    public static func clearance(_ text: String) throws -> Clearance {
        guard let clearance = Clearance(rawValue: text) else {
            throw CommandFailure(.invalidValue, "'\(text.printable)' is not a clearance: use none, mat, toi_mat or tuyet_mat")
        }
        return clearance
    }

    @discardableResult
    public func addUser(_ name: UserName, role: Role, clearance: Clearance, password: String) throws -> UserAccount {
        let hash = try hashed(password)
        let account = try accounts { try directory.addUser(name, role: role, clearance: clearance, passwordHash: hash) }
        try directory.record(AuditEvent(kind: .userAdded, actor: actor, subject: name.rawValue,
                                        detail: "\(role.rawValue), clearance \(clearance.rawValue)"))
        return account
    }

    public func setPassword(_ password: String, of name: UserName) throws {
        let hash = try hashed(password)
        try accounts { try directory.setPasswordHash(hash, of: name) }
        try directory.record(AuditEvent(kind: .userChanged, actor: actor, subject: name.rawValue, detail: "password"))
    }

    public func setRole(_ role: Role, clearance: Clearance, of name: UserName) throws {
        try accounts { try directory.setRole(role, clearance: clearance, of: name) }
        try directory.record(AuditEvent(kind: .userChanged, actor: actor, subject: name.rawValue,
                                        detail: "\(role.rawValue), clearance \(clearance.rawValue)"))
    }

    public func removeUser(_ name: UserName) throws {
        try accounts { try directory.removeUser(name) }
        try directory.record(AuditEvent(kind: .userRemoved, actor: actor, subject: name.rawValue))
    }

    /// A new API token for the user, shown once: only its digest is kept.
    public func issueToken(for name: UserName) throws -> Secret {
        let token = Secret()
        try accounts { try directory.addToken(digest: token.digest, for: name) }
        try directory.record(AuditEvent(kind: .tokenIssued, actor: actor, subject: name.rawValue))
        return token
    }

    /// Revokes all the user's tokens; returns how many there were.
    @discardableResult
    public func revokeTokens(of name: UserName) throws -> Int {
        let count = try accounts { try directory.revokeTokens(of: name) }
        try directory.record(AuditEvent(kind: .tokensRevoked, actor: actor, subject: name.rawValue, detail: "\(count)"))
        return count
    }

    public func users() throws -> [UserAccount] {
        try directory.users()
    }

    private func hashed(_ password: String) throws -> String {
        guard password.count >= AccountDesk.minimumPasswordLength else {
            throw CommandFailure(.invalidValue, "a password needs at least \(AccountDesk.minimumPasswordLength) characters")
        }
        guard password.utf8.count <= 72 else {
            // bcrypt reads 72 bytes; a longer password would be silently cut.
            throw CommandFailure(.invalidValue, "a password may have at most 72 bytes")
        }
        return Bcrypt.hash(password, cost: passwordCost)
    }

    /// The directory's refusals as failures a person reads.
    private func accounts<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as AccountError {
            switch error {
            case .userExists: throw CommandFailure(.badUsage, error.description)
            case .noSuchUser: throw CommandFailure(.notFound, error.description)
            }
        }
    }
}
