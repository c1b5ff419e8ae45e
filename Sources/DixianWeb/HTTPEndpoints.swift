import Foundation
import Hummingbird
import Logging

/// The daemon's HTTP routes (接口): the operational ones here, the duty API and the signed-link pages
/// beside them, and the web console.
public enum HTTPEndpoints {
    /// Builds the router: `/healthz` (alive), `/readyz` (able to work), `/metrics` (Prometheus), and
    /// with `duty` the token-protected duty API under `/api/v1` (``DutyAPI``), with `links` the signed
    /// confirmation links `/a/TOKEN` and calendar feeds `/ical/TOKEN.ics` (``LinkRoutes``).
    ///
    /// Every route, and the answer for an unknown path, runs behind ``RequestGuardMiddleware``: 400 for a
    /// malformed target, 404/405 (with `Allow`)/501 for unknown paths and methods, JSON errors under
    /// `/api`, and no internal error text anywhere. HEAD is served wherever GET is.
    public static func router(
        readiness: ReadinessState, metrics: @escaping @Sendable () -> [UInt8],
        pluginOverrides: @escaping @Sendable () -> [String: Int] = { [:] }, duty: DutyAPI? = nil, data: DataAPI? = nil,
        links: LinkRoutes? = nil, apply: ApplyRoutes? = nil, monitoring: MonitoringAPI? = nil, overrides: PluginOverrideAPI? = nil,
        console: ConsoleRoutes? = nil,
        logger: Logger = Logger(label: "dixian.http")
    ) -> Router<DixianRequestContext> {
        let router = Router(context: DixianRequestContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: RequestGuardMiddleware(routes: Self.routes, logger: logger))
        router.get(Self.healthRoute.routerPath()) { _, _ in
            Self.response(.ok, contentType: "text/plain; charset=utf-8", body: Array("ok\n".utf8))
        }
        router.get(Self.readinessRoute.routerPath()) { _, _ in
            Self.readinessResponse(readiness.snapshot, pluginOverrides: pluginOverrides())
        }
        router.get(Self.metricsRoute.routerPath()) { _, _ in
            Self.response(.ok, contentType: "text/plain; version=0.0.4; charset=utf-8", body: metrics())
        }
        router.get(OpenAPIDocument.route.routerPath()) { _, _ in OpenAPIDocument.response() }
        for route in Self.operationalRoutes + [OpenAPIDocument.route] { router.refuseOtherMethods(route) }
        // A console session may read the JSON API too, scoped as the person's pages are.
        var sessions: APISessionLookup?
        if let console { sessions = { try await console.apiSession($0) } }
        duty?.register(on: router, sessions: sessions)
        data?.register(on: router, sessions: sessions)
        monitoring?.register(on: router, sessions: sessions)
        overrides?.register(on: router, sessions: sessions)
        links?.register(on: router)
        apply?.register(on: router)
        console?.register(on: router)
        return router
    }

    /// `/healthz`, `/readyz` and `/metrics`.
    public static let operationalRoutes = [healthRoute, readinessRoute, metricsRoute]
    static let healthRoute = HTTPRoute("/healthz", [.get])
    static let readinessRoute = HTTPRoute("/readyz", [.get])
    static let metricsRoute = HTTPRoute("/metrics", [.get])

    /// Every route the daemon serves.
    public static var routes: [HTTPRoute] { operationalRoutes + DutyAPI.routes + DataAPI.routes + MonitoringAPI.routes + PluginOverrideAPI.routes
        + LinkRoutes.routes
        + ApplyRoutes.routes + ConsoleRoutes.routes + [OpenAPIDocument.route] }

    /// 200 when ready, 503 otherwise; the JSON body names every problem and warning, and the version of each
    /// stored override this replica runs (`plugin_overrides`, plugin id → version).
    static func readinessResponse(_ readiness: Readiness, pluginOverrides: [String: Int] = [:]) -> Response {
        struct Body: Encodable {
            var status: String
            var problems: [Readiness.Item]
            var warnings: [Readiness.Item]
            var pluginOverrides: [String: Int]

            enum CodingKeys: String, CodingKey {
                case status, problems, warnings
                case pluginOverrides = "plugin_overrides"
            }
        }
        let body = Body(
            status: readiness.isReady ? "ready" : "not_ready",
            problems: readiness.problems, warnings: readiness.warnings, pluginOverrides: pluginOverrides
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(body)) ?? Data("{}".utf8)
        return Self.response(
            readiness.isReady ? .ok : .serviceUnavailable,
            contentType: "application/json; charset=utf-8", body: Array(data) + [UInt8(ascii: "\n")]
        )
    }

    private static func response(_ status: HTTPResponse.Status, contentType: String, body: [UInt8]) -> Response {
        Response(
            status: status,
            headers: [.contentType: contentType, .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: body))
        )
    }
}
