import ArchiveStore
import DocumentModel
import Foundation
import Hummingbird
import HummingbirdTesting
import SohoaKit
import XCTest
@testable import WebServer

/// The pages as a browser uses them, in process: sessions, CSRF, the CSP, escaping.
final class PageTests: WebServerTestCase {
    func testSigningInAndOutWithACSRFTokenOnEveryForm() async throws {
        let fixture = try XCTUnwrap(Self.fixture)
        try await fixture.test { client in
            let anonymous = try await client.execute(uri: "/", method: .get)
            XCTAssertEqual(anonymous.status, .found)
            XCTAssertEqual(anonymous.headers[.location]?.hasPrefix("/login"), true)
            let forged = try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                  body: ByteBuffer(string: "name=minh&password=x"))
            XCTAssertEqual(forged.status, .forbidden, "a login form without its token")
            let session = try await XCTUnwrapAsync(try await BrowserSession.signIn(client, name: "minh"))
            let page = try await client.execute(uri: "/", method: .get, headers: session.headers)
            XCTAssertEqual(page.status, .ok)
            XCTAssertEqual(page.headers[.contentSecurityPolicy], SecurityHeaders<WebContext>.contentSecurityPolicy)
            XCTAssertFalse(page.text.contains("<script>"), "no inline script")
            XCTAssertFalse(page.text.contains("style=\""), "no inline style")
            var headers = session.headers
            headers[.contentType] = "application/x-www-form-urlencoded"
            let noToken = try await client.execute(uri: "/logout", method: .post, headers: headers, body: ByteBuffer(string: ""))
            XCTAssertEqual(noToken.status, .forbidden, "a form posted without its CSRF token is refused")
            let apiWithoutHeader = try await client.execute(uri: "/api/v1/documents/\(fixture.open.rawValue)/corrections", method: .post,
                                                            headers: session.headers, body: ByteBuffer(string: #"{"fields":{"place":"Huế"}}"#))
            XCTAssertEqual(apiWithoutHeader.status, .forbidden, "the API with a session cookie wants X-CSRF-Token")
            let out = try await client.execute(uri: "/logout", method: .post, headers: headers, body: ByteBuffer(string: "csrf=\(session.csrf)"))
            XCTAssertEqual(out.status, .seeOther)
            let after = try await client.execute(uri: "/", method: .get, headers: session.headers)
            XCTAssertEqual(after.status, .found, "the session is gone")
        }
    }

    func testWrongPasswordsAre401ThenThrottled429() async throws {
        let fixture = try XCTUnwrap(Self.fixture)
        try await fixture.test { client in
            for attempt in 1...6 {
                let form = try await client.execute(uri: "/login", method: .get)
                let cookie = try XCTUnwrap(BrowserSession.cookie(named: "sohoa_login", in: form))
                let token = try XCTUnwrap(BrowserSession.field("csrf", in: form.text))
                let answer = try await client.execute(uri: "/login", method: .post,
                                                      headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "sohoa_login=\(cookie)"],
                                                      body: ByteBuffer(string: "csrf=\(token)&name=khach&password=sai"))
                XCTAssertEqual(answer.status, attempt <= 5 ? .unauthorized : .tooManyRequests, "attempt \(attempt)")
            }
        }
    }

