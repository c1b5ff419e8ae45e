import DixianCore
import DixianPlugins
import DixianStore
import Foundation
import Hummingbird
import Logging

/// The stored overrides' API (覆盖配置接口) under `/api/v1`, for scripting what 本部门配置 does in the console and
/// `dixian plugins override` on the command line:
///
/// - `GET  /api/v1/plugins/{id}/override` — the plugin's versions, newest first, and who manages it
/// - `GET  /api/v1/plugins/{id}/override/versions/{version}` — one version
/// - `GET  /api/v1/plugins/{id}/override/diff?from=V1&to=V2` — two versions line by line (`0`: the plugin as shipped)
/// - `POST /api/v1/plugins/{id}/override/versions` — `{"body": "format_version: 1\n…", "by": "OFFICIAL_ID"}`: checked
///   as the loader checks it (422 `override_invalid` with every error's line and column, nothing stored), then
///   stored pending (201)
/// - `POST /api/v1/plugins/{id}/override/versions/{version}/approve|reject` — `{"by": "OFFICIAL_ID", "comment": "…"}`
///
/// The operator's token may do everything, acting as `by`, whom the store checks (a bureau writes its own sector's,
/// only the county office decides, never on its own version: 403 `override_refused`). A console session may read
/// the overrides its person may configure; any other plugin's is 404.
public struct PluginOverrideAPI: Sendable {
    let desk: @Sendable () throws -> any OverrideDesk
    let plugins: @Sendable () -> PluginSet
    let token: @Sendable () -> Secret<String>?
    let now: @Sendable () -> Date
    let gate: DatabaseGate
    let logger: Logger

    public init(
        desk: @escaping @Sendable () throws -> any OverrideDesk, plugins: @escaping @Sendable () -> PluginSet,
        token: @escaping @Sendable () -> Secret<String>?, now: @escaping @Sendable () -> Date = Date.init, gate: DatabaseGate, logger: Logger
    ) {
        (self.desk, self.plugins, self.token, self.now, self.gate, self.logger) = (desk, plugins, token, now, gate, logger)
    }

    static let prefix = DutyAPI.prefix
    static let overrideRoute = HTTPRoute(prefix + "plugins/:id/override", [.get])
    static let diffRoute = HTTPRoute(prefix + "plugins/:id/override/diff", [.get])
    static let versionsRoute = HTTPRoute(prefix + "plugins/:id/override/versions", [.post])
    static let versionRoute = HTTPRoute(prefix + "plugins/:id/override/versions/:version", [.get])
    static let approveRoute = HTTPRoute(prefix + "plugins/:id/override/versions/:version/approve", [.post])
    static let rejectRoute = HTTPRoute(prefix + "plugins/:id/override/versions/:version/reject", [.post])

    public static let routes = [overrideRoute, diffRoute, versionsRoute, versionRoute, approveRoute, rejectRoute]

    /// The largest body: an override text of 256 KiB (as the CLI and the console take) with room for the JSON.
    static let maximumBodySize = 512 * 1024

    /// Adds the routes, behind the bearer-token check, to `router`; with `sessions`, a console session may read.
    public func register<Context: RequestContext>(on router: Router<Context>, sessions: APISessionLookup? = nil) {
        let api = self
        let group = router.group("api/v1").add(middleware: APICallerMiddleware<Context>(token: self.token, sessions: sessions, logger: logger))
        func route(_ route: HTTPRoute, _ handler: @escaping @Sendable (Request, Context) async throws -> Response) {
            let path = route.routerPath(under: Self.prefix)
            let answer: @Sendable (Request, Context) async throws -> Response = { request, context in
                await APIAnswer.run(logger: api.logger) { try await handler(request, context) }
            }
            if route.methods.contains(.get) { group.get(path, use: answer) } else { group.post(path, use: answer) }
        }
        route(Self.overrideRoute) { _, context in try await api.overview(try api.plugin(context)) }
        route(Self.diffRoute) { request, context in try await api.diff(try api.plugin(context), request) }
        route(Self.versionRoute) { _, context in try await api.version(try api.plugin(context), try Self.version(context)) }
        route(Self.versionsRoute) { request, context in try await api.propose(try api.plugin(context), request) }
        route(Self.approveRoute) { request, context in
            try await api.decide(try api.plugin(context), try Self.version(context), approve: true, request)
        }
        route(Self.rejectRoute) { request, context in
            try await api.decide(try api.plugin(context), try Self.version(context), approve: false, request)
        }
        for route in Self.routes { group.refuseOtherMethods(route, under: Self.prefix) }
    }

    /// The route's plugin, when the caller may configure it: 404 for one that does not exist and, to a console
    /// session, for one its person may not configure.
    func plugin(_ context: some RequestContext) throws -> Plugin {
        let id = context.parameters.get("id") ?? ""
        let notFound = APIError(.notFound, code: "plugin_not_found", "没有插件 \(id) 或无权查看其覆盖配置 (no such plugin, or not yours to configure)")
        guard let plugin = plugins().plugin(id: id) else { throw notFound }
        if case .session(let session) = APICaller.current, OverrideAccess.writer(among: session.officials, of: id) == nil { throw notFound }
        return plugin
    }

    static func version(_ context: some RequestContext) throws -> Int {
        guard let version = context.parameters.get("version", as: Int.self), version > 0 else {
            throw APIError.badRequest("invalid_version", "版本号应为正整数 (version must be a positive integer)")
        }
        return version
    }
}
