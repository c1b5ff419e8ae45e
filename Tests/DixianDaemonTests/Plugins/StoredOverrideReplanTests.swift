#if canImport(Glibc)
import Glibc
#endif
import DixianStore
import DixianTestSupport
import Foundation
import Testing

/// After the county office approves a stored override that changes a duty's reminders, two planning replicas both
/// reload it, and the planner replans once, on whichever replica leads: one applied tick, the duty's pending
/// reminders moved to the new time.
@Suite("Stored plugin overrides: an approval is replanned once, by the leader", .serialized)
struct StoredOverrideReplanTests {
    static let override = "format_version: 1\nduties:\n  send_teaching_visits:\n    reminders: [\"-3d@10:00\"]\n"

    static func count(_ endpoint: DatabaseEndpoint, _ sql: String) async throws -> Int {
        Int(try await ConsoleSignInTests.value(endpoint, sql) ?? "") ?? -1
    }

    @Test("two replicas reload; one applied tick follows; the duty's reminders go out at 10:00")
    func replannedOnce() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            _ = try await TestDatabase.withClient(endpoint) { client in try await ScheduleTestPlan.install(client: client) }
            let work = try makeWorkDirectory("override-replan")
            try "plugins:\n  dir: \(DixianBinary.packageRoot)/plugins\nschedule:\n  tick_interval: 1s\nnotify:\n  enabled: false\n"
                .write(toFile: work + "/dixian.yaml", atomically: true, encoding: .utf8)
            let environment = ["DIXIAN_DATABASE_URL": endpoint.description]
            let replicas = try (1...2).map { index in
                try DaemonProcess(
                    ["serve", "--config", work + "/dixian.yaml", "--state-dir", work + "/var\(index)", "--listen", "127.0.0.1:0"],
                    environment: environment, logPath: work + "/daemon\(index).log")
            }
            defer { replicas.forEach { $0.kill() } }
            for replica in replicas { #expect(await replica.httpAddress(timeout: .seconds(120)) != nil, "\(replica.excerpt)") }
            // The first plan, then quiet: ticks with unchanged inputs write no row.
            #expect(await poll(timeout: .seconds(300)) { (try? await Self.count(endpoint, "SELECT count(*)::text FROM schedule_ticks")) ?? 0 > 0 })
            try await Task.sleep(for: .seconds(5))
            let before = try await Self.count(endpoint, "SELECT count(*)::text FROM schedule_ticks")

            let file = work + "/education.yaml"
            try Self.override.write(toFile: file, atomically: true, encoding: .utf8)
            for arguments in [["set", "education", file, "--by", "LC00010"], ["approve", "education", "1", "--by", "LC00005"]] {
                let result = try await CommandResult.run(["plugins", "override"] + arguments + ["--config", work + "/dixian.yaml"], environment: environment)
                #expect(result.status == 0, "\(result.errorOutput)")
            }
            for replica in replicas {
                #expect(await replica.waitForLog("数据库覆盖配置生效 (stored override in force)", timeout: .seconds(60)), "\(replica.excerpt)")
            }
            #expect(await poll(timeout: .seconds(300)) { (try? await Self.count(endpoint, "SELECT count(*)::text FROM schedule_ticks")) ?? 0 > before })
            // Several more ticks on each replica: none replans again.
            try await Task.sleep(for: .seconds(5))
            let after = try await Self.count(endpoint, "SELECT count(*)::text FROM schedule_ticks")
            #expect(after == before + 1, "one applied tick after the approval, not one per replica: \(before) → \(after)")
            let moved = try await ConsoleSignInTests.value(endpoint, """
                SELECT string_agg(DISTINCT to_char(o.send_at AT TIME ZONE 'Asia/Shanghai', 'HH24:MI'), ',')
                  FROM outbox o JOIN occurrences c ON c.id = o.occurrence_id
                 WHERE c.duty_id = 'education.send_teaching_visits' AND o.kind = 'reminder' AND o.status = 'pending'
                """)
            #expect(moved == "10:00", "the duty's pending reminders follow the approved version: \(moved ?? "none")")
            for replica in replicas { replica.send(SIGTERM) }
            for replica in replicas { _ = await replica.waitForExit(timeout: .seconds(30)) }
        }
    }
}
