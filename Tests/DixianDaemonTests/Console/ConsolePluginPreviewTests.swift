import DixianStore
import DixianTestSupport
import Foundation
import Testing

/// 插件 → 下月提醒预览 of a real `dixian serve`, compared with what `dixian simulate` plans for the same month
/// over the same configuration and directory, as three officials see it.
@Suite("Web console: a plugin's reminders of next month, as dixian simulate plans them, scoped by org and sector")
struct ConsolePluginPreviewTests {
    /// One message of `dixian simulate --format json`.
    struct Message {
        var duty: String
        var unit: String
        var recipient: String
    }

    @Test("the county office sees simulate's count; a village cadre their village's and their own; a bureau its sector countywide")
    func previewByScope() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let plan = try await TestDatabase.withClient(endpoint) { client in try await ScheduleTestPlan.install(client: client) }
            let console = try await ConsoleDaemon.start(endpoint, name: "console-preview", mail: false)
            defer { console.daemon.kill() }
            let village = try #require(try await ConsoleSignInTests.value(
                endpoint, "SELECT org_unit_code FROM officials WHERE id = '\(plan.cadreID)'"))
            let bureau = try #require(try await ConsoleSignInTests.value(
                endpoint, "SELECT min(id) FROM officials WHERE 'bureau_contact' = ANY(roles) AND sector = 'education'"))
            let messages = try await Self.simulateNextMonth(console, endpoint)
            let byPlugin = Dictionary(grouping: messages) { String($0.duty.prefix { $0 != "." }) }
            let busiest = try #require(byPlugin.max { $0.value.count < $1.value.count }, "simulate plans something next month")

            let office = try await ConsoleOverviewTests.signIn("LC00005", endpoint, console.address)
            let page = try office.get("/console/plugins/\(busiest.key)/preview")
            #expect(page.status == 200, "\(page.body.prefix(500))")
            #expect(Self.total(page.body) == busiest.value.count, "the county office: every message of \(busiest.key)")
            #expect(page.body.contains("下月提醒预览") && page.body.contains("不保存、不发送"))
            #expect(try office.get("/console/plugins/\(busiest.key)").body.contains("/console/plugins/\(busiest.key)/preview"))

            let cadre = try await ConsoleOverviewTests.signIn(plan.cadreID, endpoint, console.address)
            let own = busiest.value.filter { $0.unit == village || $0.recipient == plan.cadreID }
            #expect(Self.total(try cadre.get("/console/plugins/\(busiest.key)/preview").body) == own.count, "the cadre's village")
            #expect(own.count < busiest.value.count, "the county has more than one village's messages")

            let sector = try await ConsoleOverviewTests.signIn(bureau, endpoint, console.address)
            let education = byPlugin["education"] ?? []
            #expect(Self.total(try sector.get("/console/plugins/education/preview").body) == education.count, "own sector, countywide")
            if busiest.key != "education" {
                let addressed = busiest.value.filter { $0.recipient == bureau }.count
                #expect(Self.total(try sector.get("/console/plugins/\(busiest.key)/preview").body) == addressed, "another sector: only their own")
            }
            #expect(try office.get("/console/plugins/nonexistent/preview").status == 404)
            await console.stop()
        }
    }

    /// Next month in the county's zone, planned by `dixian simulate` with the daemon's configuration and database.
    static func simulateNextMonth(_ console: ConsoleDaemon, _ endpoint: DatabaseEndpoint) async throws -> [Message] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let first = calendar.date(byAdding: .month, value: 1, to: calendar.dateInterval(of: .month, for: Date())!.start)!
        let last = calendar.date(byAdding: .day, value: -1, to: calendar.date(byAdding: .month, value: 1, to: first)!)!
        let format = DateFormatter()
        (format.calendar, format.timeZone, format.dateFormat) = (calendar, calendar.timeZone, "yyyy-MM-dd")
        let result = try await CommandResult.run(
            ["simulate", "--config", console.config, "--from", format.string(from: first), "--to", format.string(from: last), "--format", "json"],
            environment: ["DIXIAN_DATABASE_URL": endpoint.description])
        #expect(result.status == 0, "\(result.errorOutput)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        return try #require(report["messages"] as? [[String: Any]]).compactMap { message in
            guard let duty = message["duty_id"] as? String, let unit = message["unit_code"] as? String,
                  let recipient = message["recipient_id"] as? String else { return nil }
            return Message(duty: duty, unit: unit, recipient: recipient)
        }
    }

    /// The page's "共 N 条".
    static func total(_ html: String) -> Int? {
        guard let start = html.range(of: "<p>共 "), let end = html[start.upperBound...].range(of: " 条") else { return nil }
        return Int(html[start.upperBound..<end.lowerBound])
    }
}
