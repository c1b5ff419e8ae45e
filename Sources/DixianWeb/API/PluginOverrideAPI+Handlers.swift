import DixianCore
import DixianPlugins
import DixianStore
import Foundation
import Hummingbird

extension PluginOverrideAPI {
    /// What `GET …/override` answers.
    struct Overview: Encodable {
        var plugin: String
        /// The override file that manages the plugin on the server, when there is one (then no version takes effect).
        var managedFile: String?
        /// The stored version this replica runs.
        var runningVersion: Int?
        var versions: [OverrideVersion]

        enum CodingKeys: String, CodingKey {
            case plugin, versions
            case managedFile = "managed_file"
            case runningVersion = "running_version"
        }
    }

    func overview(_ plugin: Plugin) async throws -> Response {
        let store = try desk().store
        let history = try await gate.run("override history") { try await store.history(pluginID: plugin.id) }
        return APIResponse.json(Overview(plugin: plugin.id, managedFile: plugin.overrideFile, runningVersion: plugin.overrideVersion, versions: history))
    }

    func version(_ plugin: Plugin, _ version: Int) async throws -> Response {
        let store = try desk().store
        guard let found = try await gate.run("override version", { try await store.version(pluginID: plugin.id, version: version) }) else {
            throw APIError(.notFound, code: "override_not_found", "\(plugin.id) 没有第 \(version) 版覆盖配置 (no such override version)")
        }
        return APIResponse.json(found)
    }

    func diff(_ plugin: Plugin, _ request: Request) async throws -> Response {
        let query = try MonitoringAPI.query(request, allowing: ["from", "to"])
        guard let from = query["from"].flatMap({ Int($0) }), let to = query["to"].flatMap({ Int($0) }), from >= 0, to >= 0 else {
            throw APIError.badRequest("invalid_query", "from 与 to 应为版本号，0 为插件默认设置 (from and to are versions, 0 the plugin as shipped)")
        }
        let store = try desk().store
        func text(_ version: Int) async throws -> String {
            if version == 0 { return "" }
            guard let found = try await gate.run("override version", { try await store.version(pluginID: plugin.id, version: version) }) else {
                throw APIError(.notFound, code: "override_not_found", "\(plugin.id) 没有第 \(version) 版覆盖配置 (no such override version)")
            }
            return found.body
        }
        let lines = LineDiff.lines(from: try await text(from), to: try await text(to)).map(\.description)
        return APIResponse.json(["from": String(from), "to": String(to), "lines": lines.joined(separator: "\n")])
    }

    func propose(_ plugin: Plugin, _ request: Request) async throws -> Response {
        let body = try await Self.decode(OverrideRequest.self, request)
        let by = try Self.official(body.by)
        try Self.refuseIfManaged(plugin)
        guard body.body.utf8.count <= ConsoleRoutes.maximumOverride else {
            throw APIError.badRequest("override_too_large", "覆盖配置超过 \(ConsoleRoutes.maximumOverride / 1024) KiB (override too large)")
        }
        let desk = try self.desk()
        let store = desk.store
        let next = try await gate.run("override next version") { try await store.nextVersion(pluginID: plugin.id) }
        let candidate = try await check(desk, plugin.id, text: body.body, version: next)
        let entry = OverrideEntry(actor: by, channel: "http", at: now())
        let created = try await gate.run("override propose") {
            try await store.propose(pluginID: plugin.id, body: body.body, pluginHash: candidate.pluginHash, entry: entry)
        }
        logger.info("覆盖配置已提交 (override proposed)", metadata: ["plugin": "\(plugin.id)", "version": "\(created.version)", "by": "\(by)", "channel": "http"])
        return APIResponse.json(created, status: .created)
    }

    func decide(_ plugin: Plugin, _ version: Int, approve: Bool, _ request: Request) async throws -> Response {
        let body = try await Self.decode(DecisionRequest.self, request)
        let by = try Self.official(body.by)
        let comment = try DutyText.trimmed(body.comment, field: "comment")
        if let comment, comment.count > 500 || comment.contains(where: \.isNewline) {
            throw APIError.badRequest("invalid_comment", "comment 须为一行，最多 500 字 (one line, at most 500 characters)")
        }
        try Self.refuseIfManaged(plugin)
        let desk = try self.desk()
        let store = desk.store
        if approve, let found = try await gate.run("override version", { try await store.version(pluginID: plugin.id, version: version) }),
           found.state == .pending {
            _ = try await check(desk, plugin.id, text: found.body, version: version)
        }
        let entry = OverrideEntry(actor: by, channel: "http", at: now())
        let decided = try await gate.run("override decide") {
            try await store.decide(pluginID: plugin.id, version: version, approve: approve, comment: comment, entry: entry)
        }
        logger.info(approve ? "覆盖配置已审批通过 (override approved)" : "覆盖配置已驳回 (override rejected)",
                    metadata: ["plugin": "\(plugin.id)", "version": "\(version)", "by": "\(by)", "channel": "http"])
        return APIResponse.json(decided)
    }

    /// The loader's verdict; a refusal is 422 with every error at its line and column.
    func check(_ desk: any OverrideDesk, _ pluginID: String, text: String, version: Int) async throws -> OverrideCandidate {
        // Inside the gate a refusal would read as a database failure: it comes out as a value.
        let verdict: Result<OverrideCandidate, OverrideRejection> = try await gate.runUnbounded("override check") {
            do {
                return .success(try await desk.candidate(pluginID: pluginID, text: text, version: version))
            } catch let rejection as OverrideRejection {
                return .failure(rejection)
            }
        }
        switch verdict {
        case .success(let candidate): return candidate
        case .failure(let rejection): throw OverrideInvalid(rejection)
        }
    }

    static func refuseIfManaged(_ plugin: Plugin) throws {
        if let file = plugin.overrideFile {
            throw APIError(.conflict, code: "override_managed_on_server",
                           "\(plugin.id) 由服务器上的覆盖配置文件 \(file) 管理，数据库中的版本不会生效 (managed on the server by an override file)")
        }
    }

    static func official(_ by: String) throws -> String {
        guard let by = try DutyText.trimmed(by, field: "by") else { throw APIError.badRequest("missing_by", "缺少操作人 by (missing field by)") }
        return by
    }

    static func decode<Body: Decodable>(_ type: Body.Type, _ request: Request) async throws -> Body {
        let buffer = try await RequestBodyReader.read(request, limit: maximumBodySize)
        guard buffer.readableBytes > 0 else { throw APIError.badRequest("invalid_json", "缺少 JSON 请求体 (missing JSON body)") }
        do {
            return try JSONDecoder().decode(Body.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw APIError.badRequest("invalid_json", DutyAPI.explain(error))
        }
    }
}

/// The body of `POST …/override/versions`: `{"body": "…", "by": "OFFICIAL_ID"}`.
struct OverrideRequest: Decodable {
    var body: String
    var by: String

    enum CodingKeys: String, CodingKey, CaseIterable { case body, by }

    init(from decoder: any Decoder) throws {
        try StrictKeys.check(decoder, allowed: CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        (body, by) = (try container.decode(String.self, forKey: .body), try container.decode(String.self, forKey: .by))
    }
}

/// The body of `POST …/approve|reject`: `{"by": "OFFICIAL_ID", "comment": "…"}`.
struct DecisionRequest: Decodable {
    var by: String
    var comment: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case by, comment }

    init(from decoder: any Decoder) throws {
        try StrictKeys.check(decoder, allowed: CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        (by, comment) = (try container.decode(String.self, forKey: .by), try container.decodeIfPresent(String.self, forKey: .comment))
    }
}
