import DixianConsole
import DixianCore
import DixianDirectory
import DixianStore
import Foundation
import HTTPTypes
import Hummingbird

/// The JSON API called with a console session: the same figures as the pages, scoped as the person's pages
/// are. The bearer token stays the operator's key and sees the whole directory.
extension ConsoleRoutes {
    static let overviewAPIRoute = HTTPRoute("/api/v1/overview", [.get])

    /// What the caller of an API route may see: everything with the operator's bearer token, the person's scope
    /// with a console session cookie. A wrong token is 401; no credential 401, or 404 while the token API is off
    /// (an API that is off looks absent).
    func apiScope(_ request: Request) async -> APICallerMiddleware<BasicRequestContext>.Resolution {
        await APICallerMiddleware<BasicRequestContext>.caller(request, token: apiToken(), sessions: { try await apiSession($0) }, logger: logger)
    }

    /// The console session a JSON API request carries (``APISessionLookup``): its person's scope, and their
    /// scoped lookups of single objects.
    func apiSession(_ request: Request) async throws -> APISession? {
        guard let visitor = try await gate.run("console session", { try await visitor(request) }) else { return nil }
        let (store, now, scope) = (self.store, self.now, visitor.scope)
        return APISession(scope: scope, officials: visitor.officials) { object, id in
            switch object {
            case .occurrence: try await store.occurrence(id: id, in: scope, now: now()) != nil
            case .alert: try await store.alertUnit(id: id, in: scope) != nil
            case .signal: try await store.signalUnit(id: id, in: scope) != nil
            case .monitoringCase: try await store.caseUnit(id: id, in: scope) != nil
            }
        }
    }

    /// `GET /api/v1/overview[?unit=CODE]`: the overview's rows as JSON. Without `unit`, the person's top unit (the
    /// directory's top unit with the token); a unit outside the scope is 404.
    func overviewAPI(_ request: Request) async throws -> Response {
        let scope: AccessScope
        switch await apiScope(request) {
        case .caller(.operatorToken): scope = AccessScope(officialIDs: [], unitPrefixes: [""], sectorGrants: [], helperIDs: [], isCountyOffice: true)
        case .caller(.session(let session)): scope = session.scope
        case .refused(let refusal): return refusal
        }
        let requested = request.uri.queryParameters["unit"].map(String.init)
        var code = requested.map { DivisionCode(prefix: $0) } ?? Self.topUnit(of: scope)
        if requested == nil, scope.unitPrefixes == [""] { code = try await store.rootUnit() }
        guard let code, let unit = try await store.unit(code, in: scope) else { return APIError.notFound.response }
        let at = now(), zone = settings().timeZone
        let today = at.localDate(in: zone)
        let yearStart = CalendarDate(year: today.year, month: 1, day: 1)!.startOfDay(in: zone)
        let rows = try await store.overview(of: unit, in: scope, yearStart: yearStart, now: at)
        return APIResponse.json(OverviewAnswer(
            unit: .init(code: unit.code.rawValue, name: unit.name, level: unit.level.rawValue), year: today.year,
            sectorOnly: scope.unitPrefixes.isEmpty, rows: rows.map { OverviewAnswer.Row($0, own: $0.code == unit.code.rawValue) }))
    }

    /// Runs an API handler behind the database gate; failures answer JSON, as every `/api` handler's do.
    func answerJSON(_ body: @escaping @Sendable () async throws -> Response) async -> Response {
        await APIAnswer.run(logger: logger) { try await gate.run("console api", body) }
    }
}

/// `GET /api/v1/overview`'s answer.
struct OverviewAnswer: Encodable {
    struct Unit: Encodable {
        var code: String
        var name: String
        var level: String
    }

    struct Row: Encodable {
        var code: String
        var name: String
        var level: String
        /// The unit's own items (本级), not a unit below it.
        var own: Bool
        var dutiesDue: Int
        var dutiesDone: Int
        var dutiesOverdue: Int
        var completionRate: Double?
        var signals: Int
        var verifiedOnTime: Int
        var verificationsOverdue: Int
        var openCases: Int

        init(_ figures: ConsoleStore.UnitFigures, own: Bool) {
            (code, name, level, self.own) = (figures.code, figures.name, figures.level.rawValue, own)
            (dutiesDue, dutiesDone, dutiesOverdue, completionRate) = (figures.dutiesDue, figures.dutiesDone, figures.dutiesOverdue, figures.completionRate)
            (signals, verifiedOnTime, verificationsOverdue, openCases) = (figures.signals, figures.verifiedOnTime, figures.verificationsOverdue, figures.openCases)
        }

        enum CodingKeys: String, CodingKey {
            case code, name, level, own, signals
            case dutiesDue = "duties_due"
            case dutiesDone = "duties_done"
            case dutiesOverdue = "duties_overdue"
            case completionRate = "completion_rate"
            case verifiedOnTime = "verified_on_time"
            case verificationsOverdue = "verifications_overdue"
            case openCases = "open_cases"
        }
    }

    var unit: Unit
    var year: Int
    /// A bureau's figures count its own sector only.
    var sectorOnly: Bool
    var rows: [Row]

    enum CodingKeys: String, CodingKey {
        case unit, year, rows
        case sectorOnly = "sector_only"
    }
}