    func testDocumentTextIsShownAsTextNeverAsMarkup() async throws {
        let fixture = try XCTUnwrap(Self.fixture)
        try await fixture.test { client in
            let session = try await XCTUnwrapAsync(try await BrowserSession.signIn(client, name: "minh"))
            let document = try await client.execute(uri: "/documents/\(fixture.hostile.rawValue)", method: .get, headers: session.headers)
            XCTAssertEqual(document.status, .ok)
            XCTAssertTrue(document.text.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), "escaped")
            XCTAssertFalse(document.text.contains("<script>alert"))
            let search = try await client.execute(uri: "/?q=alert", method: .get, headers: session.headers)
            XCTAssertTrue(search.text.contains("&lt;script&gt;"))
            XCTAssertFalse(search.text.contains("<script>alert"))
        }
    }

    func testAReaderWithoutClearanceReachesNoClassifiedPage() async throws {
        let fixture = try XCTUnwrap(Self.fixture)
        try await fixture.test { client in
            let reader = try await XCTUnwrapAsync(try await BrowserSession.signIn(client, name: "minh"))
            let page = try await client.execute(uri: "/documents/\(fixture.classified.rawValue)", method: .get, headers: reader.headers)
            XCTAssertEqual(page.status, .notFound)
            let image = try await client.execute(uri: "/api/v1/documents/\(fixture.classified.rawValue)/pages/1/image", method: .get,
                                                 headers: reader.headers)
            XCTAssertEqual(image.status, .notFound)
            let review = try await client.execute(uri: "/review", method: .get, headers: reader.headers)
            XCTAssertEqual(review.status, .forbidden)
            let cleared = try await XCTUnwrapAsync(try await BrowserSession.signIn(client, name: "lan"))
            let seen = try await client.execute(uri: "/documents/\(fixture.classified.rawValue)", method: .get, headers: cleared.headers)
            XCTAssertEqual(seen.status, .ok)
            XCTAssertTrue(seen.text.contains("Mật"))
        }
    }

    /// The records office's pages: boxes for archivists only, a box's title escaped, its
    /// printable report a PDF, and the document page naming its box.
    func testBoxesAreForArchivistsWithTheirVerdictAndPrintableReport() async throws {
        let fixture = try XCTUnwrap(Self.fixture)
        try await fixture.test { client in
            let reader = try await XCTUnwrapAsync(try await BrowserSession.signIn(client, name: "minh"))
            let refused = try await client.execute(uri: "/boxes", method: .get, headers: reader.headers)
            XCTAssertEqual(refused.status, .forbidden)
            let archivist = try await XCTUnwrapAsync(try await BrowserSession.signIn(client, name: "lan"))
            let list = try await client.execute(uri: "/boxes", method: .get, headers: archivist.headers)
            XCTAssertEqual(list.status, .ok)
            XCTAssertTrue(list.text.contains("Lưu trữ &lt;b&gt;2019 &amp; sau"), "a folder's name is text")
            XCTAssertFalse(list.text.contains("<b>2019"))
            XCTAssertTrue(list.text.contains("Chưa được rời kho"), "never verified, reviews open")
            XCTAssertTrue(list.text.contains("Mật: 1"), "the classified document is counted")
            let box = try await client.execute(uri: "/boxes/01", method: .get, headers: archivist.headers)
            XCTAssertEqual(box.status, .ok)
            XCTAssertTrue(box.text.contains("chưa được kiểm tra toàn vẹn"))
            let pdf = try await client.execute(uri: "/boxes/01/report.pdf", method: .get, headers: archivist.headers)
            XCTAssertEqual(pdf.headers[.contentType], "application/pdf")
            XCTAssertTrue(String(buffer: pdf.body).hasPrefix("%PDF-"))
            let missing = try await client.execute(uri: "/boxes/99", method: .get, headers: archivist.headers)
            XCTAssertEqual(missing.status, .notFound)
            let document = try await client.execute(uri: "/documents/\(fixture.open.rawValue)", method: .get, headers: archivist.headers)
            XCTAssertTrue(document.text.contains(">Hộp 01</a>"), "the document page names its box")
            let inBox = try await client.execute(uri: "/?box=01", method: .get, headers: archivist.headers)
            XCTAssertTrue(inBox.text.contains("<strong>3</strong> tài liệu"), "the box's documents")
        }
    }

    func testTheReviewDeskSavesAndOpensTheNext() async throws {
        let fixture = try XCTUnwrap(Self.fixture)
        try await fixture.test { client in
            let session = try await XCTUnwrapAsync(try await BrowserSession.signIn(client, name: "lan"))
            let desk = try await client.execute(uri: "/review/\(fixture.open.rawValue)", method: .get, headers: session.headers)
            XCTAssertEqual(desk.status, .ok)
            XCTAssertTrue(desk.text.contains("name=\"number\""))
            var headers = session.headers
            headers[.contentType] = "application/x-www-form-urlencoded"
            let saved = try await client.execute(uri: "/review/\(fixture.open.rawValue)", method: .post, headers: headers,
                                                 body: ByteBuffer(string: "csrf=\(session.csrf)&signer=Tr%E1%BA%A7n+Th%E1%BB%8B+B%C3%ACnh"))
            XCTAssertEqual(saved.status, .seeOther)
            XCTAssertEqual(saved.headers[.location]?.hasPrefix("/review/next"), true)
            let archive = try fixture.batch.openArchive()
            let stored = try XCTUnwrap(archive.document(id: fixture.open, visibleTo: .unrestricted))
            XCTAssertEqual(stored.metadata[.signer], "Trần Thị Bình")
            XCTAssertFalse(stored.needsReview)
            XCTAssertEqual(stored.corrections.last?.correctedBy, "lan")
        }
    }
}

