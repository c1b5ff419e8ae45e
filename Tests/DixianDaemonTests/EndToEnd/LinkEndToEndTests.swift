#if canImport(Glibc)
import Glibc
#endif
import DixianDaemon
import DixianLinks
import DixianStore
import DixianTestSupport
import Foundation
import Testing

/// Signed one-click links and calendar feeds of a real `dixian serve`.
@Suite("Signed confirmation links and calendar feeds, end to end")
struct LinkEndToEndTests {
    @Test("GET shows the form and changes nothing; POST confirms once; a second use, a forged and a feed token are refused")
    func confirmationLink() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let (plan, links) = try await TestDatabase.withClient(endpoint) { client in
                let plan = try await ScheduleTestPlan.install(client: client)
                let links = try await ActionLinks.make(
                    Configuration.Links(), store: ScheduleStore(client: client, logger: TestDatabase.logger))
                return (plan, links)
            }
            let work = try makeWorkDirectory("links")
            // No planner: its first tick would replan the test's occurrences under the links being tested.
            try "plugins:\n  dir: \(DixianBinary.packageRoot)/plugins\nschedule:\n  enabled: false\n"
                .write(toFile: work + "/dixian.yaml", atomically: true, encoding: .utf8)
            let daemon = try DaemonProcess(
                ["serve", "--config", work + "/dixian.yaml", "--state-dir", work + "/var", "--listen", "127.0.0.1:0"],
                environment: ["DIXIAN_DATABASE_URL": endpoint.description], logPath: work + "/daemon.log")
            defer { daemon.kill() }
            let address = try #require(await daemon.httpAddress(timeout: .seconds(60)), "log:\n\(daemon.log)")
            // The daemon signs with the key the test read from the same database.
            let url = try links.confirmURL(occurrenceID: plan.openID, officialID: plan.cadreID, now: Date())
            let path = String(url.dropFirst(links.baseURL.count))
            #expect(path.hasPrefix("/a/"))

            let page = try #require(await HTTPProbe.send("GET", address, path))
            #expect(page.status == 200)
            #expect(page.body.contains("确认已完成"))
            #expect(page.header("Cache-Control") == "no-store")
            #expect(page.header("Referrer-Policy") == "no-referrer")
            let stillOpen = try await Self.status(plan.openID, endpoint)
            #expect(stillOpen == "open", "GET must not change anything")

            let form = ["Content-Type": "application/x-www-form-urlencoded"]
            let bad = try #require(await HTTPProbe.send("POST", address, path, headers: form, body: "achieved=abc"))
            #expect(bad.status == 400)
            #expect(try await Self.status(plan.openID, endpoint) == "open")

            let done = try #require(await HTTPProbe.send("POST", address, path, headers: form, body: "achieved=12&note=%E5%B7%B2%E8%B5%B0%E8%AE%BF"))
            #expect(done.status == 200, "\(done.body)")
            #expect(done.body.contains("已确认完成"))
            #expect(try await Self.status(plan.openID, endpoint) == "done")
            let trail = try await TestDatabase.withClient(endpoint) { client in
                try await ScheduleStore(client: client, logger: TestDatabase.logger).auditTrail(occurrenceID: plan.openID)
            }
            #expect(trail.last?.channel == "link")
            #expect(trail.last?.actor == plan.cadreID)

            let again = try #require(await HTTPProbe.send("POST", address, path, headers: form, body: "achieved=12"))
            #expect(again.status == 409)
            #expect(again.body.contains("链接已使用"))

            var forged = Array(path)
            forged[forged.count - 3] = forged[forged.count - 3] == "A" ? "B" : "A"
            let refused = try #require(await HTTPProbe.send("GET", address, String(forged)))
            #expect(refused.status == 403)
            #expect(refused.body.contains("链接无效"))

            let feedURL = try links.calendarURL(officialID: plan.cadreID, now: Date())
            let feedPath = String(feedURL.dropFirst(links.baseURL.count))
            let asConfirm = "/a/" + feedPath.dropFirst("/ical/".count).dropLast(".ics".count)
            #expect(await HTTPProbe.send("GET", address, asConfirm)?.status == 403, "a feed token is not a confirmation token")

            let feed = try #require(await HTTPProbe.send("GET", address, feedPath))
            #expect(feed.status == 200)
            #expect(feed.header("Content-Type")?.hasPrefix("text/calendar") == true)
            #expect(feed.body.hasPrefix("BEGIN:VCALENDAR\r\n"))
            #expect(feed.body.contains("BEGIN:VEVENT"))
            #expect(await HTTPProbe.send("GET", address, "/ical/garbage.ics")?.status == 404)

            let cli = try await CommandResult.run(
                ["duty", "ical", "--official", plan.cadreID, "--config", work + "/dixian.yaml"],
                environment: ["DIXIAN_DATABASE_URL": endpoint.description])
            #expect(cli.status == 0, "\(cli.errorOutput)")
            #expect(cli.output.contains("BEGIN:VEVENT"))
            daemon.send(SIGTERM)
            _ = await daemon.waitForExit(timeout: .seconds(60))
        }
    }

    static func status(_ id: Int64, _ endpoint: DatabaseEndpoint) async throws -> String? {
        try await TestDatabase.withClient(endpoint) { client in
            try await ScheduleStore(client: client, logger: TestDatabase.logger).occurrence(id: id, now: Date())?.status.rawValue
        }
    }
}
