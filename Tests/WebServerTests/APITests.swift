import ArchiveStore
import DocumentModel
import Foundation
import Hummingbird
import HummingbirdTesting
import SohoaKit
import XCTest
@testable import WebServer

/// The JSON API of shared/design/http-api.md, in process: every endpoint, every access rule.
final class APITests: WebServerTestCase {
    func testEveryDocumentedEndpointAnswersAndAsksForCredentials() async throws {
        let fixture = try XCTUnwrap(Self.fixture)
        try await fixture.test { client in
            let health = try await client.execute(uri: "/api/v1/health", method: .get)
            XCTAssertEqual(health.json["status"] as? String, "ok")
            let openapi = try await client.execute(uri: "/api/v1/openapi.json", method: .get).json
            XCTAssertEqual(openapi["openapi"] as? String, "3.1.0")
            let documented = (openapi["paths"] as? [String: [String: Any]]) ?? [:]
            XCTAssertEqual(documented.values.reduce(0) { $0 + $1.count }, OpenAPIDocument.endpoints.count)
            for endpoint in OpenAPIDocument.endpoints {
                let path = endpoint.path.replacingOccurrences(of: "{id}", with: fixture.open.rawValue)
                    .replacingOccurrences(of: "{n}", with: "1").replacingOccurrences(of: "{field}", with: "number")
                    .replacingOccurrences(of: "{run}", with: "1")
                let method: HTTPRequest.Method = endpoint.method == "post" ? .post : .get
                let anonymous = try await client.execute(uri: path, method: method)
                XCTAssertEqual(anonymous.status, endpoint.role == nil ? .ok : .unauthorized, "\(endpoint.method) \(path) without credentials")
                guard method == .get else { continue }
                let admin = try await client.execute(uri: path + (path.hasSuffix("search") ? "?q=ban" : ""), method: .get,
                                                     headers: fixture.bearer("admin"))
                XCTAssertTrue(admin.status == .ok || path.hasSuffix("searchable.pdf"), "\(path): \(admin.status) \(admin.text)")
            }
            let badToken = try await client.execute(uri: "/api/v1/search?q=ban", method: .get,
                                                    headers: [.authorization: "Bearer " + String(repeating: "0", count: 64)])
            XCTAssertEqual(badToken.status, .unauthorized)
            XCTAssertNotNil(badToken.json["error"] as? String)
        }
    }

