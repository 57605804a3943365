import ArchiveStore
import DocumentModel
import DocumentSynth
import Foundation
import Hummingbird
import Ingest
import HummingbirdTesting
import SohoaKit
import SohoaTesting
import XCTest
@testable import WebServer

/// An archive made by a real ingest — a scanned PDF marked Mật after the fact, a text-layer
/// PDF, and a document whose OCR text holds markup, all in box 01 — with three users, and
/// the server over it in process.
final class WebServerFixture: @unchecked Sendable {
    let batch: BatchFixture
    let classified: DocumentID
    let open: DocumentID
    let hostile: DocumentID
    let classifiedNumber: String
    let server: SohoaServer
    /// API tokens by user name: admin (tuyet_mat), lan (archivist, mat), minh (reader, none).
    var tokens: [String: String] = [:]
    static let password = "mật khẩu thử nghiệm"
    /// The box folder: box 01, its title holding markup that must stay text.
    static let box = "Hộp 01 - Lưu trữ <b>2019 & sau"

    init() throws {
        batch = try BatchFixture()
        batch.configuration.hierarchy.pattern = try HierarchyPattern("{box}")
        var factory = DocumentFactory(seed: 77)
        try batch.addScannedPDF("\(Self.box)/scan.pdf", factory.make(.congVan), dpi: 200)
        try batch.addTextPDF("\(Self.box)/text.pdf", factory.make(.thongBao))
        var hostileDocument = factory.make(.baoCao)
        hostileDocument.metadata.subject = "Báo cáo <script>alert('x')</script> tình hình"
        try batch.addTextPDF("\(Self.box)/hostile.pdf", hostileDocument)
        _ = try batch.ingest()
        let rows = try batch.export()
        func id(_ name: String) throws -> DocumentID { DocumentID(try XCTUnwrap(rows[name]?["id"] as? String)) }
        classified = try id("\(Self.box)/scan.pdf")
        open = try id("\(Self.box)/text.pdf")
        hostile = try id("\(Self.box)/hostile.pdf")
        let archive = try batch.openArchive()
        try archive.correct(classified, MetadataCorrection(values: [.secrecy: "mat"], correctedBy: "setup", keepsReview: true),
                            visibleTo: .unrestricted)
        try archive.correct(hostile, MetadataCorrection(values: [.subject: "Báo cáo <script>alert('x')</script> tình hình"],
                                                        correctedBy: "setup", keepsReview: true), visibleTo: .unrestricted)
        classifiedNumber = try archive.document(id: classified, visibleTo: .unrestricted)?.metadata[.number] ?? ""
        let desk = AccountDesk(directory: archive, actor: "cli:test", passwordCost: 4)
        for (name, role, clearance) in [("admin", Role.admin, Clearance.tuyetMat), ("lan", .archivist, .mat), ("minh", .reader, .none)] {
            let user = try AccountDesk.userName(name)
            try desk.addUser(user, role: role, clearance: clearance, password: WebServerFixture.password)
            tokens[name] = try desk.issueToken(for: user).text
        }
        let workspace = Workspace(archivePath: batch.archive.url.path)
        server = try SohoaServer(workspace: workspace, options: ServerOptions(), executable: SohoaBinary.url)
    }

    func bearer(_ name: String) -> HTTPFields {
        [.authorization: "Bearer \(tokens[name]!)"]
    }

    /// Runs `body` against the server in process.
    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await server.makeApplication().test(.router) { client in try await body(client) }
    }
}

/// A test class over one fixture, made once for the class: the ingest behind it takes
/// seconds, and no test undoes another's view of it.
class WebServerTestCase: XCTestCase {
    nonisolated(unsafe) static var fixture: WebServerFixture!

    override class func setUp() {
        super.setUp()
        fixture = try? WebServerFixture()
    }

    override class func tearDown() {
        fixture = nil
        super.tearDown()
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]) ?? [:] }
}

/// Signing in as a browser does: the login form's token and cookie, then the session's.
struct BrowserSession {
    var cookie: String
    var csrf: String

    static func signIn(_ client: any TestClientProtocol, name: String, password: String = WebServerFixture.password) async throws -> BrowserSession? {
        let form = try await client.execute(uri: "/login", method: .get)
        let loginCookie = try XCTUnwrap(cookie(named: "sohoa_login", in: form))
        let token = try XCTUnwrap(field("csrf", in: form.text))
        let body = "csrf=\(token)&name=\(name)&next=%2F&password=\(password.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
        let answer = try await client.execute(uri: "/login", method: .post,
                                              headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "sohoa_login=\(loginCookie)"],
                                              body: ByteBuffer(string: body))
        guard answer.status == .seeOther, let session = cookie(named: "sohoa_session", in: answer) else { return nil }
        let page = try await client.execute(uri: "/", method: .get, headers: [.cookie: "sohoa_session=\(session)"])
        return BrowserSession(cookie: session, csrf: try XCTUnwrap(field("csrf", in: page.text)))
    }

    var headers: HTTPFields { [.cookie: "sohoa_session=\(cookie)"] }

    static func cookie(named name: String, in response: TestResponse) -> String? {
        response.headers[values: .setCookie].compactMap { header -> String? in
            guard header.hasPrefix(name + "=") else { return nil }
            return String(header.dropFirst(name.count + 1).prefix { $0 != ";" })
        }.first
    }

    static func field(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }
}
