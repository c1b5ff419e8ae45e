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
/// Every route wants `Authorization: Bearer <api token>` and answers 404 while no token is configured. A console
/// session cookie may read instead, scoped to what its person sees (``APICallerMiddleware``).
/// Errors are `{"error": {"code", "message"}}`: 400 bad request (also a truncated body, NUL or a control
/// character in a field), 401 no or wrong token, 404 unknown occurrence, 405 wrong method (with `Allow`),
/// 409 closed or not yet open, 413 body over 32 KiB, 422 unknown official, 503 database unavailable
/// (with `Retry-After` and an error id; never the database's text).
public struct DutyAPI: Sendable {
    let schedule: ScheduleStore
    let directory: DirectoryStore
    let token: @Sendable () -> Secret<String>?
    let now: @Sendable () -> Date
    let gate: DatabaseGate
    let logger: Logger

    /// - Parameters:
    ///   - schedule: Where occurrences are read and changed.
    ///   - directory: Checks that the official named in `by` exists.
    ///   - token: The configured bearer token, read per request (nil turns the API off); the daemon
    ///     passes its current configuration's `api.token`, so a reload applies at once.
    ///   - now: The clock deciding what is overdue and stamping completions; a virtual clock in simulations.
    ///   - gate: The deadline and readiness check every database call of a request goes through.
    public init(
        schedule: ScheduleStore,
        directory: DirectoryStore,
        token: @escaping @Sendable () -> Secret<String>?,
        now: @escaping @Sendable () -> Date = Date.init,
        gate: DatabaseGate,
        logger: Logger
    ) {
        self.schedule = schedule
        self.directory = directory
        self.token = token
        self.now = now
        self.gate = gate
        self.logger = logger
    }

    /// Adds the routes, behind the bearer-token check, to `router`; with `sessions`, a console session may read
    /// what its person sees.
    public func register<Context: RequestContext>(on router: Router<Context>, sessions: APISessionLookup? = nil) {
        let api = self
        let group = router.group("api/v1").add(middleware: APICallerMiddleware<Context>(token: self.token, sessions: sessions, logger: logger))
        group.get(Self.listRoute.routerPath(under: Self.prefix)) { request, _ in
            await api.answer { try await api.list(request) }
        }
        group.get(Self.showRoute.routerPath(under: Self.prefix)) { _, context in
            await api.answer { try await api.show(try Self.occurrenceID(context)) }
        }
        group.post(Self.doneRoute.routerPath(under: Self.prefix)) { request, context in
            await api.answer { try await api.done(try Self.occurrenceID(context), request) }
        }
        group.post(Self.waiveRoute.routerPath(under: Self.prefix)) { request, context in
            await api.answer { try await api.waive(try Self.occurrenceID(context), request) }
        }
        for route in Self.routes { group.refuseOtherMethods(route, under: Self.prefix) }
    }

    static let prefix = "/api/v1/"
    static let listRoute = HTTPRoute(prefix + "occurrences", [.get])
    static let showRoute = HTTPRoute(prefix + "occurrences/:id", [.get])
    static let doneRoute = HTTPRoute(prefix + "occurrences/:id/done", [.post])
    static let waiveRoute = HTTPRoute(prefix + "occurrences/:id/waive", [.post])

    /// The duty API's routes, under `/api/v1`.
    public static let routes = [listRoute, showRoute, doneRoute, waiveRoute]

    func list(_ request: Request) async throws -> Response {
        var filter = try Self.filter(request)
        filter.scope = try APICaller.scope()
        let scoped = filter
        let (schedule, now) = (self.schedule, self.now())
        return APIResponse.json(try await self.gate.run("list") { try await schedule.occurrences(scoped, now: now) })
    }

    func show(_ id: Int64) async throws -> Response {
        let (schedule, now) = (self.schedule, self.now())
        let notFound = StoreError(.occurrenceNotFound, "没有编号为 \(id) 的任务 (no such occurrence)")
        try await APICaller.requireSeen(.occurrence, id, gate: gate, notFound: notFound)
        guard let record = try await self.gate.run("show", { try await schedule.occurrence(id: id, now: now) }) else { throw notFound }
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
        let schedule = self.schedule
        let record = try await self.gate.run("done") { try await schedule.complete(occurrenceID: id, completion) }
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
        let (schedule, directory, now) = (self.schedule, self.directory, self.now())
        let record = try await self.gate.run("waive") {
            // The store records any actor for a waiver; over HTTP it must be someone in the directory.
            guard try await directory.official(id: actor) != nil else {
                throw StoreError(.unknownOfficial, "组织目录中没有干部 \(actor) (unknown official)")
            }
            return try await schedule.waive(occurrenceID: id, reason: reason, actor: actor, channel: .http, at: now)
        }
        self.logger.info("任务已豁免 (occurrence waived)", metadata: ["occurrence": "\(id)", "by": "\(actor)", "channel": "http"])
        return APIResponse.json(record)
    }

    /// Runs a handler and turns whatever it throws into the JSON error answer (``APIAnswer``).
    func answer(_ body: () async throws -> Response) async -> Response {
        await APIAnswer.run(logger: logger, body)
    }
}