    func testRolesAre403() async throws {
        let fixture = try XCTUnwrap(Self.fixture)
        try await fixture.test { client in
            for (path, allowed) in [("/api/v1/review", "lan"), ("/api/v1/batches", "lan"), ("/api/v1/audit", "admin"),
                                    ("/api/v1/documents/\(fixture.open.rawValue)/crops/number", "lan")] {
                let reader = try await client.execute(uri: path, method: .get, headers: fixture.bearer("minh"))
                XCTAssertEqual(reader.status, .forbidden, path)
                XCTAssertNotNil(reader.json["error"] as? String, path)
                let ok = try await client.execute(uri: path, method: .get, headers: fixture.bearer(allowed))
                XCTAssertEqual(ok.status, .ok, path)
            }
            let archivistAudit = try await client.execute(uri: "/api/v1/audit", method: .get, headers: fixture.bearer("lan"))
            XCTAssertEqual(archivistAudit.status, .forbidden)
            let correction = try await client.execute(uri: "/api/v1/documents/\(fixture.open.rawValue)/corrections", method: .post,
                                                      headers: fixture.bearer("minh"), body: ByteBuffer(string: #"{"fields":{"place":"Huế"}}"#))
            XCTAssertEqual(correction.status, .forbidden)
        }
    }

    func testAnOriginalIsSentByteForByteUnderItsOwnName() async throws {
        let fixture = try XCTUnwrap(Self.fixture)
        let original = try Data(contentsOf: fixture.batch.inputs.url.appendingPathComponent("\(WebServerFixture.box)/text.pdf"))
        try await fixture.test { client in
            let answer = try await client.execute(uri: "/api/v1/documents/\(fixture.open.rawValue)/original", method: .get,
                                                  headers: fixture.bearer("minh"))
            XCTAssertEqual(answer.status, .ok)
            XCTAssertEqual(Data(buffer: answer.body), original)
            XCTAssertEqual(answer.headers[.contentType], "application/pdf")
            XCTAssertTrue(answer.headers[.contentDisposition]?.contains("filename=\"text.pdf\"") == true)
        }
    }

    func testAClassifiedDocumentDoesNotExistForAReaderWithoutClearance() async throws {
        let fixture = try XCTUnwrap(Self.fixture)
        let id = fixture.classified.rawValue
        try await fixture.test { client in
            for path in ["", "/pages/1", "/pages/1/image", "/original", "/searchable.pdf", "/similar", "/corrections", "/crops/number"] {
                for name in ["minh"] {
                    let answer = try await client.execute(uri: "/api/v1/documents/\(id)\(path)", method: .get, headers: fixture.bearer(name))
                    XCTAssertEqual(answer.status, path == "/crops/number" ? .forbidden : .notFound, "\(name) \(path)")
                }
                let cleared = try await client.execute(uri: "/api/v1/documents/\(id)\(path)", method: .get, headers: fixture.bearer("lan"))
                XCTAssertEqual(cleared.status, .ok, "lan \(path)")
            }
            let unseen = try await client.execute(uri: "/api/v1/search?q=\(fixture.classifiedNumber.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)",
                                                  method: .get, headers: fixture.bearer("minh")).json
            XCTAssertFalse(((unseen["hits"] as? [[String: Any]]) ?? []).contains { $0["id"] as? String == id })
            let filtered = try await client.execute(uri: "/api/v1/search?secrecy=mat", method: .get, headers: fixture.bearer("minh")).json
            XCTAssertEqual(filtered["total"] as? Int, 0, "not even counted")
            let seen = try await client.execute(uri: "/api/v1/search?secrecy=mat", method: .get, headers: fixture.bearer("lan")).json
            XCTAssertEqual(seen["total"] as? Int, 1)
            let queue = try await client.execute(uri: "/api/v1/review?limit=100", method: .get, headers: fixture.bearer("lan")).json
            XCTAssertNotNil(queue["documents"] as? [[String: Any]])
            let denied = try await client.execute(uri: "/api/v1/documents/\(id)/corrections", method: .post, headers: fixture.bearer("admin"),
                                                  body: ByteBuffer(string: #"{"fields":{"secrecy":"tuyet_mat"},"keep_review":true}"#))
            XCTAssertEqual(denied.status, .ok)
            let nowHidden = try await client.execute(uri: "/api/v1/documents/\(id)", method: .get, headers: fixture.bearer("lan"))
            XCTAssertEqual(nowHidden.status, .notFound, "a corrected secrecy decides")
            _ = try await client.execute(uri: "/api/v1/documents/\(id)/corrections", method: .post, headers: fixture.bearer("admin"),
                                         body: ByteBuffer(string: #"{"fields":{"secrecy":"mat"},"keep_review":true}"#))
        }
    }

    func testPathsThatNameNoDocumentAre404WhateverTheyHold() async throws {
        let fixture = try XCTUnwrap(Self.fixture)
        try await fixture.test { client in
            for path in ["/api/v1/documents/../../etc/passwd", "/api/v1/documents/%2e%2e%2fsohoa.sqlite", "/api/v1/documents/..%2F..%2Fetc",
                         "/api/v1/documents/abc%00def/original", "/api/v1/documents/0000000000000000", "/api/v1/documents/ABCDEF0123456789/original",
                         "/api/v1/documents/\(fixture.open.rawValue)/pages/0/image", "/api/v1/documents/\(fixture.open.rawValue)/pages/99/image",
                         "/api/v1/documents/\(fixture.open.rawValue)/crops/password"] {
                let answer = try await client.execute(uri: path, method: .get, headers: fixture.bearer("admin"))
                XCTAssertEqual(answer.status, .notFound, path)
                XCTAssertFalse(answer.text.contains("root:"), path)
            }
        }
    }

    func testACorrectionIsCheckedWrittenInTheUsersNameAndAudited() async throws {
        let fixture = try XCTUnwrap(Self.fixture)
        let path = "/api/v1/documents/\(fixture.open.rawValue)/corrections"
        try await fixture.test { client in
            let invalid = try await client.execute(uri: path, method: .post, headers: fixture.bearer("lan"),
                                                   body: ByteBuffer(string: #"{"fields":{"issued_date":"2019-02-30"}}"#))
            XCTAssertEqual(invalid.status, .unprocessableContent)
            let unknown = try await client.execute(uri: path, method: .post, headers: fixture.bearer("lan"),
                                                   body: ByteBuffer(string: #"{"fields":{"colour":"red"}}"#))
            XCTAssertEqual(unknown.status, .unprocessableContent)
            let malformed = try await client.execute(uri: path, method: .post, headers: fixture.bearer("lan"), body: ByteBuffer(string: "{"))
            XCTAssertEqual(malformed.status, .unprocessableContent)
            let done = try await client.execute(uri: path, method: .post, headers: fixture.bearer("lan"),
                                                body: ByteBuffer(string: #"{"fields":{"place":"Huế"},"note":"đọc lại bản gốc"}"#))
            XCTAssertEqual(done.status, .ok, done.text)
            XCTAssertEqual(done.json["place"] as? String, "Huế")
            XCTAssertEqual(done.json["corrected_fields"] as? [String], ["place"])
            let trail = try await client.execute(uri: path, method: .get, headers: fixture.bearer("lan")).json
            let last = try XCTUnwrap((trail["corrections"] as? [[String: Any]])?.last { $0["field"] as? String == "place" })
            XCTAssertEqual(last["corrected_by"] as? String, "lan")
            let audit = try await client.execute(uri: "/api/v1/audit?limit=50", method: .get, headers: fixture.bearer("admin")).json
            XCTAssertTrue(((audit["events"] as? [[String: Any]]) ?? []).contains {
                $0["event"] as? String == "correction" && $0["actor"] as? String == "lan"
            })
        }
    }

    func testSearchAnswersTheContractsShape() async throws {
        let fixture = try XCTUnwrap(Self.fixture)
        try await fixture.test { client in
            let answer = try await client.execute(uri: "/api/v1/search?q=thong+bao&limit=5", method: .get, headers: fixture.bearer("minh")).json
            XCTAssertNotNil(answer["total"] as? Int)
            let hit = try XCTUnwrap((answer["hits"] as? [[String: Any]])?.first)
            XCTAssertTrue(Set(hit.keys).isSuperset(of: ["id", "page", "snippet", "doc_type", "number", "issued_date", "agency", "subject", "secrecy"]))
            XCTAssertNotNil(answer["facets"] as? [String: Any])
            let empty = try await client.execute(uri: "/api/v1/search?q=", method: .get, headers: fixture.bearer("minh"))
            XCTAssertEqual(empty.status, .badRequest)
            let bad = try await client.execute(uri: "/api/v1/search?q=a&sort=sideways", method: .get, headers: fixture.bearer("minh"))
            XCTAssertEqual(bad.status, .badRequest)
            XCTAssertFalse(bad.text.contains("SQL"))
        }
    }
}
