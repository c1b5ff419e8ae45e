import DixianCore
import DixianDirectory
import DixianStore
import Foundation
import Hummingbird

extension DataAPI {
    /// The body, whole or refused at the limit (413), is the file; the query says how to import it.
    func importFile(_ request: Request, _ context: some RequestContext) async throws -> Response {
        guard let plugin = context.parameters.get("plugin"), let dataset = context.parameters.get("dataset") else {
            throw APIError.badRequest("invalid_path", "路径应为 /api/v1/datasets/插件/数据集/imports (invalid path)")
        }
        var (period, sheet): (String?, String?) = (nil, nil)
        var (dryRun, skipInvalid) = (false, false)
        for (name, value) in try Self.query(request) {
            switch name {
            case "period":
                guard value.count == 7, let date = CalendarDate(parsing: value + "-01"), date.day == 1 else {
                    throw APIError.badRequest("invalid_period", "period 应为 YYYY-MM (invalid period)")
                }
                period = value
            case "sheet": sheet = value
            case "dry_run": dryRun = try Self.flag(name, value)
            case "skip_invalid": skipInvalid = try Self.flag(name, value)
            default:
                throw APIError.badRequest(
                    "unknown_parameter", "未知查询参数 \(name) (unknown query parameter);可用: period, dry_run, skip_invalid, sheet")
            }
        }
        let buffer = try await RequestBodyReader.read(request, limit: maxBytes())
        let bytes = Array(buffer.readableBytesView)
        guard !bytes.isEmpty else { throw APIError.badRequest("empty_body", "请求体应为 CSV 或 XLSX 文件 (the body is the file)") }
        let importer = self.importer
        let options = (period, dryRun, skipInvalid, sheet)
        let outcome = try await gate.runUnbounded("import") {
            try await importer(plugin, dataset, bytes, options.0, options.1, options.2, options.3)
        }
        return Response(
            status: outcome.refused ? .unprocessableContent : .ok,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: Array(outcome.report) + [UInt8(ascii: "\n")])))
    }

    func alerts(_ request: Request) async throws -> Response {
        var filter = AlertFilter(limit: 100)
        for (name, value) in try Self.query(request) {
            switch name {
            case "org":
                guard let code = DivisionCode(prefix: value) else {
                    throw APIError.badRequest("invalid_org", "单位代码无效 (invalid org code);应为 12 位代码或 2/4/6/9 位前缀")
                }
                filter.unit = code
            case "rule": filter.ruleID = value
            case "plugin": filter.plugin = value
            case "status":
                guard ["open", "verified", "dismissed"].contains(value) else {
                    throw APIError.badRequest("invalid_status", "状态无效 (invalid status);可用: open|verified|dismissed")
                }
                filter.status = value
            case "limit":
                guard let limit = Int(value), (1...1000).contains(limit) else {
                    throw APIError.badRequest("invalid_limit", "limit 应为 1 到 1000 的整数 (invalid limit)")
                }
                filter.limit = limit
            default:
                throw APIError.badRequest(
                    "unknown_parameter", "未知查询参数 \(name) (unknown query parameter);可用: org, plugin, rule, status, limit")
            }
        }
        filter.scope = try APICaller.scope()
        let (screening, chosen) = (self.screening, filter)
        let alerts = try await gate.run("alerts") { try await screening.alerts(chosen) }
        return APIResponse.json(alerts.map(AlertBody.init))
    }

    func alert(_ context: some RequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: Int64.self), id > 0 else {
            throw APIError.badRequest("invalid_id", "预警编号应为正整数 (alert id must be a positive integer)")
        }
        let screening = self.screening
        let notFound = APIError(.notFound, code: "alert_not_found", "没有编号为 \(id) 的预警 (no such alert)")
        try await APICaller.requireSeen(.alert, id, gate: gate, notFound: notFound)
        guard let alert = try await gate.run("alert", { try await screening.alert(id: id) }) else { throw notFound }
        return APIResponse.json(AlertBody(alert))
    }

    static func query(_ request: Request) throws -> [(name: String, value: String)] {
        do {
            return try RequestTarget.queryParameters(request.uri.query)
        } catch {
            throw APIError.badRequest("invalid_query", error.message)
        }
    }

    static func flag(_ name: String, _ value: String) throws -> Bool {
        switch value {
        case "true", "1": return true
        case "false", "0": return false
        default: throw APIError.badRequest("invalid_\(name)", "\(name) 应为 true 或 false (expected true or false)")
        }
    }
}

/// An alert as the API shows it: ID numbers masked, never the raw subject.
struct AlertBody: Encodable {
    var id: Int64
    var caseNumber: String
    var plugin: String
    var rule: String
    var subject: String
    var householdID: String?
    var unitCode: String
    var severity: String
    var status: String
    var stillMatching: Bool
    var raisedAt: Date
    var lastMatchedAt: Date

    init(_ alert: AlertRecord) {
        id = alert.id
        caseNumber = alert.caseNumber
        plugin = alert.plugin
        rule = alert.ruleID
        subject = alert.maskedSubject
        householdID = alert.householdID
        unitCode = alert.unitCode.rawValue
        severity = alert.severity
        status = alert.status
        stillMatching = alert.stillMatching
        raisedAt = alert.raisedAt
        lastMatchedAt = alert.lastMatchedAt
    }
}
