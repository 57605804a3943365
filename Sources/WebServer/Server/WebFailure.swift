import Foundation
import Hummingbird
import SohoaKit

/// Why the server refuses a request, beyond what SohoaKit says (``CommandFailure``): the
/// HTTP mechanics of credentials and forms.
enum WebFailure: Error {
    case unauthenticated
    case csrf
    case notFound
    case badRequest(String)
}

/// An error as an answer: JSON `{"error": …}` on the API, a page in Vietnamese elsewhere.
/// What a person reads is a sentence; what went wrong inside (SQL, a damaged row) goes to
/// the server's log only.
struct ErrorAnswers: RouterMiddleware {
    typealias Context = WebContext

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let (status, english, vietnamese) = ErrorAnswers.describe(error)
            if status == .internalServerError {
                context.logger.error("\(request.method) \(request.uri.path): \(String(reflecting: error))")
            }
            if request.uri.path.hasPrefix("/api/") {
                var response = JSONAnswer.object(["error": english], status: status)
                if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
                return response
            }
            if status == .unauthorized {
                return .redirect(to: "/login?" + FormValues.encode([("next", request.uri.path)]), type: .found)
            }
            return Pages.error(status: status, message: vietnamese, user: context.user)
        }
    }

    static func describe(_ error: any Error) -> (HTTPResponse.Status, String, String) {
        switch error {
        case WebFailure.unauthenticated:
            return (.unauthorized, "sign in, or send a valid API token (Authorization: Bearer TOKEN)", "Xin đăng nhập.")
        case WebFailure.csrf:
            return (.forbidden, "the form's security token is missing or stale: reload the page and try again",
                    "Mã bảo vệ của biểu mẫu thiếu hoặc đã cũ. Xin tải lại trang rồi thử lại.")
        case WebFailure.notFound:
            return (.notFound, "there is nothing here", "Không có trang hay tài liệu này.")
        case WebFailure.badRequest(let message):
            return (.badRequest, message, "Yêu cầu không hợp lệ: \(message)")
        case let failure as CommandFailure:
            switch failure.kind {
            case .notFound, .nothingFound: return (.notFound, failure.message, "Không có tài liệu này, hoặc bạn không được xem.")
            case .badUsage: return (.badRequest, failure.message, "Yêu cầu không hợp lệ: \(failure.message)")
            case .invalidValue: return (.unprocessableContent, failure.message, "Giá trị không hợp lệ: \(failure.message)")
            case .unauthenticated: return (.unauthorized, failure.message, "Sai tên đăng nhập hoặc mật khẩu.")
            case .forbidden: return (.forbidden, failure.message, "Vai trò của bạn không được làm việc này.")
            case .throttled: return (.tooManyRequests, failure.message, "Đăng nhập sai quá nhiều lần. Xin đợi 15 phút rồi thử lại.")
            case .boxStays: return (.conflict, failure.message, "Hộp này chưa được rời kho lưu trữ.")
            case .damaged, .unusable, .inputsFailed, .stoppedEarly:
                return (.internalServerError, "the archive could not answer; the server's log says why",
                        "Kho lưu trữ không trả lời được; nhật ký của máy chủ ghi lý do.")
            }
        case let error as HTTPError:
            return (error.status, error.body ?? "\(error.status.reasonPhrase)", "Yêu cầu không hợp lệ.")
        default:
            return (.internalServerError, "the archive could not answer; the server's log says why",
                    "Kho lưu trữ không trả lời được; nhật ký của máy chủ ghi lý do.")
        }
    }
}
