import Foundation
import Hummingbird
import SohoaKit

/// JSON answers: UTF-8, NFC (everything the archive holds is), keys sorted, slashes as they are.
enum JSONAnswer {
    static func encoded(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        raw(try jsonLine(value), status: status)
    }

    static func object(_ object: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        raw(jsonText(object), status: status)
    }

    static func raw(_ json: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: json)))
    }
}