func XCTUnwrapAsync<T>(_ value: @autoclosure () async throws -> T?, file: StaticString = #filePath, line: UInt = #line) async throws -> T {
    let resolved = try await value()
    return try XCTUnwrap(resolved, file: file, line: line)
}

/// Administration and the review desk's help with handwritten numbers.
final class AdminPageTests: WebServerTestCase {
    func testAnAdminAddsAUserAndChangesTheirClearanceAndOnlyAnAdminMay() async throws {
        let fixture = try XCTUnwrap(Self.fixture)
        try await fixture.test { client in
            let admin = try await XCTUnwrapAsync(try await BrowserSession.signIn(client, name: "admin"))
            var headers = admin.headers
            headers[.contentType] = "application/x-www-form-urlencoded"
            let added = try await client.execute(uri: "/admin/users", method: .post, headers: headers, body: ByteBuffer(
                string: "csrf=\(admin.csrf)&name=hoa&password=mot-mat-khau-dai&role=reader&clearance=none"))
            XCTAssertEqual(added.status, .seeOther)
            let changed = try await client.execute(uri: "/admin/users", method: .post, headers: headers, body: ByteBuffer(
                string: "csrf=\(admin.csrf)&name=hoa&role=archivist&clearance=toi_mat"))
            XCTAssertEqual(changed.status, .seeOther)
            let account = try fixture.batch.openArchive().user(named: UserName(rawValue: "hoa")!)
            XCTAssertEqual(account?.role, .archivist)
            XCTAssertEqual(account?.clearance, .toiMat)
            let page = try await client.execute(uri: "/admin", method: .get, headers: admin.headers)
            XCTAssertTrue(page.text.contains("Thêm người dùng"))
            XCTAssertTrue(page.text.contains("Đổi người dùng"), "the audit log lists the change")
            let reader = try await XCTUnwrapAsync(try await BrowserSession.signIn(client, name: "minh"))
            var readerHeaders = reader.headers
            readerHeaders[.contentType] = "application/x-www-form-urlencoded"
            let refused = try await client.execute(uri: "/admin/users", method: .post, headers: readerHeaders, body: ByteBuffer(
                string: "csrf=\(reader.csrf)&name=minh&role=admin&clearance=tuyet_mat"))
            XCTAssertEqual(refused.status, .forbidden)
            XCTAssertEqual(try fixture.batch.openArchive().user(named: UserName(rawValue: "minh")!)?.role, .reader)
        }
    }

    func testAHandwrittenNumberKeepsItsPrintedPartForTheArchivistToComplete() {
        let header = "UBND TỈNH QUẢNG NGÃI\nSố: /TTr-UBND      Quảng Ngãi, ngày tháng 7 năm 2019\nTỜ TRÌNH"
        XCTAssertEqual(ReviewPage.printedNumber(onFirstPage: header), "/TTr-UBND")
        XCTAssertEqual(ReviewPage.printedNumber(onFirstPage: "Số hóa tài liệu lưu trữ"), "")
    }

    func testACommonQuerySaysWhereItsCountsStop() {
        var facets = SearchFacets()
        XCTAssertEqual(SearchPage.counted(facets).rendered, "")
        facets.countedWithin = 5_000
        XCTAssertTrue(SearchPage.counted(facets).rendered.contains("đếm trong 5.000 trang khớp mới nhất"))
        XCTAssertEqual([0, 999, 1_000, 1_234_567].map(Labels.thousands), ["0", "999", "1.000", "1.234.567"])
    }
}
