import DixianConsole
import DixianDaemon
import DixianStore
import DixianTestSupport
import Foundation
import PostgresNIO
import Testing

/// 总览 of a real `dixian serve`, as the county office, a village cadre and a bureau see it: the same figures as
/// the database by an independent query, each scoped, and a town outside one's scope answers 404.
@Suite("Web console: the overview by unit, scoped by org and sector")
struct ConsoleOverviewTests {
    @Test("the county office sees every town with the database's counts; a cadre their village; a bureau its sector only")
    func overviewByScope() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let plan = try await TestDatabase.withClient(endpoint) { client in try await ScheduleTestPlan.install(client: client) }
            let console = try await ConsoleDaemon.start(endpoint, name: "console-overview", mail: false)
            defer { console.daemon.kill() }
            let address = console.address
            let bureau = try #require(try await ConsoleSignInTests.value(
                endpoint, "SELECT min(id) FROM officials WHERE 'bureau_contact' = ANY(roles) AND sector = 'education'"))
            let townName = try #require(try await ConsoleSignInTests.value(endpoint, "SELECT name FROM org_units WHERE code = '\(plan.firstTown)'"))
            // What is due this year up to now under the first town, by a query of the test's own.
            let yearStart = "date_trunc('year', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai'"
            let expected = try #require(try await ConsoleSignInTests.value(endpoint, """
                SELECT count(*) FILTER (WHERE status IN ('open', 'done')) || ' ' || count(*) FILTER (WHERE status = 'open')
                  FROM occurrences WHERE unit_code LIKE '\(plan.firstTown.significantPrefix)%'
                   AND due_at >= \(yearStart) AND due_at < now()
                """))
            #expect(expected != "0 0", "the fixture has an overdue duty in the first town")

            let office = try await Self.signIn("LC00005", endpoint, address)
            let county = try office.get("/console/overview")
            #expect(county.status == 200, "\(county.body.prefix(500))")
            #expect(county.body.contains("总览 · 岚川县"))
            #expect(county.body.contains("<svg class=\"meter\""))
            #expect(Self.towns(in: county.body) == 12)
            #expect(Self.dueAndOverdue(townName, in: county.body) == expected)
            let town = try office.get("/console/overview?unit=\(plan.firstTown)")
            #expect(town.status == 200 && town.body.contains("总览 · \(townName)") && town.body.contains("返回上一级"))

            let cadre = try await Self.signIn(plan.cadreID, endpoint, address)
            let own = try cadre.get("/console/overview")
            #expect(own.status == 200)
            #expect(Self.towns(in: own.body) == 0 && own.body.contains("（本级）"))
            // The last level of the drill-down: the village's occurrences, each with its page.
            #expect(own.body.contains("href=\"/console/occurrences/\(plan.openID)\"") && own.body.contains("href=\"/console/occurrences/\(plan.overdueID)\""))
            #expect(!own.body.contains("/console/occurrences/\(plan.notYetOpenID)\""), "not opened yet")
            let occurrence = try cadre.get("/console/occurrences/\(plan.overdueID)")
            #expect(occurrence.status == 200 && occurrence.body.contains("已逾期") && occurrence.body.contains("/console/occurrences/\(plan.overdueID)/done"))
            #expect(try cadre.get("/console/overview?unit=\(plan.otherTown)").status == 404, "another town")
            #expect(try cadre.get("/console/overview?unit=\(plan.firstTown)").status == 404, "the village's own town")

            let sector = try await Self.signIn(bureau, endpoint, address)
            let education = try sector.get("/console/overview")
            #expect(education.status == 200 && education.body.contains("只计本部门"))
            #expect(Self.dueAndOverdue(townName, in: education.body) == "0 0", "the fixture's duties belong to no education plugin")
            // 预警: a cadre's visit in the cadre's village and one in another town.
            func signal(_ unit: String, _ risk: String) async throws -> String {
                try #require(try await ConsoleSignInTests.value(endpoint, """
                    INSERT INTO monitoring_signals (source, household_id, unit_code, risk_types, raised_on, entered_at, entered_by, channel)
                    VALUES ('visit', 'H-\(risk)', (\(unit)), ARRAY['\(risk)'], current_date, now(), 'test', 'cli') RETURNING id::text
                    """))
            }
            let mine = try await signal("SELECT org_unit_code FROM officials WHERE id = '\(plan.cadreID)'", "illness")
            let theirs = try await signal("SELECT min(code) FROM org_units WHERE parent_code = '\(plan.otherTown)'", "disaster")
            let cadreSignals = try cadre.get("/console/signals")
            #expect(cadreSignals.status == 200 && cadreSignals.body.contains("因病"))
            #expect(cadreSignals.body.contains("id=\"s\(mine)\"") && !cadreSignals.body.contains("id=\"s\(theirs)\""))
            let countySignals = try office.get("/console/signals?status=pending")
            #expect(countySignals.body.contains("id=\"s\(mine)\"") && countySignals.body.contains("id=\"s\(theirs)\""))
            #expect(!(try office.get("/console/signals?status=verified").body.contains("id=\"s\(mine)\"")))
            #expect(!(try sector.get("/console/signals").body.contains("id=\"s\(mine)\"")), "a visit belongs to no sector")
            #expect(try office.get("/console/signals?status=bogus").status == 400)
            #expect(try office.get("/console/signals?page=0").status == 400)
            let second = try office.get("/console/signals?status=pending&page=2")
            #expect(second.status == 200 && !second.body.contains("id=\"s\(mine)\"") && second.body.contains("上一页"), "two signals fit one page")

            // 插件, read-only, for anyone signed in.
            let list = try cadre.get("/console/plugins")
            #expect(list.status == 200 && list.body.contains("/console/plugins/health"))
            let health = try cadre.get("/console/plugins/health")
            #expect(health.status == 200)
            #expect(health.body.contains("重点人群未签约家庭医生或签约过期") && health.body.contains("contract_term_months"))
            #expect(health.body.contains("months_between(signed_on, today())") && health.body.contains("<h2>筛查规则</h2>"))
            #expect(try cadre.get("/console/plugins/nonexistent").status == 404)
            await console.stop()
        }
    }

    /// A browser signed in as `officialID` through a link made in the database.
    static func signIn(_ officialID: String, _ endpoint: DatabaseEndpoint, _ address: String) async throws -> ConsoleClient {
        let token = try await TestDatabase.withClient(endpoint) { client in
            try await ConsoleStore(client: client, logger: TestDatabase.logger).issueSignInLink(
                officialIDs: [officialID], at: Date(), lifetime: 900, actor: "test", channel: "cli")
        }
        let browser = ConsoleClient(address)
        let path = "/console/sign-in/\(token.value)"
        let page = try browser.get(path)
        let answer = try browser.post(path, form: [("csrf", try #require(page.csrf))])
        #expect(answer.status == 303, "sign-in of \(officialID)")
        return browser
    }

    /// Rows that lead one level down (the towns of a county).
    static func towns(in html: String) -> Int {
        html.components(separatedBy: "<th scope=\"row\"><a href=\"/console/overview?unit=").count - 1
    }

    /// "due overdue" of the row of `name`.
    static func dueAndOverdue(_ name: String, in html: String) -> String? {
        let pattern = ">\(NSRegularExpression.escapedPattern(for: name))(</a>)?</th>\\s*<td>.*?</td>\\s*<td>(\\d+)</td><td>(\\d+)</td>"
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]),
              let match = regex.firstMatch(in: html, range: NSRange(html.startIndex..., in: html)),
              let due = Range(match.range(at: 2), in: html), let overdue = Range(match.range(at: 3), in: html)
        else { return nil }
        return "\(html[due]) \(html[overdue])"
    }
}
