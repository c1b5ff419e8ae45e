import DixianTestSupport
import Foundation
import PostgresNIO
import Testing

/// Issue 21: the commands no other test ran, each run end to end as an operator would.
@Suite("Every command, end to end", .serialized)
struct CommandCoverageTests {
    @Test("outbox list, show and cancel: the seeded reminders are listed, shown, and one is cancelled, once")
    func outboxCommands() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let work = try makeWorkDirectory("outbox-cli")
            let fixture = NotifierFixture(endpoint: endpoint, work: work)
            let config = try fixture.writeConfig(channels: "email:\n  type: maildir\n  dir: \(work)/mail")
            try await fixture.prepare(configPath: config)
            let keys = try await fixture.seedReminders(count: 3, channel: "email", prefix: "cli")
            let list = try await CommandResult.run(["outbox", "list", "--status", "pending", "--format", "json", "--config", config])
            #expect(list.status == 0, "\(list.errorOutput)")
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [[String: Any]])
            #expect(Set(rows.compactMap { $0["key"] as? String }) == Set(keys))
            let id = try #require(rows.first?["id"] as? Int)

            let show = try await CommandResult.run(["outbox", "show", String(id), "--config", config])
            #expect(show.status == 0, "\(show.errorOutput)")
            #expect(keys.contains { show.output.contains($0) }, "\(show.output)")

            let cancel = try await CommandResult.run(["outbox", "cancel", String(id), "--config", config])
            #expect(cancel.status == 0, "\(cancel.output)\(cancel.errorOutput)")
            #expect(try await fixture.statusCounts() == ["pending": 2, "cancelled": 1])
            let again = try await CommandResult.run(["outbox", "cancel", String(id), "--config", config])
            #expect(again.status == 1, "a cancelled message cannot be cancelled again")
            #expect(try await fixture.statusCounts() == ["pending": 2, "cancelled": 1], "a refusal changes nothing")
            let unknown = try await CommandResult.run(["outbox", "show", "999999", "--config", config])
            #expect(unknown.status == 1)
        }
    }

    @Test("notify test writes one message through the named channel and says what it did")
    func notifyTest() async throws {
        let work = try makeWorkDirectory("notify-cli")
        try "channels:\n  email:\n    type: maildir\n    dir: \(work)/mail\n".write(toFile: work + "/dixian.yaml", atomically: true, encoding: .utf8)
        let result = try await CommandResult.run([
            "notify", "test", "--channel", "email", "--to", "zhangsan@example.gov.cn", "--config", work + "/dixian.yaml",
            "--state-dir", work + "/var",
        ])
        #expect(result.status == 0, "\(result.output)\(result.errorOutput)")
        let delivered = try FileManager.default.contentsOfDirectory(atPath: work + "/mail/new")
        #expect(delivered.count == 1)
        let message = try String(contentsOfFile: "\(work)/mail/new/\(try #require(delivered.first))", encoding: .utf8)
        #expect(message.contains("zhangsan@example.gov.cn"))
        let unknown = try await CommandResult.run(["notify", "test", "--channel", "pigeon", "--config", work + "/dixian.yaml"])
        #expect(unknown.status != 0)
        #expect(unknown.errorOutput.contains("pigeon"), "\(unknown.errorOutput)")
    }

    @Test("directory demo writes exactly the committed demo files; directory show finds a unit and an official")
    func directoryDemoAndShow() async throws {
        let work = try makeWorkDirectory("demo-cli")
        let root = DixianBinary.packageRoot
        let result = try await CommandResult.run(["directory", "demo", "--output", work], workingDirectory: root)
        #expect(result.status == 0, "\(result.errorOutput)")
        let generated = ["register", "data"].flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: "\(root)/config/demo/\(folder)")) ?? []).map { "\(folder)/\($0)" }
        }
        #expect(generated.count > 10, "the register and the plugins' demo data")
        for file in ["org_units.csv", "officials.csv"] + generated {
            #expect(FileManager.default.contents(atPath: "\(work)/\(file)") == FileManager.default.contents(atPath: "\(root)/config/demo/\(file)"), "\(file)")
        }
        // On a fresh state directory the CLI uses the embedded database, which it fills with the demo county.
        try FileManager.default.createDirectory(atPath: work + "/run", withIntermediateDirectories: true)
        defer { _ = try? CommandResult.runBlocking(["db", "stop", "--state-dir", work + "/run/var"]) }
        _ = try await CommandResult.run(["directory", "import", root + "/config/demo/org_units.csv", "--state-dir", work + "/run/var"], workingDirectory: root)
        _ = try await CommandResult.run(["directory", "import", root + "/config/demo/officials.csv", "--state-dir", work + "/run/var"], workingDirectory: root)
        let unit = try await CommandResult.run(["directory", "show", "149721101000", "--state-dir", work + "/run/var"], workingDirectory: root)
        #expect(unit.status == 0, "\(unit.errorOutput)")
        #expect(unit.output.contains("149721101000"), "\(unit.output)")
        let official = try await CommandResult.run(["directory", "show", "LC00002", "--state-dir", work + "/run/var"], workingDirectory: root)
        #expect(official.status == 0, "\(official.errorOutput)")
        #expect(official.output.contains("LC00002") && official.output.contains("县委书记"), "\(official.output)")
        let missing = try await CommandResult.run(["directory", "show", "LC99999", "--state-dir", work + "/run/var"], workingDirectory: root)
        #expect(missing.status == 1)
    }

    @Test("bench schedule and bench notify run at a small size and print their figures")
    func benches() async throws {
        let root = DixianBinary.packageRoot
        let schedule = try await CommandResult.run(
            ["bench", "schedule", "--villages", "40", "--tick-villages", "0", "--year", "2027"], workingDirectory: root)
        #expect(schedule.status == 0, "\(schedule.errorOutput)")
        #expect(schedule.output.contains("一年 (2027 年) 排期"), "\(schedule.output)")
        let notify = try await CommandResult.run(
            ["bench", "notify", "--webhooks", "20", "--emails", "10", "--latency-samples", "5"], workingDirectory: root)
        #expect(notify.status == 0, "\(notify.output)\(notify.errorOutput)")
        #expect(notify.output.contains("p50") && notify.output.contains("p99"), "\(notify.output)")

        // --receiver: the webhooks go to a receiver of our own, which sees every one of them.
        let receiver = try await WebhookTestReceiver.start()
        defer { receiver.stop() }
        let peer = try await CommandResult.run(
            ["bench", "notify", "--webhooks", "25", "--emails", "0", "--latency-samples", "0", "--receiver", receiver.baseURL + "/peer"],
            workingDirectory: root)
        #expect(peer.status == 0, "\(peer.output)\(peer.errorOutput)")
        #expect(peer.output.contains("25 条") && peer.output.contains("峰值内存") && !peer.output.contains("p50"), "\(peer.output)")
        #expect(try receiver.requests().filter { $0.path == "/peer" && $0.method == "POST" }.count == 25)
        let refused = try await CommandResult.run(["bench", "notify", "--receiver", "ftp://x"], workingDirectory: root)
        #expect(refused.status == 64 && refused.errorOutput.contains("--receiver"), "\(refused.errorOutput)")
    }
}
