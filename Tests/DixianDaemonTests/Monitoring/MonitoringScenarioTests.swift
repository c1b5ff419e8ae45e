import DixianStore
import DixianTestSupport
import Foundation
import PostgresNIO
import Testing

/// Issue 13's acceptance: one household's year through the binary, on a rehearsal clock (`DIXIAN_CLOCK_START`
/// for each command, `serve --clock-start` for the dispatcher). Day 0 is the sector alert; the help plan and
/// measures count from the inclusion on day 5, so "day 12" and "day 28" below are days after inclusion.
@Suite("Monitoring procedure: a household's year", .serialized)
struct MonitoringScenarioTests {
    static let root = DixianBinary.packageRoot
    /// Day 0: Monday 2 March 2026.
    static let day0 = DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "Asia/Shanghai"),
                                     year: 2026, month: 3, day: 2, hour: 9).date!

    static func instant(day: Int, hour: Int = 10) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        return formatter.string(from: day0.addingTimeInterval(Double(day) * 86_400 + Double(hour - 9) * 3600))
    }

    static func date(day: Int) -> String { String(instant(day: day).prefix(10)) }

    struct Scene {
        var endpoint: DatabaseEndpoint
        var config: String
        var work: String

        /// Runs `dixian` on the rehearsal clock at `day`.
        func run(_ arguments: [String], day: Int, hour: Int = 10) async throws -> CommandResult {
            try await CommandResult.run(
                arguments + ["--config", config], environment: ["DIXIAN_CLOCK_START": MonitoringScenarioTests.instant(day: day, hour: hour)],
                workingDirectory: MonitoringScenarioTests.root)
        }

        func value(_ sql: String) async throws -> String? {
            try await TestDatabase.withClient(endpoint) { client in
                for try await value in try await client.query(PostgresQuery(unsafeSQL: sql)).decode(String?.self) { return value }
                return nil
            }
        }

        /// Writes one income roll row for the head and imports it as the given period.
        func importIncome(head: String, village: String, income: String, period: String, day: Int) async throws -> CommandResult {
            let path = work + "/income-\(period).csv"
            try "户主公民身份号码,所在村区划代码,收入年度,家庭人均纯收入（元）,上年家庭人均纯收入（元）\r\n\(head),\(village),2024,\(income),\r\n"
                .write(toFile: path, atomically: true, encoding: .utf8)
            return try await run(["data", "import", "governance.household_income", path, "--period", period], day: day)
        }
    }

    static func prepared(_ endpoint: DatabaseEndpoint, _ name: String) async throws -> Scene {
        let work = try makeWorkDirectory(name)
        let fixture = NotifierFixture(endpoint: endpoint, work: work)
        let config = try fixture.writeConfig(channels: "email:\n  type: maildir\n  dir: \(work)/mail")
        try await fixture.prepare(configPath: config)
        let scene = Scene(endpoint: endpoint, config: config, work: work)
        let demo = root + "/config/demo/register"
        let register = try await scene.run(
            ["register", "import", "--households", demo + "/households.csv", "--persons", demo + "/persons.csv"], day: 0, hour: 9)
        try #require(register.status == 0, "\(register.output)\(register.errorOutput)")
        return scene
    }

    /// A 脱贫户 that the caution and safety-net rules leave alone: no one 65 or older by the year's end, someone able
    /// to work, neither 特困 nor without labour.
    static let ordinaryHousehold = """
        SELECT h.household_id || '|' || h.head_resident_id || '|' || h.village_code FROM reg_households h
         WHERE h.household_type = '脱贫户' AND NOT coalesce(h.is_tekun, false) AND NOT coalesce(h.no_labour, false)
           AND NOT EXISTS (SELECT 1 FROM reg_persons p WHERE p.household_id = h.household_id AND p.birth_date < date '1962-01-01')
           AND EXISTS (SELECT 1 FROM reg_persons p WHERE p.household_id = h.household_id
                        AND p.labour_capacity IN ('技能劳动力', '普通劳动力'))
           AND EXISTS (SELECT 1 FROM officials o WHERE o.org_unit_code = h.village_code AND 'village_secretary' = ANY(o.roles))
         ORDER BY h.household_id LIMIT 1
        """

    /// The first active official with `role` at the unit or above it (by code prefix).
    static func official(_ scene: Scene, role: String, village: String) async throws -> String {
        let town = String(village.prefix(9)) + "000"
        let county = String(village.prefix(6)) + "000000"
        let id = try await scene.value("""
            SELECT id FROM officials WHERE active AND '\(role)' = ANY(roles)
               AND org_unit_code IN ('\(village)', '\(town)', '\(county)') ORDER BY org_unit_code DESC, id LIMIT 1
            """)
        return try #require(id, "no \(role) for \(village)")
    }

    @Test("alert → verified day 3 → included day 5 → late plan (town escalated) → measures → refused, then eliminated")
    func householdYear() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let scene = try await Self.prepared(endpoint, "monitoring-year")
            let picked = try #require(try await scene.value(Self.ordinaryHousehold)).split(separator: "|").map(String.init)
            let (household, head, village) = (picked[0], picked[1], picked[2])

            // Day 0: the income roll puts the household below the line; screening raises the alert.
            let imported = try await scene.importIncome(head: head, village: village, income: "5000", period: "2026-02", day: 0)
            try #require(imported.status == 0, "\(imported.output)\(imported.errorOutput)")
            let signals = try await scene.run(["signal", "list", "--source", "sector", "--format", "json"], day: 1)
            let listed = try #require(try JSONSerialization.jsonObject(with: Data(signals.output.utf8)) as? [[String: Any]])
            let signal = try #require(listed.first { $0["householdID"] as? String == household }, "\(signals.output)")
            #expect(signal["raisedOn"] as? String == Self.date(day: 0))
            #expect(signal["verifyBy"] as? String == Self.date(day: 7), "alert_verify_days is 7")
            let signalNumber = try #require(signal["number"] as? String)

            // Day 3: the village verifies; a case proposes inclusion.
            let secretary = try await Self.official(scene, role: "village_secretary", village: village)
            let verified = try await scene.run(
                ["signal", "verify", signalNumber, "--outcome", "risk_confirmed", "--category", "脱贫不稳定户", "--risk", "因病",
                 "--by", secretary], day: 3)
            #expect(verified.status == 0, "\(verified.output)\(verified.errorOutput)")
            let caseNumber = try #require(verified.output.range(of: #"JC\d{8}"#, options: .regularExpression).map { String(verified.output[$0]) })
            #expect(try await scene.value("SELECT status FROM alerts WHERE household_id = '\(household)'") == "verified")
            #expect(try await scene.value("""
                SELECT o.status FROM occurrences o JOIN monitoring_signals s ON s.event_clock_id = o.event_clock_id
                 WHERE s.household_id = '\(household)'
                """) == "done", "the verification duty is met")

            // Day 4–5: 村级评议 → 乡镇审核 → 县级审定; a wrong role is refused and changes nothing.
            let townOffice = try await Self.official(scene, role: "town_office", village: village)
            let countyOffice = try await Self.official(scene, role: "county_office", village: village)
            let early = try await scene.run(["case", "approve", caseNumber, "--by", townOffice], day: 4)
            #expect(early.status == 1 && early.errorOutput.contains("village_secretary"), "\(early.output)\(early.errorOutput)")
            for (official, day) in [(secretary, 4), (townOffice, 5), (countyOffice, 5)] {
                let approved = try await scene.run(["case", "approve", caseNumber, "--by", official, "--comment", "同意"], day: day)
                #expect(approved.status == 0, "\(approved.output)\(approved.errorOutput)")
            }
            #expect(try await scene.value("SELECT household_type FROM reg_households WHERE household_id = '\(household)'") == "监测户")
            let shown = try await Self.caseJSON(scene, caseNumber, day: 6)
            let clocks = try #require(shown["clocks"] as? [[String: Any]])
            let due = Dictionary(uniqueKeysWithValues: clocks.compactMap { clock in
                (clock["duty"] as? String).map { ($0, clock["dueDate"] as? String ?? "") }
            })
            #expect(due["governance.help_plan_within_deadline"] == Self.date(day: 15), "10 days after inclusion on day 5")
            #expect(due["governance.measures_within_deadline"] == Self.date(day: 35), "30 days after inclusion")

            // Inclusion + 11 days, 09:00 passed: the dispatcher sends the escalation to the town office.
            let townEmail = try await Self.email(scene, townOffice)
            try await Self.dispatch(scene, atDay: 16, until: { messages in
                messages.contains { $0.contains(townEmail) && $0.contains(caseNumber) && $0.contains("逾期") }
            })

            // Inclusion + 12 (day 17): helper and plan, late; inclusion + 28 (day 33): the measure in place.
            let helper = try await Self.official(scene, role: "helper", village: village)
            #expect(try await scene.run(["case", "helper", caseNumber, "--official", helper], day: 17).status == 0)
            let plan = try await scene.run(["case", "plan", caseNumber, "--text", "落实医疗救助，安排公益性岗位"], day: 17)
            #expect(plan.status == 0 && plan.output.contains("完成时限任务 1 项"), "\(plan.output)\(plan.errorOutput)")
            let measure = try await scene.run(
                ["case", "measure", caseNumber, "--type", "健康", "--risk", "因病", "--description", "大病补充医疗保险报销"], day: 17)
            #expect(measure.status == 0, "\(measure.output)\(measure.errorOutput)")
            let measureID = try #require(measure.output.range(of: #"#\d+"#, options: .regularExpression).map { String(measure.output[$0].dropFirst()) })
            let inPlace = try await scene.run(["case", "in-place", caseNumber, "--measure", measureID, "--evidence", "报销单据已核"], day: 33)
            #expect(inPlace.status == 0 && inPlace.output.contains("完成时限任务 1 项"), "\(inPlace.output)\(inPlace.errorOutput)")
            let met = try #require(try await Self.caseJSON(scene, caseNumber, day: 34)["clocks"] as? [[String: Any]])
            let lateness = Dictionary(uniqueKeysWithValues: met.compactMap { clock in (clock["duty"] as? String).map { ($0, clock["late"] as? Bool) } })
            #expect(lateness["governance.help_plan_within_deadline"] == true, "the plan came on day 12 after inclusion")
            #expect(lateness["governance.measures_within_deadline"] == false, "the measure came on day 28")

            // Day 120: income still below the line — refused with exactly that reason, and the case stays monitored.
            let check = try await scene.run(["case", "eliminate", caseNumber, "--check", "--format", "json"], day: 120)
            #expect(check.status == 2, "\(check.output)\(check.errorOutput)")
            let verdict = try #require(try JSONSerialization.jsonObject(with: Data(check.output.utf8)) as? [String: Any])
            let refusals = try #require(verdict["refusals"] as? [[String: Any]])
            #expect(refusals.compactMap { $0["code"] as? String } == ["income_not_above_line"], "\(refusals)")
            #expect((refusals.first?["message"] as? String)?.contains("未超过监测标准7800") == true)
            let refused = try await scene.run(["case", "eliminate", caseNumber], day: 120)
            #expect(refused.status == 2 && refused.output.contains("不予通过"), "\(refused.output)\(refused.errorOutput)")
            #expect(try await scene.value("SELECT stage FROM monitoring_cases WHERE case_number = '\(caseNumber)'") == "monitored")

            // A new income record (day 121), then elimination through its chain (day 122–123): the clocks stop.
            let newIncome = try await scene.importIncome(head: head, village: village, income: "9100", period: "2026-06", day: 121)
            #expect(newIncome.status == 0, "\(newIncome.output)\(newIncome.errorOutput)")
            let proposed = try await scene.run(["case", "eliminate", caseNumber], day: 122)
            #expect(proposed.status == 0 && proposed.output.contains("已提出风险消除"), "\(proposed.output)\(proposed.errorOutput)")
            for official in [secretary, townOffice, countyOffice] {
                let approved = try await scene.run(["case", "approve", caseNumber, "--by", official], day: 123)
                #expect(approved.status == 0, "\(approved.output)\(approved.errorOutput)")
            }
            #expect(try await scene.value("SELECT stage || ' ' || eliminated_on::text FROM monitoring_cases WHERE case_number = '\(caseNumber)'")
                == "eliminated \(Self.date(day: 123))")
            #expect(try await scene.value("""
                SELECT count(*)::text FROM occurrences o JOIN event_clocks e ON e.id = o.event_clock_id
                  JOIN outbox m ON m.occurrence_id = o.id
                 WHERE e.case_number = '\(caseNumber)' AND (o.status = 'open' OR m.status = 'pending')
                """) == "0", "no open clock and no pending reminder is left")
            let timeline = try await scene.run(["case", "timeline", caseNumber], day: 124)
            for step in ["风险信号", "核实", "纳入审批", "明确帮扶责任人", "帮扶措施", "风险消除不予通过", "风险消除审批", "逾期完成"] {
                #expect(timeline.output.contains(step), "timeline lacks \(step):\n\(timeline.output)")
            }
            #expect(timeline.output.range(of: #"\d{17}[\dX]"#, options: .regularExpression) == nil, "no full ID in the timeline")
            #expect(try await scene.value("SELECT count(*)::text FROM audit_log WHERE action LIKE 'case.%' OR action LIKE 'signal.%'") == "13",
                    "verify, 3 approvals, helper, plan, measure, in place, refused, proposed, 3 approvals; not the refused approval")
        }
    }
}
