import DocumentModel
import Foundation
import XCTest
@testable import ArchiveStore

class UserDirectoryTests: ArchiveBackendTestCase {
    private var archive: Archive!

    override func tearDownWithError() throws {
        archive = nil
        try super.tearDownWithError()
    }

    private func name(_ text: String) throws -> UserName { try XCTUnwrap(UserName(rawValue: text)) }
    private func digest(_ byte: String) -> SHA256 { SHA256(rawValue: String(repeating: byte, count: 64))! }

    func testNamesAreShortLowerCaseAndSafeAnywhere() {
        for good in ["lan", "nguyen.van.a", "archivist_2", "a"] { XCTAssertNotNil(UserName(rawValue: good), good) }
        for bad in ["", "Lan", "lan nguyen", "../admin", ".hidden", "-x", "lân", "a/b", "a\u{0}", String(repeating: "a", count: 65)] {
            XCTAssertNil(UserName(rawValue: bad), bad)
        }
    }

    func testUsersAreAddedChangedAndRemovedWithTheirSecrets() throws {
        try onEveryBackend {
            archive = try openArchive(in: folder)
            let lan = try name("lan")
            let account = try archive.addUser(lan, role: .archivist, clearance: .mat, passwordHash: "$2b$04$hash")
            XCTAssertEqual(try archive.user(named: lan), account)
            XCTAssertThrowsError(try archive.addUser(lan, role: .reader, clearance: .none, passwordHash: "x")) {
                XCTAssertEqual($0 as? AccountError, .userExists(lan))
            }
            try archive.setRole(.admin, clearance: .tuyetMat, of: lan)
            XCTAssertEqual(try archive.user(named: lan)?.role, .admin)
            XCTAssertEqual(try archive.user(named: lan)?.clearance, .tuyetMat)

            try archive.addToken(digest: digest("1"), for: lan)
            try archive.addToken(digest: digest("2"), for: lan)
            XCTAssertEqual(try archive.user(forTokenDigest: digest("1"))?.name, lan)
            XCTAssertNil(try archive.user(forTokenDigest: digest("3")))
            XCTAssertEqual(try archive.revokeTokens(of: lan), 2)
            XCTAssertNil(try archive.user(forTokenDigest: digest("1")))

            try archive.addSession(digest: digest("4"), for: lan, csrfToken: "csrf", expiresAt: "2999-01-01T00:00:00Z")
            XCTAssertEqual(try archive.session(digest: digest("4"), now: "2026-12-06T00:00:00Z")?.csrfToken, "csrf")
            XCTAssertNil(try archive.session(digest: digest("4"), now: "3000-01-01T00:00:00Z"), "expired")
            XCTAssertNil(try archive.session(digest: digest("4"), now: "2026-12-06T00:00:00Z"), "an expired session is gone")

            try archive.addSession(digest: digest("5"), for: lan, csrfToken: "csrf", expiresAt: "2999-01-01T00:00:00Z")
            try archive.setPasswordHash("$2b$04$other", of: lan)
            XCTAssertEqual(try archive.passwordHash(of: lan), "$2b$04$other")
            XCTAssertNil(try archive.session(digest: digest("5"), now: "2026-12-06T00:00:00Z"), "a new password ends sessions")

            try archive.addToken(digest: digest("6"), for: lan)
            try archive.removeUser(lan)
            XCTAssertNil(try archive.user(named: lan))
            XCTAssertNil(try archive.user(forTokenDigest: digest("6")))
            XCTAssertThrowsError(try archive.removeUser(lan)) { XCTAssertEqual($0 as? AccountError, .noSuchUser(lan)) }
        }
    }

    func testTheAuditLogKeepsEventsNewestFirstAndCountsFailedLogins() throws {
        try onEveryBackend {
            archive = try openArchive(in: folder)
            try archive.record(AuditEvent(at: "2026-12-06T10:00:00Z", kind: .loginFailed, actor: "lan", client: "10.0.0.1"))
            try archive.record(AuditEvent(at: "2026-12-06T10:01:00Z", kind: .loginFailed, actor: "minh", client: "10.0.0.1"))
            try archive.record(AuditEvent(at: "2026-12-06T10:02:00Z", kind: .loginFailed, actor: "lan", client: "10.0.0.2"))
            try archive.record(AuditEvent(at: "2026-12-06T10:03:00Z", kind: .login, actor: "lan", client: "10.0.0.2"))
            let counts = try archive.failedLogins(name: "lan", client: "10.0.0.1", since: "2026-12-06T10:00:30Z")
            XCTAssertEqual(counts.forName, 1)
            XCTAssertEqual(counts.fromClient, 1)
            let log = try archive.auditLog(limit: 10)
            XCTAssertEqual(log.map(\.kind), [.login, .loginFailed, .loginFailed, .loginFailed])
            XCTAssertEqual(log.first?.client, "10.0.0.2")
            XCTAssertEqual(try archive.auditLog(limit: 2).count, 2)
        }
    }
}
