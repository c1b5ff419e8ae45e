import DixianCore
import DixianDirectory
import DixianStore
import Foundation
import Hummingbird
import Logging

/// The data API (数据接口) under `/api/v1`, for bureau systems that push their monthly roll, and for reading
/// the alerts screening raised:
///
/// - `POST /api/v1/datasets/{plugin}/{dataset}/imports?period=YYYY-MM&dry_run=&skip_invalid=&sheet=` — the body
///   is the CSV or XLSX file itself (at most `api.import_max_bytes`); 200 with the import report when imported,
///   422 with the same report (every bad row) when refused, nothing written
/// - `GET /api/v1/alerts?org=&rule=&status=&limit=` — alerts, newest first, ID numbers masked
/// - `GET /api/v1/alerts/{id}` — one alert
///
/// Same bearer token, error shape and database gate as ``DutyAPI``.
public struct DataAPI: Sendable {
    /// What an import answered: whether it was refused, and the report as JSON.
    public struct ImportOutcome: Sendable {
        public var refused: Bool
        public var report: Data
        public init(refused: Bool, report: Data) {
            self.refused = refused
            self.report = report
        }
    }

    /// The import itself, done by the daemon's importer: plugin, dataset, file name, bytes, period, dry run,
    /// skip invalid, sheet. Throws ``APIError`` for an unknown dataset.
    public typealias Importer = @Sendable (
        _ plugin: String, _ dataset: String, _ bytes: [UInt8], _ period: String?, _ dryRun: Bool, _ skipInvalid: Bool,
        _ sheet: String?
    ) async throws -> ImportOutcome

    let screening: ScreeningStore
    let importer: Importer
    let maxBytes: @Sendable () -> Int
    let token: @Sendable () -> Secret<String>?
    let gate: DatabaseGate
    let logger: Logger

    public init(
        screening: ScreeningStore, importer: @escaping Importer, maxBytes: @escaping @Sendable () -> Int,
        token: @escaping @Sendable () -> Secret<String>?, gate: DatabaseGate, logger: Logger
    ) {
        self.screening = screening
        self.importer = importer
        self.maxBytes = maxBytes
        self.token = token
        self.gate = gate
        self.logger = logger
    }

    static let importRoute = HTTPRoute(DutyAPI.prefix + "datasets/:plugin/:dataset/imports", [.post])
    static let alertsRoute = HTTPRoute(DutyAPI.prefix + "alerts", [.get])
    static let alertRoute = HTTPRoute(DutyAPI.prefix + "alerts/:id", [.get])

    /// The data API's routes, under `/api/v1`.
    public static let routes = [importRoute, alertsRoute, alertRoute]

    /// Adds the routes, behind the bearer-token check, to `router`; with `sessions`, a console session may read
    /// what its person sees.
    public func register<Context: RequestContext>(on router: Router<Context>, sessions: APISessionLookup? = nil) {
        let api = self
        let group = router.group("api/v1").add(middleware: APICallerMiddleware<Context>(token: self.token, sessions: sessions, logger: logger))
        group.post(Self.importRoute.routerPath(under: DutyAPI.prefix)) { request, context in
            await APIAnswer.run(logger: api.logger) { try await api.importFile(request, context) }
        }
        group.get(Self.alertsRoute.routerPath(under: DutyAPI.prefix)) { request, _ in
            await APIAnswer.run(logger: api.logger) { try await api.alerts(request) }
        }
        group.get(Self.alertRoute.routerPath(under: DutyAPI.prefix)) { _, context in
            await APIAnswer.run(logger: api.logger) { try await api.alert(context) }
        }
        for route in Self.routes { group.refuseOtherMethods(route, under: DutyAPI.prefix) }
    }
}
