import DixianCore
import DixianDirectory
import DixianStore
import Foundation
import Hummingbird
import Logging

/// The monitoring procedure's API (监测帮扶接口) under `/api/v1`, for township and county systems and the
/// console: the same steps as `dixian signal …` and `dixian case …`, through the channel `http`, with the
/// duty API's bearer token, error shape and database gate. Each step is one transaction or nothing.
public struct MonitoringAPI: Sendable {
    let desk: @Sendable () throws -> any ProcedureDesk
    let token: @Sendable () -> Secret<String>?
    let gate: DatabaseGate
    let logger: Logger

    public init(
        desk: @escaping @Sendable () throws -> any ProcedureDesk, token: @escaping @Sendable () -> Secret<String>?,
        gate: DatabaseGate, logger: Logger
    ) {
        self.desk = desk
        self.token = token
        self.gate = gate
        self.logger = logger
    }

    static let prefix = DutyAPI.prefix
    static let signalsRoute = HTTPRoute(prefix + "signals", [.get, .post])
    static let signalRoute = HTTPRoute(prefix + "signals/:id", [.get])
    static let verificationRoute = HTTPRoute(prefix + "signals/:id/verification", [.post])
    static let casesRoute = HTTPRoute(prefix + "cases", [.get])
    static let caseRoute = HTTPRoute(prefix + "cases/:id", [.get])
    static let decisionsRoute = HTTPRoute(prefix + "cases/:id/decisions", [.post])
    static let helperRoute = HTTPRoute(prefix + "cases/:id/helper", [.post])
    static let planRoute = HTTPRoute(prefix + "cases/:id/plan", [.post])
    static let measuresRoute = HTTPRoute(prefix + "cases/:id/measures", [.post])
    static let inPlaceRoute = HTTPRoute(prefix + "cases/:id/measures/:measure/in-place", [.post])
    static let eliminationRoute = HTTPRoute(prefix + "cases/:id/elimination", [.post])
    static let defectsRoute = HTTPRoute(prefix + "defects", [.get])

    public static let routes = [
        signalsRoute, signalRoute, verificationRoute, casesRoute, caseRoute, decisionsRoute, helperRoute, planRoute,
        measuresRoute, inPlaceRoute, eliminationRoute, defectsRoute,
    ]

    /// Adds the routes, behind the bearer-token check, to `router`; with `sessions`, a console session may read
    /// what its person sees.
    public func register<Context: RequestContext>(on router: Router<Context>, sessions: APISessionLookup? = nil) {
        let api = self
        let group = router.group("api/v1").add(middleware: APICallerMiddleware<Context>(token: self.token, sessions: sessions, logger: logger))
        func get(_ route: HTTPRoute, _ handler: @escaping @Sendable (Request, Context) async throws -> Response) {
            group.get(route.routerPath(under: Self.prefix)) { request, context in
                await APIAnswer.run(logger: api.logger) { try await handler(request, context) }
            }
        }
        func post(_ route: HTTPRoute, _ handler: @escaping @Sendable (Request, Context) async throws -> Response) {
            group.post(route.routerPath(under: Self.prefix)) { request, context in
                await APIAnswer.run(logger: api.logger) { try await handler(request, context) }
            }
        }
        get(Self.signalsRoute) { request, _ in try await api.signals(request) }
        post(Self.signalsRoute) { request, _ in try await api.addSignal(request) }
        get(Self.signalRoute) { _, context in try await api.signal(try Self.id(context)) }
        post(Self.verificationRoute) { request, context in try await api.verify(try Self.id(context), request) }
        get(Self.casesRoute) { request, _ in try await api.cases(request) }
        get(Self.caseRoute) { _, context in try await api.caseDetail(try Self.id(context)) }
        post(Self.decisionsRoute) { request, context in try await api.decide(try Self.id(context), request) }
        post(Self.helperRoute) { request, context in try await api.assignHelper(try Self.id(context), request) }
        post(Self.planRoute) { request, context in try await api.recordPlan(try Self.id(context), request) }
        post(Self.measuresRoute) { request, context in try await api.addMeasure(try Self.id(context), request) }
        post(Self.inPlaceRoute) { request, context in
            try await api.putInPlace(try Self.id(context), measure: try Self.id(context, "measure"), request)
        }
        post(Self.eliminationRoute) { request, context in try await api.eliminate(try Self.id(context), request) }
        get(Self.defectsRoute) { request, _ in try await api.defects(request) }
        for route in Self.routes { group.refuseOtherMethods(route, under: Self.prefix) }
    }

    static func id(_ context: some RequestContext, _ name: String = "id") throws -> Int64 {
        guard let id = context.parameters.get(name, as: Int64.self), id > 0 else {
            throw APIError.badRequest("invalid_id", "编号应为正整数 (\(name) must be a positive integer)")
        }
        return id
    }

    /// Reads the JSON body, allowing `by`, `on` and `keys`.
    static func body(_ request: Request, _ keys: [ProcedureRequest.CodingKeys]) async throws -> ProcedureRequest {
        let buffer = try await RequestBodyReader.read(request, limit: DutyAPI.maximumBodySize)
        guard buffer.readableBytes > 0 else { throw APIError.badRequest("invalid_json", "缺少 JSON 请求体 (missing JSON body)") }
        do {
            return try ProcedureRequest.decode(Data(buffer.readableBytesView), allowing: keys)
        } catch let error as APIError {
            throw error
        } catch let error as DecodingError {
            throw APIError.badRequest("invalid_json", DutyAPI.explain(error))
        }
    }

    /// The desk and the entry for a request's `by` (an official of the directory) and `on`.
    func prepared(_ body: ProcedureRequest) async throws -> (any ProcedureDesk, CaseEntry) {
        let desk = try self.desk()
        let by = try body.required(body.by, "by")
        try await gate.run("check official") { try await desk.store.checkOfficial(by) }
        return (desk, try desk.entry(actor: by, channel: .http, on: body.on))
    }

    /// Query parameters by name; an unknown one is an error.
    static func query(_ request: Request, allowing names: Set<String>) throws -> [String: String] {
        let parameters: [(name: String, value: String)]
        do {
            parameters = try RequestTarget.queryParameters(request.uri.query)
        } catch {
            throw APIError.badRequest("invalid_query", error.message)
        }
        var result: [String: String] = [:]
        for (name, value) in parameters {
            guard names.contains(name) else {
                throw APIError.badRequest("unknown_parameter", "未知参数 \(name) (unknown parameter);可用: \(names.sorted().joined(separator: ", "))")
            }
            result[name] = value
        }
        return result
    }

    static func unit(_ text: String?) throws -> DivisionCode? {
        guard let text else { return nil }
        guard let code = DivisionCode(prefix: text) else {
            throw APIError.badRequest("invalid_org", "单位代码无效 (invalid org code);应为 12 位代码或 2/4/6/9 位前缀")
        }
        return code
    }

    static func limit(_ text: String?) throws -> Int {
        guard let text else { return DutyAPI.defaultLimit }
        guard let value = Int(text), (1...DutyAPI.maximumLimit).contains(value) else {
            throw APIError.badRequest("invalid_limit", "limit 应为 1–\(DutyAPI.maximumLimit) (limit out of range)")
        }
        return value
    }
}
