import DixianCore
import DixianStore
import Foundation
import Hummingbird
import Logging

/// The duty API (任务接口) under `/api/v1`, for the county office's own tools and chat bots:
///
/// - `GET  /api/v1/occurrences?org=&status=&duty=&limit=` — occurrences, earliest due first
/// - `GET  /api/v1/occurrences/{id}` — one occurrence
/// - `POST /api/v1/occurrences/{id}/done` — `{"count": 12, "note": "...", "by": "OFFICIAL_ID"}`
/// - `POST /api/v1/occurrences/{id}/waive` — `{"reason": "...", "by": "OFFICIAL_ID"}`
///
/// Every route wants `Authorization: Bearer <api token>` and answers 404 while no token is configured.
/// Errors are `{"error": {"code", "message"}}`: 400 bad request, 401 no or wrong token, 404 unknown
/// occurrence, 409 closed or not yet open, 413 body over 16 KiB, 422 unknown official.
public struct DutyAPI: Sendable {
    let schedule: ScheduleStore
    let directory: DirectoryStore
    let token: @Sendable () -> Secret<String>?
    let now: @Sendable () -> Date
    let logger: Logger

    /// - Parameters:
    ///   - schedule: Where occurrences are read and changed.
    ///   - directory: Checks that the official named in `by` exists.
    ///   - token: The configured bearer token, read per request (nil turns the API off); the daemon
    ///     passes its current configuration's `api.token`, so a reload applies at once.
    ///   - now: The clock deciding what is overdue and stamping completions; a virtual clock in simulations.
    public init(
        schedule: ScheduleStore,
        directory: DirectoryStore,
        token: @escaping @Sendable () -> Secret<String>?,
        now: @escaping @Sendable () -> Date = Date.init,
        logger: Logger
    ) {
        self.schedule = schedule
        self.directory = directory
        self.token = token
        self.now = now
        self.logger = logger
    }

    /// Adds the routes, behind the bearer-token check, to `router`.
    public func register<Context: RequestContext>(on router: Router<Context>) {
        let api = self
        let group = router.group("api/v1").add(middleware: BearerTokenMiddleware<Context>(token: self.token))
        group.get("occurrences") { request, _ in
            await api.answer { try await api.list(request) }
        }
        group.get("occurrences/:id") { _, context in
            await api.answer { try await api.show(try Self.occurrenceID(context)) }
        }
        group.post("occurrences/:id/done") { request, context in
            await api.answer { try await api.done(try Self.occurrenceID(context), request) }
        }
        group.post("occurrences/:id/waive") { request, context in
            await api.answer { try await api.waive(try Self.occurrenceID(context), request) }
        }
    }

    func list(_ request: Request) async throws -> Response {
        let filter = try Self.filter(request)
        return APIResponse.json(try await self.schedule.occurrences(filter, now: self.now()))
    }

    func show(_ id: Int64) async throws -> Response {
        guard let record = try await self.schedule.occurrence(id: id, now: self.now()) else {
            throw StoreError(.occurrenceNotFound, "没有编号为 \(id) 的任务 (no such occurrence)")
        }
        return APIResponse.json(record)
    }

    func done(_ id: Int64, _ request: Request) async throws -> Response {
        let body = try await Self.decodeBody(DoneRequest.self, request)
        guard let actor = try DutyText.trimmed(body.by, field: "by") else {
            throw APIError.badRequest("missing_by", "缺少确认人 by (missing field by)")
        }
        if let count = body.count, count < 0 || count.isNaN {
            throw APIError.badRequest("invalid_count", "count 应为 ≥ 0 的数 (count must be a number ≥ 0)")
        }
        let completion = Completion(
            achieved: body.count, note: try DutyText.trimmed(body.note, field: "note"), actor: actor,
            actorIsOfficial: true, channel: .http, at: self.now())
        let record = try await self.schedule.complete(occurrenceID: id, completion)
        self.logger.info("任务已确认完成 (occurrence done)", metadata: ["occurrence": "\(id)", "by": "\(actor)", "channel": "http"])
        return APIResponse.json(record)
    }

    func waive(_ id: Int64, _ request: Request) async throws -> Response {
        let body = try await Self.decodeBody(WaiveRequest.self, request)
        guard let reason = try DutyText.trimmed(body.reason, field: "reason") else {
            throw APIError.badRequest("missing_reason", "豁免须说明理由 reason (a waiver needs a reason)")
        }
        guard let actor = try DutyText.trimmed(body.by, field: "by") else {
            throw APIError.badRequest("missing_by", "缺少操作人 by (missing field by)")
        }
        // The store records any actor for a waiver; over HTTP it must be someone in the directory.
        guard try await self.directory.official(id: actor) != nil else {
            throw StoreError(.unknownOfficial, "组织目录中没有干部 \(actor) (unknown official)")
        }
        let record = try await self.schedule.waive(occurrenceID: id, reason: reason, actor: actor, channel: .http, at: self.now())
        self.logger.info("任务已豁免 (occurrence waived)", metadata: ["occurrence": "\(id)", "by": "\(actor)", "channel": "http"])
        return APIResponse.json(record)
    }

    /// Runs a handler and turns whatever it throws into the JSON error answer.
    /// Refusals are the caller's business and are not logged; failures of the daemon are.
    func answer(_ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch let error as APIError {
            return error.response
        } catch let error as StoreError {
            let answer = APIError(error)
            if answer.status.code >= 500 {
                self.logger.error("任务接口请求失败 (duty API request failed)", metadata: ["error": "\(error)"])
            }
            return answer.response
        } catch {
            self.logger.error("任务接口请求失败 (duty API request failed)", metadata: ["error": "\(error)"])
            return APIError(.internalServerError, code: "internal", "服务器内部错误 (internal error)").response
        }
    }
}
