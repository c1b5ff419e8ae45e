#if canImport(Glibc)
import Glibc
#endif
import DixianCore
import DixianDaemon
import DixianDirectory
import DixianScheduling
import DixianStore
import DixianTestSupport
import Foundation
import PostgresNIO
import Testing

@Suite("The scheduler end to end: one planner among replicas, restarts lose and duplicate nothing")
struct SchedulerEndToEndTests {
    /// 2026-07-01T00:00:00+08:00.
    static let july1 = Date(timeIntervalSince1970: 1_782_835_200)

    static func writeConfig(_ work: String, endpoint: DatabaseEndpoint) throws -> String {
        let path = work + "/dixian.yaml"
        try """
        database:
          url: "\(endpoint.description)"
        schedule:
          tick_interval: 1s
        notify:
          enabled: false
        http:
          listen: 127.0.0.1:0
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Migrates the database and imports the demo county, so that a tick has real work; returns what the
    /// daemon will load from `config`.
    static func installDemoCounty(config: String, endpoint: DatabaseEndpoint) async throws -> RunningConfiguration {
        let running = try DaemonOptions(configPath: config).loadRunningConfiguration()
        try await TestDatabase.withClient(endpoint) { client in
            try await Migrator().migrate(client: client, logger: TestDatabase.logger)
            try await DirectoryStore.importDemoIfEmpty(
                client: client, demoDirectory: "config/demo", knownRoles: running.roleCatalogue, logger: TestDatabase.logger)
        }
        return running
    }

    /// How many replicas have written a planning tick.
    static func planners(_ endpoint: DatabaseEndpoint) async -> Int {
        (try? await TestDatabase.withClient(endpoint) { client in
            var found = 0
            for try await count in try await client.query("SELECT count(DISTINCT instance_id) FROM schedule_ticks").decode(Int.self) {
                found = count
            }
            return found
        }) ?? 0
    }

    @Test("two replicas: exactly one plans; killing it hands the planning to the other")
    func handover() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let work = try makeWorkDirectory("planner-handover")
            let config = try Self.writeConfig(work, endpoint: endpoint)
            let daemons = try (0..<2).map { index in
                try DaemonProcess(["serve", "--config", config, "--state-dir", work + "/var\(index)"], logPath: work + "/d\(index).log")
            }
            defer { daemons.forEach { $0.kill() } }
            for daemon in daemons { _ = try #require(await daemon.httpAddress(timeout: .seconds(60)), "\(daemon.log)") }
            let acquired = "planner leadership acquired"
            #expect(await poll(timeout: .seconds(60)) { daemons.contains { $0.log.contains(acquired) } })
            try await Task.sleep(for: .seconds(3))
            let leaders = daemons.filter { $0.log.contains(acquired) }
            #expect(leaders.count == 1, "exactly one replica plans")
            let leader = try #require(leaders.first)
            let follower = try #require(daemons.first { $0 !== leader })
            // The leader's first tick commits eventually (a loaded machine makes it slow, not wrong); then exactly one
            // replica has ticked.
            #expect(await poll(timeout: .seconds(60)) { await Self.planners(endpoint) > 0 }, "no tick was written")
            #expect(await Self.planners(endpoint) == 1, "replicas that ticked")
            leader.send(SIGKILL)
            // The follower takes over once the dead leader's session lock is gone: eventually, not within a time.
            #expect(await poll(timeout: .seconds(60)) { follower.log.contains(acquired) }, "follower log:\n\(follower.log)")
            follower.send(SIGTERM)
            let followerExit = await follower.waitForExit(timeout: .seconds(60))
            #expect(followerExit == 0, "exit status \(followerExit.map(String.init) ?? "none: still running"); log:\n\(follower.excerpt)")
        }
    }

    @Test("a restart with unchanged inputs plans nothing: the first tick is skipped (fingerprint equal across processes)")
    func restartPlansNothing() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let work = try makeWorkDirectory("planner-restart")
            let config = try Self.writeConfig(work, endpoint: endpoint)
            _ = try await Self.installDemoCounty(config: config, endpoint: endpoint)
            let first = try DaemonProcess(["serve", "--config", config, "--state-dir", work + "/var"], logPath: work + "/first.log")
            defer { first.kill() }
            #expect(await first.waitForLog("planning tick applied", timeout: .seconds(180)), "\(first.log)")
            first.send(SIGTERM)
            let firstExit = await first.waitForExit(timeout: .seconds(60))
            #expect(firstExit == 0, "exit status \(firstExit.map(String.init) ?? "none: still running"); log:\n\(first.excerpt)")

            let second = try DaemonProcess(["serve", "--config", config, "--state-dir", work + "/var"], logPath: work + "/second.log")
            defer { second.kill() }
            let unchanged = "planning tick: inputs unchanged"
            #expect(await second.waitForLog(unchanged, timeout: .seconds(60)), "\(second.log)")
            #expect(!second.log.contains("planning tick applied"), "\(second.log)")
            let line = second.log.split(separator: "\n").first { $0.contains(unchanged) }
            let milliseconds = line.flatMap { $0.range(of: "ms=") }.flatMap { range in
                Int(line![range.upperBound...].prefix { $0.isNumber })
            }
            print("first tick after a restart: \(milliseconds.map { "\($0) ms" } ?? "?")")
            #expect(milliseconds.map { $0 < 5_000 } == true, "\(second.log)")
            second.send(SIGTERM)
            let secondExit = await second.waitForExit(timeout: .seconds(60))
            #expect(secondExit == 0, "exit status \(secondExit.map(String.init) ?? "none: still running"); log:\n\(second.excerpt)")
        }
    }

    @Test("20 restarts at random moments of a simulated month: the outbox holds exactly the planned keys")
    func restarts() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let work = try makeWorkDirectory("planner-restarts")
            let config = try Self.writeConfig(work, endpoint: endpoint)
            let running = try await Self.installDemoCounty(config: config, endpoint: endpoint)
            // A month of virtual time in about 90 real seconds.
            let rate = 31.0 * 86_400 / 90
            let started = ContinuousClock.now
            var random = SeededRandom(seed: 20_260_701)
            func clockArguments() -> [String] {
                let elapsed = ContinuousClock.now - started
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                let formatter = ISO8601DateFormatter()
                return ["--clock-start", formatter.string(from: Self.july1.addingTimeInterval(seconds * rate)), "--clock-rate", "\(rate)"]
            }
            for round in 0..<20 {
                let daemon = try DaemonProcess(
                    ["serve", "--config", config, "--state-dir", work + "/var"] + clockArguments(), logPath: work + "/r\(round).log")
                try await Task.sleep(for: .milliseconds(300 + Int(random.next() % 4_000)))
                daemon.send(random.next() % 2 == 0 ? SIGKILL : SIGTERM)
                _ = await daemon.waitForExit(timeout: .seconds(60))
                daemon.kill()
            }
            // A last run that is left to finish its tick.
            let last = try DaemonProcess(["serve", "--config", config, "--state-dir", work + "/var"] + clockArguments(), logPath: work + "/last.log")
            defer { last.kill() }
            let applied = await poll(timeout: .seconds(600)) {
                (try? await TestDatabase.withClient(endpoint) { client in
                    let rows = try await client.query("SELECT count(*) FROM schedule_state")
                    for try await count in rows.decode(Int.self) { return count == 1 }
                    return false
                }) ?? false
            }
            #expect(applied, "\(last.log)")
            last.send(SIGTERM)
            _ = await last.waitForExit(timeout: .seconds(60))

            try await TestDatabase.withClient(endpoint) { client in
                let directory = DirectoryStore(client: client, logger: TestDatabase.logger)
                var enabledSince: [String: Date] = [:]
                for try await (duty, since) in try await client.query("SELECT duty_id, enabled_since FROM schedule_duties").decode((String, Date).self) {
                    enabledSince[duty] = since
                }
                let first = try #require(enabledSince.values.min())
                let planner = SchedulePlanner(
                    plugins: running.plugins,
                    directory: DirectoryIndex(units: try await directory.units(), officials: try await directory.officials()),
                    // The daemon's own context: its zone, working hours and what each channel needs to reach someone.
                    context: running.configuration.scheduleContext(calendar: running.calendar))
                let expected = planner.plan(from: first, through: CalendarDate(year: 2026, month: 12, day: 31)!, enabledSince: enabledSince)
                var stored: [String] = []
                // Notices are not planned: the weekly bulletins the leader issued in the month are checked apart.
                var bulletins: Set<String> = []
                for try await (key, kind) in try await client.query("SELECT key, kind FROM outbox").decode((String, String).self) {
                    if kind == "notice" { bulletins.insert(String(key.split(separator: "/")[2])) } else { stored.append(key) }
                }
                var issued: [String] = []
                for try await week in try await client.query("SELECT week FROM bulletin_issues").decode(String.self) { issued.append(week) }
                // Whether a bulletin completes between two restarts depends on the machine; each one that did is whole.
                #expect(Set(issued) == bulletins && issued.count == Set(issued).count, "each week's bulletin issued once, with its rows")
                let expectedKeys = Set(expected.notifications.map(\.key))
                #expect(expectedKeys.count == expected.notifications.count)
                #expect(Set(stored).count == stored.count, "duplicate keys")
                let missing = expectedKeys.subtracting(stored)
                let extra = Set(stored).subtracting(expectedKeys)
                #expect(missing.isEmpty, "missing \(missing.count), e.g. \(missing.sorted().prefix(3))")
                #expect(extra.isEmpty, "unexpected \(extra.count), e.g. \(extra.sorted().prefix(3))")
                #expect(stored.count > 10_000)
                print("restarts: \(stored.count) planned messages, first tick clock \(first)")
            }
        }
    }

    @Test("simulate July–September 2026 on the demo county: monthly village duties each month, quarterly ones, office hours, no holidays")
    func simulateAcceptance() async throws {
        let result = try await CommandResult.run(["simulate", "--from", "2026-07-01", "--to", "2026-09-30", "--format", "json", "--demo"])
        #expect(result.status == 0, "\(result.errorOutput)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let messages = try #require(report["messages"] as? [[String: Any]])
        #expect(messages.count > 1_000)
        let employment = messages.filter {
            $0["duty_id"] as? String == "employment.employment_data_update" && $0["kind"] as? String == "reminder"
        }
        let dueDates = Set(employment.compactMap { $0["due_date"] as? String })
        #expect(dueDates.isSuperset(of: ["2026-07-03", "2026-08-03", "2026-09-03"]), "\(dueDates.sorted())")
        for message in employment {
            let sendAt = try #require(message["send_at"] as? String)
            let due = try #require(message["due_at"] as? String)
            #expect(sendAt <= due, "reminder after the deadline: \(message)")
        }
        let villages = Set(employment.compactMap { $0["unit_code"] as? String })
        #expect(villages.count >= 150, "every village is reminded")
        let holidays: Set<String> = ["2026-09-25", "2026-09-26", "2026-09-27"]
        for message in messages {
            let local = try #require(message["send_at_local"] as? String)
            #expect(!holidays.contains(String(local.prefix(10))), "sent on a public holiday: \(message)")
            let time = local.suffix(5)
            #expect(time >= "08:30" && time <= "17:30", "outside office hours: \(local)")
            #expect((message["send_at"] as? String)?.hasSuffix("+08:00") == true)
        }
        let periods = Set(messages.compactMap { $0["period_label"] as? String })
        #expect(periods.contains("2026年第三季度"), "quarterly duties appear: \(periods.sorted().prefix(20))")
    }
}
