#if canImport(Glibc)
import Glibc
#endif
import DixianCore
import DixianStore
import DixianTestSupport
import Foundation
import PostgresNIO
import Testing

/// Issue 18: after kill -9 during the first planning tick, the restart's replanning cancelled pending
/// dead-letter notices, and dead messages were left with no notice to the county office.
@Suite("Dead-letter notices survive kill -9 and the restart's replanning")
struct NoticeCrashTests {
    /// How many times the daemon is killed.
    static let kills = 24

    @Test("every dead message keeps a notice, sent or pending, through 24 kills during the first tick and the drain")
    func everyDeadMessageHasANotice() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let work = try makeWorkDirectory("notice-kill")
            let receiver = try await WebhookTestReceiver.start()
            defer { receiver.stop() }
            let fixture = NotifierFixture(endpoint: endpoint, work: work)
            // The reminders go to a webhook that answers 400 (permanent: dead at once); the notices go by email,
            // rate limited so that they stay pending while the planner runs, as they did in the incident.
            let config = try fixture.writeConfig(
                notify: "digest_window: 0s\nbatch_size: 20",
                channels: """
                    refused:
                      type: webhook
                      url: \(receiver.baseURL)/status/400
                    email:
                      type: maildir
                      dir: mail
                      rate_limit: 1/1h
                    """,
                planner: true)
            try await fixture.prepare(configPath: config)
            // The seeded occurrences are due in two days: inside the planner's scope and in no plan of its, so
            // every tick that applies a plan withdraws them, with whatever of theirs is still pending.
            let dueAt = Date().addingTimeInterval(2 * 86_400)
            // DIXIAN_NOTICE_CRASH_SEED picks other kill moments, for repeated runs (see the README's "Faults").
            let seed = ProcessInfo.processInfo.environment["DIXIAN_NOTICE_CRASH_SEED"].flatMap(UInt64.init) ?? 18_018
            var random = SeededRandom(seed: seed)
            for round in 0..<Self.kills {
                _ = try await fixture.seedReminders(count: 10, channel: "refused", prefix: "kill\(round)", dueAt: dueAt)
                let daemon = try DaemonProcess(
                    ["serve", "--config", config, "--state-dir", work + "/var"], logPath: work + "/run\(round).log")
                if round % 2 == 0 {
                    // During start-up and the first planning tick.
                    try await Task.sleep(for: .milliseconds(Int(random.next() % 3_000)))
                } else {
                    // During the drain, once the dispatcher runs.
                    _ = await daemon.waitForLog("dispatcher started", timeout: .seconds(60))
                    try await Task.sleep(for: .milliseconds(Int(random.next() % 1_500)))
                }
                daemon.send(SIGKILL)
                _ = await daemon.waitForExit(timeout: .seconds(60))
            }

            let last = try DaemonProcess(["serve", "--config", config, "--state-dir", work + "/var"], logPath: work + "/last.log")
            defer { last.kill() }
            // Drained: no seeded reminder is still waiting, and the planner has applied a plan.
            let drained = await poll(timeout: .seconds(180)) {
                (try? await Self.count(endpoint, "kind = 'reminder' AND key LIKE 'kill%' AND status IN ('pending', 'sending')")) == 0
                    && last.log.contains("planning tick")
            }
            #expect(drained, "\(last.excerpt)")
            last.send(SIGTERM)
            #expect(await last.waitForExit(timeout: .seconds(30)) == 0, "\(last.excerpt)")

            let dead = try await Self.count(endpoint, "kind = 'reminder' AND status = 'dead'")
            #expect(dead > 0, "the refusing webhook dead-lettered reminders")
            let orphans = try await Self.count(
                endpoint,
                """
                kind <> 'notice' AND status = 'dead' AND NOT EXISTS (
                    SELECT 1 FROM outbox n
                     WHERE n.kind = 'notice' AND n.payload->>'dead_key' = outbox.key
                       AND n.status IN ('pending', 'sending', 'sent'))
                """)
            #expect(orphans == 0, "dead messages without a notice sent or pending: \(orphans) of \(dead)")
            #expect(try await Self.count(endpoint, "kind = 'notice' AND status = 'cancelled'") == 0)
        }
    }

    /// Outbox rows matching `condition` (SQL written here, never input).
    static func count(_ endpoint: DatabaseEndpoint, _ condition: String) async throws -> Int {
        try await TestDatabase.withClient(endpoint, maxConnections: 1) { client in
            let rows = try await client.query(PostgresQuery(unsafeSQL: "SELECT count(*)::int FROM outbox WHERE \(condition)"))
            for try await count in rows.decode(Int.self) { return count }
            return 0
        }
    }
}
