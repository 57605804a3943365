import ArchiveStore
import Foundation
import SohoaTesting
import XCTest
@testable import SohoaKit

final class AccountTests: XCTestCase {
    private var folder: TemporaryFolder!
    private var archive: Archive!
    private var desk: AccountDesk!

    override func setUpWithError() throws {
        folder = try TemporaryFolder()
        archive = try Archive(directory: folder.url)
        desk = AccountDesk(directory: archive, actor: "cli:test", passwordCost: 4)
        try desk.addUser(try AccountDesk.userName("lan"), role: .archivist, clearance: .mat, password: "mật khẩu đủ dài")
    }

    override func tearDownWithError() throws {
        archive = nil
        folder = nil
    }

    private func failure(_ body: () throws -> Void) -> CommandFailure? {
        do {
            try body()
            return nil
        } catch {
            return error as? CommandFailure
        }
    }

    func testPasswordsAreHashedAndCheckedForLength() throws {
        let hash = try XCTUnwrap(archive.passwordHash(of: try AccountDesk.userName("lan")))
        XCTAssertTrue(hash.hasPrefix("$2b$04$"), hash)
        XCTAssertFalse(hash.contains("mật khẩu"))
        XCTAssertEqual(failure { try desk.addUser(try AccountDesk.userName("minh"), role: .reader, clearance: .none, password: "ngan") }?.kind,
                       .invalidValue)
        XCTAssertEqual(failure { _ = try AccountDesk.role("superuser") }?.kind, .invalidValue)
        XCTAssertEqual(failure { _ = try AccountDesk.clearance("secret") }?.kind, .invalidValue)
        XCTAssertEqual(failure { try desk.addUser(try AccountDesk.userName("lan"), role: .reader, clearance: .none, password: "mật khẩu đủ dài") }?.kind,
                       .badUsage)
        XCTAssertEqual(failure { try desk.removeUser(try AccountDesk.userName("khong.co")) }?.kind, .notFound)
        XCTAssertEqual(try archive.auditLog(limit: 10).map(\.kind), [.userAdded])
    }

    func testALoginOpensASessionWhoseCookieAndCSRFTokenAreChecked() throws {
        let authenticator = Authenticator(directory: archive)
        let signedIn = try authenticator.signIn(name: "lan", password: "mật khẩu đủ dài", client: "10.0.0.1")
        XCTAssertEqual(signedIn.user.role, .archivist)
        let session = try XCTUnwrap(authenticator.session(signedIn.sessionID.text))
        XCTAssertEqual(session.user.name.rawValue, "lan")
        XCTAssertTrue(signedIn.csrfToken.matches(session.csrfToken))
        XCTAssertFalse(signedIn.csrfToken.matches(String(session.csrfToken.reversed())))
        XCTAssertNil(try authenticator.session(signedIn.sessionID.text, now: Date().addingTimeInterval(9 * 3600)), "sessions expire")
        XCTAssertNil(try authenticator.session("../../etc/passwd"), "a malformed cookie is nobody")
        XCTAssertNil(try authenticator.session(Secret().text), "an unknown session is nobody")

        let second = try authenticator.signIn(name: "lan", password: "mật khẩu đủ dài", client: "10.0.0.1")
        try authenticator.signOut(second.sessionID.text, client: "10.0.0.1")
        XCTAssertNil(try authenticator.session(second.sessionID.text))
        XCTAssertEqual(try archive.auditLog(limit: 10).prefix(3).map(\.kind), [.logout, .login, .login])
    }

    func testWrongNamesAndPasswordsFailAlikeAndAreThrottled() throws {
        let authenticator = Authenticator(directory: archive)
        let wrongPassword = failure { _ = try authenticator.signIn(name: "lan", password: "sai mật khẩu", client: "10.0.0.2") }
        let unknownName = failure { _ = try authenticator.signIn(name: "khong.co", password: "sai mật khẩu", client: "10.0.0.2") }
        XCTAssertEqual(wrongPassword?.kind, .unauthenticated)
        XCTAssertEqual(wrongPassword?.message, unknownName?.message, "a login tells nobody which names exist")
        for _ in 0..<4 {
            XCTAssertEqual(failure { _ = try authenticator.signIn(name: "lan", password: "sai", client: "10.0.0.3") }?.kind, .unauthenticated)
        }
        XCTAssertEqual(failure { _ = try authenticator.signIn(name: "lan", password: "mật khẩu đủ dài", client: "10.0.0.4") }?.kind,
                       .throttled, "five failures for a name stop even the right password, from anywhere")
        XCTAssertNoThrow(try authenticator.signIn(name: "lan", password: "mật khẩu đủ dài", client: "10.0.0.4",
                                                  now: Date().addingTimeInterval(16 * 60)), "until the window has passed")
        let failed = try archive.auditLog(limit: 20).filter { $0.kind == .loginFailed }
        XCTAssertEqual(failed.count, 7)
        XCTAssertEqual(failed.first?.detail, "throttled")
    }

    func testThrottlingPerClientStopsOneMachineTryingManyNames() throws {
        var policy = Authenticator.Policy()
        policy.failuresPerClient = 3
        let authenticator = Authenticator(directory: archive, policy: policy)
        for name in ["a", "b", "c"] {
            XCTAssertEqual(failure { _ = try authenticator.signIn(name: name, password: "x", client: "10.0.0.9") }?.kind, .unauthenticated)
        }
        XCTAssertEqual(failure { _ = try authenticator.signIn(name: "lan", password: "mật khẩu đủ dài", client: "10.0.0.9") }?.kind, .throttled)
        XCTAssertNoThrow(try authenticator.signIn(name: "lan", password: "mật khẩu đủ dài", client: "10.0.0.10"))
    }

    func testTokensNameTheirUserUntilRevoked() throws {
        let authenticator = Authenticator(directory: archive)
        let name = try AccountDesk.userName("lan")
        let token = try desk.issueToken(for: name)
        XCTAssertEqual(try authenticator.user(bearing: token.text)?.name, name)
        XCTAssertNil(try authenticator.user(bearing: token.text.uppercased()))
        XCTAssertEqual(try desk.revokeTokens(of: name), 1)
        XCTAssertNil(try authenticator.user(bearing: token.text))
    }
}
