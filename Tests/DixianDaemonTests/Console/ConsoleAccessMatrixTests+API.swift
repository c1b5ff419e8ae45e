import DixianTestSupport
import DixianWeb
import Foundation
import Testing

/// The JSON API called with a console session instead of the operator's token: every API route × every role.
/// The daemon runs without a token, so signed out is 404 (an API that is off looks absent); a session reads what
/// the person's pages show, an id outside it is 404, and every write is 403 before its body is read.
extension ConsoleAccessMatrixTests {
    /// Every route and method of the duty, data and monitoring APIs, as `METHOD /path`.
    static var apiRoutes: Set<String> {
        Set((DutyAPI.routes + DataAPI.routes + MonitoringAPI.routes + PluginOverrideAPI.routes).flatMap { route in route.methods.map { "\($0) \(route.path)" } })
    }

    /// Columns as in ``rows(plan:fixture:monitored:awaiting:sector:pending:)``.
    static func apiRows(plan: ScheduleTestPlan, fixture: ConsoleCaseFixture, monitored: Int64, awaiting: Int64, sector: Int64, alert: Int64) -> [Row] {
        let list = [404, 200, 200, 200, 200, 200, 200, 200]
        let write = [404, 403, 403, 403, 403, 403, 403, 403]
        let body = [("by", "LC00005")]
        func get(_ route: String, _ path: String, _ expected: [Int]) -> Row {
            Row(route: "/api/v1/" + route, method: "GET", path: "/api/v1/" + path, expected: expected)
        }
        func post(_ route: String, _ path: String) -> Row {
            Row(route: "/api/v1/" + route, method: "POST", path: "/api/v1/" + path, form: body, expected: write)
        }
        return [
            get("occurrences", "occurrences", list),
            get("occurrences/:id", "occurrences/\(plan.openID)", [404, 200, 404, 200, 200, 200, 404, 404]),
            get("occurrences/:id", "occurrences/\(plan.otherTownID)", [404, 200, 404, 404, 404, 404, 200, 404]),
            post("occurrences/:id/done", "occurrences/\(plan.openID)/done"),
            post("occurrences/:id/waive", "occurrences/\(plan.openID)/waive"),
            post("datasets/:plugin/:dataset/imports", "datasets/education/roll/imports"),
            get("alerts", "alerts", list),
            get("alerts/:id", "alerts/\(alert)", [404, 200, 200, 200, 200, 200, 404, 404]),
            get("signals", "signals", list),
            post("signals", "signals"),
            get("signals/:id", "signals/\(fixture.signalID)", [404, 200, 404, 200, 200, 200, 404, 200]),
            get("signals/:id", "signals/\(fixture.otherSignalID)", [404, 200, 404, 404, 404, 404, 200, 404]),
            get("signals/:id", "signals/\(sector)", [404, 200, 200, 200, 200, 200, 404, 404]),
            post("signals/:id/verification", "signals/\(sector)/verification"),
            get("cases", "cases", list),
            get("cases/:id", "cases/\(monitored)", [404, 200, 404, 200, 200, 200, 404, 200]),
            get("cases/:id", "cases/\(awaiting)", [404, 200, 404, 200, 200, 200, 404, 404]),
            post("cases/:id/decisions", "cases/\(awaiting)/decisions"),
            post("cases/:id/helper", "cases/\(monitored)/helper"),
            post("cases/:id/plan", "cases/\(monitored)/plan"),
            post("cases/:id/measures", "cases/\(monitored)/measures"),
            post("cases/:id/measures/:measure/in-place", "cases/\(monitored)/measures/1/in-place"),
            post("cases/:id/elimination", "cases/\(monitored)/elimination"),
            get("defects", "defects", [404, 200, 404, 200, 200, 200, 200, 404]),
            get("defects", "defects?org=\(plan.firstTown)", [404, 200, 404, 200, 404, 404, 404, 404]),
            // Stored overrides: the county office and education's bureau read education's; nobody else.
            get("plugins/:id/override", "plugins/education/override", [404, 200, 200, 404, 404, 404, 404, 404]),
            get("plugins/:id/override", "plugins/health/override", [404, 200, 404, 404, 404, 404, 404, 404]),
            get("plugins/:id/override/diff", "plugins/education/override/diff?from=0&to=1", [404, 200, 200, 404, 404, 404, 404, 404]),
            get("plugins/:id/override/versions/:version", "plugins/education/override/versions/1", [404, 200, 200, 404, 404, 404, 404, 404]),
            post("plugins/:id/override/versions", "plugins/education/override/versions"),
            post("plugins/:id/override/versions/:version/approve", "plugins/education/override/versions/1/approve"),
            post("plugins/:id/override/versions/:version/reject", "plugins/education/override/versions/1/reject"),
        ]
    }

    /// What the lists hold for a session: the ids each person must and must not find, per list.
    static func checkScopedLists(
        _ browsers: [Who: ConsoleClient], plan: ScheduleTestPlan, fixture: ConsoleCaseFixture, monitored: Int64, awaiting: Int64,
        sector: Int64, alert: Int64
    ) throws {
        func ids(_ who: Who, _ path: String) throws -> Set<Int64> {
            let answer = try #require(browsers[who]).get("/api/v1/" + path)
            #expect(answer.status == 200, "\(who.rawValue) GET \(path): \(answer.status) \(answer.body)")
            let items = try #require(try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [[String: Any]])
            return Set(items.compactMap { ($0["id"] as? NSNumber)?.int64Value })
        }
        let cadreOccurrences = try ids(.villageCadre, "occurrences?limit=1000")
        #expect(cadreOccurrences.contains(plan.openID) && !cadreOccurrences.contains(plan.otherTownID))
        let otherOccurrences = try ids(.otherTownCadre, "occurrences?limit=1000")
        #expect(otherOccurrences.contains(plan.otherTownID) && !otherOccurrences.contains(plan.openID))
        #expect(try ids(.helper, "occurrences?limit=1000").isDisjoint(with: [plan.openID, plan.otherTownID]))

        #expect(try ids(.educationBureau, "alerts") == [alert], "the bureau sees its sector's alert")
        #expect(try ids(.otherTownCadre, "alerts").isEmpty)
        #expect(try ids(.educationBureau, "signals") == [sector], "a visit belongs to no sector")
        #expect(try ids(.villageCadre, "signals").isSuperset(of: [fixture.signalID, sector]))
        #expect(!(try ids(.villageCadre, "signals").contains(fixture.otherSignalID)))
        #expect(try ids(.otherTownCadre, "signals").contains(fixture.otherSignalID))

        #expect(try ids(.helper, "cases") == [monitored], "a helper sees the household they help, nothing else")
        #expect(try ids(.villageCadre, "cases").isSuperset(of: [monitored, awaiting]))
        #expect(try ids(.otherTownCadre, "cases").isDisjoint(with: [monitored, awaiting]))
        #expect(try ids(.educationBureau, "cases").isDisjoint(with: [monitored, awaiting]), "cases opened from visits are no sector's")
        #expect(try ids(.countyOffice, "cases").isSuperset(of: [monitored, awaiting]))
    }
}
