import DixianStore
import Foundation
import Hummingbird

/// An error of the HTTP API, answered as `{"error": {"code": "...", "message": "中文 (English)"}}`.
///
/// The code is stable (scripts match on it); the message is for people and never carries a token,
/// a password or an ID number.
public struct APIError: Error, Sendable, Hashable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    /// Extra response headers, such as `WWW-Authenticate` on a 401.
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, code: String, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    /// The JSON response for this error.
    public var response: Response {
        struct Body: Encodable {
            struct Detail: Encodable {
                var code: String
                var message: String
            }
            var error: Detail
        }
        var response = APIResponse.json(Body(error: .init(code: self.code, message: self.message)), status: self.status)
        response.headers.append(contentsOf: self.headers)
        return response
    }
}

extension APIError {
    /// 400 for a malformed request: bad JSON, a missing field, an invalid query parameter.
    static func badRequest(_ code: String = "bad_request", _ message: String) -> APIError {
        APIError(.badRequest, code: code, message)
    }

    /// 401 with `WWW-Authenticate: Bearer` (RFC 6750).
    static let unauthorized = APIError(
        .unauthorized, code: "unauthorized", "缺少或错误的访问令牌 (missing or wrong bearer token)",
        headers: [.wwwAuthenticate: #"Bearer realm="dixian""#])

    /// 403 for a write with a console session: a person acts through the console's forms, which carry CSRF
    /// tokens; the API with a session only reads.
    static let sessionReadOnly = APIError(
        .forbidden, code: "session_read_only",
        "网页工作台会话只能读取接口:请在工作台页面上操作,或使用访问令牌 (a console session may only read the API: act in the console, or use the bearer token)")

    /// 404 while no API token is configured: the duty API does not exist then.
    static let disabled = APIError(
        .notFound, code: "api_disabled", "任务接口未启用:未配置 api.token_file (duty API is off: no token configured)")

    /// 413 for a body over the route's limit, decided from `Content-Length` before reading when it is sent.
    static func tooLarge(limit: Int) -> APIError {
        APIError(.contentTooLarge, code: "body_too_large", "请求体超过 \(limit / 1024) KiB (request body too large)", headers: [.connection: "close"])
    }

    /// 400 for a body that ended before its announced length.
    static let truncatedBody = APIError(.badRequest, code: "truncated_body", "请求体不完整 (truncated request body)")

    /// 404 for a path no route serves.
    static let notFound = APIError(.notFound, code: "not_found", "没有这个地址 (no such path)")

    /// 405 with `Allow` for a method the path does not serve.
    static func methodNotAllowed(allowed: [HTTPRequest.Method]) -> APIError {
        let names = allowed.map(\.rawValue).joined(separator: ", ")
        return APIError(
            .methodNotAllowed, code: "method_not_allowed", "不支持该请求方法 (method not allowed);可用: \(names)",
            headers: [.allow: names])
    }

    /// 503 with `Retry-After` while the database cannot answer; the details are in the log under the id.
    static func unavailable(_ error: DatabaseUnavailable) -> APIError {
        let message =
            switch error.code {
            case .timedOut: "数据库响应超时,操作结果未知,请稍后查看后再试 (database timed out; the outcome is unknown, check before retrying)"
            case .markedDown, .failed: "数据库暂时不可用,请稍后重试 (database unavailable, retry later)"
            }
        return APIError(
            .serviceUnavailable, code: "database_unavailable", "\(message);错误编号 \(error.errorID) (error id)",
            headers: [.retryAfter: String(DatabaseGate.retryAfterSeconds)])
    }

    /// 500 for a failure of the daemon itself; the details are in the log under the id.
    static func internalError(_ id: ErrorID) -> APIError {
        APIError(.internalServerError, code: "internal", "服务器内部错误 (internal error);错误编号 \(id) (error id)")
    }

    /// The answer to a store refusal: 404 unknown occurrence, 409 a state that forbids the change,
    /// 422 an unknown official. Any other store error is no refusal: it never reaches here through
    /// ``DatabaseGate``, and would be a 500 without its text.
    init(_ error: StoreError) {
        switch error.code {
        case .occurrenceNotFound, .caseNotFound: self.init(.notFound, code: error.code.description, error.message)
        case .stepRefused: self.init(.conflict, code: error.code.description, error.message)
        case .occurrenceClosed, .occurrenceNotOpen, .linkUsed: self.init(.conflict, code: error.code.description, error.message)
        case .unknownOfficial: self.init(.unprocessableContent, code: error.code.description, error.message)
        case .overrideNotFound: self.init(.notFound, code: error.code.description, error.message)
        case .overrideRefused: self.init(.forbidden, code: error.code.description, error.message)
        default: self.init(.internalServerError, code: "internal", "服务器内部错误 (internal error)")
        }
    }

    /// The answer as plain text, for paths outside `/api` (pages, feeds, health): the message and a newline.
    var textResponse: Response {
        var headers: HTTPFields = [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"]
        headers.append(contentsOf: self.headers)
        return Response(status: self.status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: self.message + "\n")))
    }

    /// JSON under `/api`, plain text elsewhere.
    func response(forPath path: String) -> Response {
        APIPath.contains(path) ? self.response : self.textResponse
    }
}

/// Which paths belong to the API and answer errors as JSON.
enum APIPath {
    static func contains(_ path: String) -> Bool {
        path == "/api" || path.hasPrefix("/api/")
    }
}

/// JSON responses of the API: sorted keys and ISO 8601 instants, so answers diff well and parse anywhere.
enum APIResponse {
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = (try? encoder.encode(value)) ?? Data(#"{"error":{"code":"encoding_failed","message":"编码失败 (encoding failed)"}}"#.utf8)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: Array(data) + [UInt8(ascii: "\n")]))
        )
    }
}
