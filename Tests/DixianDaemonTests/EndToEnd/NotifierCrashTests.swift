#if canImport(Glibc)
import Glibc
#endif
import DixianCore
import DixianTestSupport
import Foundation
import Testing

@Suite("The notifier survives kill -9: every reminder arrives, a repeat carries the same webhook-id")
struct NotifierCrashTests {
    static let secret = "whsec_" + Data((0..<32).map { UInt8($0 * 7 % 256) }).base64EncodedString()

    @Test("5,000 reminders drain to a webhook receiver while the daemon is killed with SIGKILL up to 20 times mid-drain")
    func killDuringDrain() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let work = try makeWorkDirectory("notify-kill")
            let receiver = try await WebhookTestReceiver.start(webhookSecrets: [Self.secret])
            defer { receiver.stop() }
            try Self.secret.write(toFile: work + "/webhook-secret", atomically: true, encoding: .utf8)
            let fixture = NotifierFixture(endpoint: endpoint, work: work)
            // A rate limit spreads the drain over about a minute, so the kills land while it runs.
            let config = try fixture.writeConfig(notify: "digest_window: 0s\nbatch_size: 50", channels: """
                hook:
                  type: webhook
                  url: \(receiver.baseURL)/hook
                  secret_file: \(work)/webhook-secret
                  concurrency: 8
                  rate_limit: 100/1s
                """)
            try await fixture.prepare(configPath: config)
            let keys = try await fixture.seedReminders(count: 5_000, channel: "hook")
            #expect(keys.count == 5_000)

            var random = SeededRandom(seed: 5_000_020)
            var kills = 0
            var killsMidDrain = 0
            var sentBeforeLastKill = 0
            // Up to 20 kills; on a loaded machine the test's own polling can lag so far that the outbox drains
            // first, and then there is nothing left to interrupt.
            while kills < 20 && sentBeforeLastKill < 5_000 {
                let daemon = try DaemonProcess(
                    ["serve", "--config", config, "--state-dir", work + "/var"], logPath: work + "/run\(kills).log")
                // Killed at a random moment once this daemon has sent something: mid-drain, not at start-up.
                let sentBefore = try await fixture.statusCounts()["sent"] ?? 0
                _ = await daemon.waitForLog("dispatcher started", timeout: .seconds(60))
                _ = await poll(timeout: .seconds(30)) { ((try? await fixture.statusCounts())?["sent"] ?? 0) > sentBefore }
                try await Task.sleep(for: .milliseconds(Int(random.next() % 600)))
                daemon.send(SIGKILL)
                _ = await daemon.waitForExit(timeout: .seconds(60))
                kills += 1
                sentBeforeLastKill = try await fixture.statusCounts()["sent"] ?? 0
                if sentBeforeLastKill < 5_000 { killsMidDrain += 1 }
            }
            #expect(sentBeforeLastKill > 0 && killsMidDrain >= 5, "the kills happened while the outbox drained")

            let last = try DaemonProcess(["serve", "--config", config, "--state-dir", work + "/var"], logPath: work + "/last.log")
            defer { last.kill() }
            let drained = await poll(timeout: .seconds(240)) { (try? await fixture.statusCounts()) == ["sent": 5_000] }
            let counts = try await fixture.statusCounts()
            #expect(drained, "\(counts)\n\(last.excerpt)")
            // The kills may have drained the outbox already, so this daemon can still be starting. SIGTERM before
            // its handler is installed ends it by the signal (status 15, which systemd counts as clean): wait first.
            #expect(await last.waitForLog("dispatcher started", timeout: .seconds(120)), "\(last.excerpt)")
            last.send(SIGTERM)
            let status = await last.waitForExit(timeout: .seconds(180))
            #expect(status == 0, "exit status \(String(describing: status))\n\(last.excerpt)")

            var idsByKey: [String: Set<String>] = [:]
            var deliveries = 0
            var cutOff = 0
            for request in try receiver.requests() where request.path == "/hook" {
                // A kill in the middle of a request leaves the receiver a truncated body, whose signature
                // does not verify: it answers 401, and dixian sends the message again.
                guard request.status / 100 == 2 else {
                    cutOff += 1
                    #expect(request.verified == [false], "only a request cut off by the kill is refused: \(request.detail)")
                    continue
                }
                deliveries += 1
                #expect(request.verified == [true], "standardwebhooks verifies every signature")
                let webhookID = try #require(request.headers["webhook-id"])
                let data = try #require(try request.json()["data"] as? [String: Any])
                for key in try #require(data["delivery_keys"] as? [String]) { idsByKey[key, default: []].insert(webhookID) }
            }
            #expect(Set(idsByKey.keys) == Set(keys), "missing \(Set(keys).subtracting(idsByKey.keys).count)")
            let changed = idsByKey.filter { $0.value.count != 1 }
            #expect(changed.isEmpty, "a repeated key came with another webhook-id: \(changed.prefix(3))")
            #expect(idsByKey.allSatisfy { $0.value == [$0.key] }, "webhook-id is the reminder key")
            print("kill -9 drain: \(kills) kills (\(killsMidDrain) mid-drain) at \(sentBeforeLastKill) sent; \(deliveries) deliveries for \(keys.count) keys (\(deliveries - keys.count) repeats), \(cutOff) requests cut off by a kill")
        }
    }
}
