import DixianDaemon
import DixianLinks
import DixianStore
import DixianTestSupport
import Foundation
import Testing

/// The links in the procedure's reminder emails lead to the step itself: verification, helper and plan,
/// measures in place; each step meets its clock and uses the link up, a refused form uses nothing.
@Suite("Procedure forms behind signed links", .serialized)
struct ProcedureLinkTests {
    static let form = ["Content-Type": "application/x-www-form-urlencoded"]

    static func encoded(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&")
    }

    @Test("verify, then helper and plan, then a measure in place, each through its reminder's link")
    func stepsThroughLinks() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let scene = try await MonitoringScenarioTests.prepared(endpoint, "procedure-links")
            let picked = try #require(try await scene.value(MonitoringScenarioTests.ordinaryHousehold)).split(separator: "|").map(String.init)
            let (household, head, village) = (picked[0], picked[1], picked[2])
            _ = try await scene.importIncome(head: head, village: village, income: "5000", period: "2026-02", day: 0)
            let links = try await TestDatabase.withClient(endpoint) { client in
                try await ActionLinks.make(Configuration.Links(), store: ScheduleStore(client: client, logger: TestDatabase.logger))
            }
            func link(duty: String, clockOf sql: String) async throws -> String {
                let row = try #require(try await scene.value("""
                    SELECT o.id || '|' || coalesce(o.official_id, '') FROM occurrences o
                     WHERE o.duty_id = '\(duty)' AND o.event_clock_id = (\(sql)) LIMIT 1
                    """)).split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                let official = row[1].isEmpty ? try await MonitoringScenarioTests.official(scene, role: "helper", village: village) : row[1]
                let url = try links.confirmURL(occurrenceID: try #require(Int64(row[0])), officialID: official, now: Date())
                return String(url.dropFirst(links.baseURL.count))
            }
            let daemon = try DaemonProcess(
                ["serve", "--config", scene.config, "--state-dir", scene.work + "/var"], logPath: scene.work + "/serve.log",
                workingDirectory: MonitoringScenarioTests.root)
            defer { daemon.kill() }
            let address = try #require(await daemon.httpAddress(timeout: .seconds(60)), "log:\n\(daemon.log)")

            // Verification: the page shows the household masked and the alert's reason.
            let verify = try await link(duty: "governance.alert_verification",
                                        clockOf: "SELECT event_clock_id FROM alerts WHERE household_id = '\(household)'")
            let page = try #require(await HTTPProbe.send("GET", address, verify))
            #expect(page.status == 200 && page.body.contains("返贫致贫风险核实") && page.body.contains("家庭人均纯收入低于防止返贫监测范围指导线"))
            #expect(page.body.contains(household) && page.body.contains("*") && !page.body.contains(head), "masked head, no ID")
            let refused = try #require(await HTTPProbe.send("POST", address, verify, headers: Self.form, body: Self.encoded([("outcome", "risk_confirmed")])))
            #expect(refused.status == 400 && refused.body.contains("须选择监测对象类别"))
            let verified = try #require(await HTTPProbe.send("POST", address, verify, headers: Self.form, body: Self.encoded([
                ("outcome", "risk_confirmed"), ("category", "marginal_vulnerable"), ("risk", "illness"), ("risk", "schooling"), ("on", "2026-03-04")])))
            #expect(verified.status == 200 && verified.body.contains("进入纳入审批"), "\(verified.body)")
            #expect(try await scene.value("SELECT outcome || ' ' || verified_channel || ' ' || verified_on::text FROM monitoring_signals WHERE household_id = '\(household)'")
                == "risk_confirmed link 2026-03-04")
            let again = try #require(await HTTPProbe.send("POST", address, verify, headers: Self.form, body: Self.encoded([("outcome", "already_monitored")])))
            #expect(again.status == 409, "a link records once")

            let caseNumber = try #require(try await scene.value("SELECT case_number FROM monitoring_cases WHERE household_id = '\(household)'"))
            for role in ["village_secretary", "town_office", "county_office"] {
                let official = try await MonitoringScenarioTests.official(scene, role: role, village: village)
                #expect(try await scene.run(["case", "approve", caseNumber, "--by", official], day: 3).status == 0)
            }
            let inclusionClock = "SELECT inclusion_clock_id FROM monitoring_cases WHERE case_number = '\(caseNumber)'"

            // Helper and plan in one form.
            let plan = try await link(duty: "governance.help_plan_within_deadline", clockOf: inclusionClock)
            let planPage = try #require(await HTTPProbe.send("GET", address, plan))
            #expect(planPage.status == 200 && planPage.body.contains("帮扶责任人") && planPage.body.contains(caseNumber))
            let helper = try await MonitoringScenarioTests.official(scene, role: "helper", village: village)
            let planned = try #require(await HTTPProbe.send("POST", address, plan, headers: Self.form, body: Self.encoded([
                ("helper", helper), ("plan", "医疗救助、助学补助"), ("on", "2026-03-08")])))
            #expect(planned.status == 200 && planned.body.contains("10日时限已完成"), "\(planned.body)")

            // Measures: a form without evidence is refused and leaves the link usable; two measures meet the clock.
            let measures = try await link(duty: "governance.measures_within_deadline", clockOf: inclusionClock)
            let missing = try #require(await HTTPProbe.send("POST", address, measures, headers: Self.form, body: Self.encoded([
                ("type", "health"), ("answers", "illness"), ("description", "大病救助")])))
            #expect(missing.status == 400 && missing.body.contains("请填写落实情况及佐证"))
            let first = try #require(await HTTPProbe.send("POST", address, measures, headers: Self.form, body: Self.encoded([
                ("type", "health"), ("answers", "illness"), ("description", "大病救助"), ("evidence", "救助金已发放"), ("on", "2026-03-20")])))
            #expect(first.status == 200 && !first.body.contains("30日时限已完成"), "\(first.body)")
            #expect(try await scene.value("SELECT status FROM occurrences WHERE duty_id = 'governance.measures_within_deadline' AND event_clock_id = (\(inclusionClock))") == "open",
                    "因学 has no measure in place yet")
            let second = try #require(await HTTPProbe.send("POST", address, measures, headers: Self.form, body: Self.encoded([("evidence", "x")])))
            #expect(second.status == 409, "the measures link was used by the first measure")
            #expect(try await scene.run(["case", "measure", caseNumber, "--type", "教育", "--risk", "因学", "--description", "助学金"], day: 20).status == 0)
            let shown = try await MonitoringScenarioTests.caseJSON(scene, caseNumber, day: 21)
            let clocks = try #require(shown["clocks"] as? [[String: Any]])
            #expect(clocks.first { $0["duty"] as? String == "governance.help_plan_within_deadline" }?["status"] as? String == "done")
            #expect(try await scene.value("SELECT count(*)::text FROM help_measures WHERE status = 'in_place'") == "1")
            #expect(try await scene.value("SELECT count(*)::text FROM audit_log WHERE channel = 'link' AND action LIKE 'case.%'") == "4",
                    "helper, plan, measure added and in place")
        }
    }
}
