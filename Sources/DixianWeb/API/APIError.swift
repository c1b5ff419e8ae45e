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

    /// 404 while no API token is configured: the duty API does not exist then.
    static let disabled = APIError(
        .notFound, code: "api_disabled", "任务接口未启用:未配置 api.token_file (duty API is off: no token configured)")

    /// 413 for a body over the size limit.
    static func tooLarge(limit: Int) -> APIError {
        APIError(.contentTooLarge, code: "body_too_large", "请求体超过 \(limit / 1024) KiB (request body too large)")
    }

    /// The answer to a store refusal: 404 unknown occurrence, 409 a state that forbids the change,
    /// 422 an unknown official, 503 a database failure.
    init(_ error: StoreError) {
        let status: HTTPResponse.Status =
            switch error.code {
            case .occurrenceNotFound: .notFound
            case .occurrenceClosed, .occurrenceNotOpen, .linkUsed: .conflict
            case .unknownOfficial: .unprocessableContent
            default: .serviceUnavailable
            }
        self.init(status, code: error.code.description, error.message)
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
