#if canImport(Glibc)
import Glibc
#endif
import DixianTestSupport
import Foundation
import Testing

/// Issue 21: each chat-bot preset driven once through `dixian serve` to the test receiver, which checks the
/// signature as the platform does (DingTalk 加签 in the URL, Feishu 签名校验 in the body).
@Suite("Chat-bot presets through the daemon", .serialized,
       .enabled(if: RequiredTools.enabled(WebhookTestReceiver.pythonAvailable), "needs python3"))
struct ChatPresetEndToEndTests {
    static let dingTalkSecret = "SECdingtalk0123456789abcdef"
    static let feishuSecret = "feishu-secret-0123456789"

    @Test("WeCom, DingTalk and Feishu bots each get the reminder, signed as their platform checks, and the rows are sent")
    func presets() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let work = try makeWorkDirectory("presets")
            let receiver = try await WebhookTestReceiver.start(dingTalkSecret: Self.dingTalkSecret, feishuSecret: Self.feishuSecret)
            defer { receiver.stop() }
            try (Self.dingTalkSecret + "\n").write(toFile: work + "/dingtalk-secret", atomically: true, encoding: .utf8)
            try (Self.feishuSecret + "\n").write(toFile: work + "/feishu-secret", atomically: true, encoding: .utf8)
            let fixture = NotifierFixture(endpoint: endpoint, work: work)
            let config = try fixture.writeConfig(
                notify: "digest_window: 0s",
                channels: """
                    wecom:
                      type: wecom
                      url: \(receiver.baseURL)/wecom
                    dingtalk:
                      type: dingtalk
                      url: \(receiver.baseURL)/dingtalk
                      secret_file: \(work)/dingtalk-secret
                    feishu:
                      type: feishu
                      url: \(receiver.baseURL)/feishu
                      secret_file: \(work)/feishu-secret
                    """)
            try await fixture.prepare(configPath: config)
            for channel in ["wecom", "dingtalk", "feishu"] {
                try await fixture.seedReminders(count: 1, channel: channel, prefix: "preset-\(channel)")
            }
            let daemon = try DaemonProcess(
                ["serve", "--config", config, "--state-dir", work + "/var"], logPath: work + "/daemon.log")
            defer { daemon.kill() }
            let delivered = await poll(timeout: .seconds(300)) { (try? await fixture.statusCounts())?["sent"] == 3 }
            let counts = (try? await fixture.statusCounts()) ?? [:]
            #expect(delivered, "\(counts)\n\(daemon.excerpt)")

            let requests = try receiver.requests()
            for path in ["/wecom", "/dingtalk", "/feishu"] {
                let request = try #require(requests.first { $0.path == path }, "nothing reached \(path): \(requests)")
                #expect(request.method == "POST" && request.status == 200, "\(path): \(request)")
                #expect(request.body.contains("工作提醒"), "\(path): the chat template's text: \(request.body)")
                #expect(!request.body.contains("/a/"), "\(path): a chat group never gets a signed confirmation link")
            }
            #expect(requests.first { $0.path == "/dingtalk" }?.verified == [true], "DingTalk 加签 verified by the receiver")
            #expect(requests.first { $0.path == "/feishu" }?.verified == [true], "Feishu signature verified by the receiver")
            #expect(!daemon.log.contains(Self.dingTalkSecret) && !daemon.log.contains(Self.feishuSecret), "secrets never logged")
            daemon.send(SIGTERM)
            let daemonExit = await daemon.waitForExit(timeout: .seconds(30))
            #expect(daemonExit == 0, "exit status \(daemonExit.map(String.init) ?? "none: still running"); log:\n\(daemon.excerpt)")
        }
    }
}
