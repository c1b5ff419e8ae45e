import DixianDirectory
import DixianScheduling
import DixianStore
import Foundation
import Hummingbird
import NIOCore

/// The body of `POST /api/v1/occurrences/{id}/done`: `{"count": 12, "note": "...", "by": "OFFICIAL_ID"}`.
struct DoneRequest: Decodable, Sendable {
    /// The achieved value against the duty's quantity target (a decimal ≥ 0).
    var count: Decimal?
    var note: String?
    /// The official confirming; required over HTTP, checked against the directory.
    var by: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case count, note, by
    }

    init(from decoder: any Decoder) throws {
        try StrictKeys.check(decoder, allowed: CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.count = try container.decodeIfPresent(Decimal.self, forKey: .count)
        self.note = try container.decodeIfPresent(String.self, forKey: .note)
        self.by = try container.decode(String.self, forKey: .by)
    }
}

/// The body of `POST /api/v1/occurrences/{id}/waive`: `{"reason": "...", "by": "OFFICIAL_ID"}`.
struct WaiveRequest: Decodable, Sendable {
    var reason: String
    var by: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case reason, by
    }

    init(from decoder: any Decoder) throws {
        try StrictKeys.check(decoder, allowed: CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.reason = try container.decode(String.self, forKey: .reason)
        self.by = try container.decode(String.self, forKey: .by)
    }
}

/// Unknown keys are errors, as in the configuration and the plugins: a misspelt `"cuont"` must not
/// silently confirm a duty without its count.
enum StrictKeys {
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    static func check(_ decoder: any Decoder, allowed: [String]) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        if let unknown = container.allKeys.map(\.stringValue).sorted().first(where: { !allowed.contains($0) }) {
            throw APIError.badRequest("unknown_field", "未知字段 \(unknown) (unknown field);可用: \(allowed.joined(separator: ", "))")
        }
    }
}

/// Free text limits shared with the CLI's checks.
enum DutyText {
    /// The longest note or reason accepted, in characters.
    static let maximumLength = 2000

    /// `text` trimmed, or nil when empty; an error when too long or holding NUL or another control
    /// character (line breaks and tabs are allowed in `note` and `reason`, nowhere in `by`).
    static func trimmed(_ text: String?, field: String) throws -> String? {
        if let text, let problem = TextProblem.controlCharacters(in: text, allowingLineBreaks: field != "by") {
            throw APIError.badRequest("invalid_text", "字段 \(field) \(problem.message)")
        }
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        guard text.count <= Self.maximumLength else {
            throw APIError.badRequest("field_too_long", "\(field) 超过 \(Self.maximumLength) 个字符 (\(field) too long)")
        }
        return text
    }
}

extension DutyAPI {
    /// The largest request body accepted: a note of 2,000 characters written as `\uXXXX` escapes (Python's
    /// `json.dumps` default), surrogate pairs included, is under 25 KiB.
    static let maximumBodySize = 32 * 1024
    /// The largest `limit` a list accepts, and the default.
    static let maximumLimit = 1000
    static let defaultLimit = 100

    /// Reads and decodes a JSON body of at most ``maximumBodySize`` bytes.
    static func decodeBody<Body: Decodable>(_ type: Body.Type, _ request: Request) async throws -> Body {
        let buffer = try await RequestBodyReader.read(request, limit: Self.maximumBodySize)
        guard buffer.readableBytes > 0 else {
            throw APIError.badRequest("invalid_json", "缺少 JSON 请求体 (missing JSON body)")
        }
        do {
            return try JSONDecoder().decode(Body.self, from: Data(buffer.readableBytesView))
        } catch let error as APIError {
            throw error
        } catch let error as DecodingError {
            throw APIError.badRequest("invalid_json", Self.explain(error))
        }
    }

    /// One line per decoding failure, naming the field; never echoes the body.
    static func explain(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, _):
            return "缺少字段 \(key.stringValue) (missing field)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "字段 \(path(context)) 类型错误 (wrong type)"
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            return "字段 \(path(context)) 的值无效 (invalid value)"
        default:
            return "请求体不是有效的 JSON 对象 (body is not a valid JSON object)"
        }
    }

    /// `org`, `status`, `duty` and `limit` from the query string; anything else is an error.
    static func filter(_ request: Request) throws -> OccurrenceFilter {
        var filter = OccurrenceFilter(limit: Self.defaultLimit)
        let parameters: [(name: String, value: String)]
        do {
            parameters = try RequestTarget.queryParameters(request.uri.query)
        } catch {
            throw APIError.badRequest("invalid_query", error.message)
        }
        for (name, value) in parameters {
            switch name {
            case "org":
                guard let code = DivisionCode(prefix: value) else {
                    throw APIError.badRequest("invalid_org", "单位代码无效 (invalid org code);应为 12 位代码或 2/4/6/9 位前缀")
                }
                filter.unit = code
            case "status":
                guard let status = OccurrenceStatus(rawValue: value) else {
                    let names = OccurrenceStatus.allCases.map(\.rawValue).joined(separator: "|")
                    throw APIError.badRequest("invalid_status", "状态无效 (invalid status);可用: \(names)")
                }
                filter.status = status
            case "duty":
                guard !value.isEmpty else { throw APIError.badRequest("invalid_duty", "任务编号为空 (empty duty id)") }
                filter.dutyID = value
            case "limit":
                guard let limit = Int(value), (1...Self.maximumLimit).contains(limit) else {
                    throw APIError.badRequest("invalid_limit", "limit 应为 1 到 \(Self.maximumLimit) 的整数 (invalid limit)")
                }
                filter.limit = limit
            default:
                throw APIError.badRequest(
                    "unknown_parameter", "未知查询参数 \(name) (unknown query parameter);可用: org, status, duty, limit")
            }
        }
        return filter
    }

    /// The `{id}` path parameter.
    static func occurrenceID(_ context: some RequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self), id > 0 else {
            throw APIError.badRequest("invalid_id", "任务编号应为正整数 (occurrence id must be a positive integer)")
        }
        return id
    }
}
