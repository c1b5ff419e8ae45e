import DixianTestSupport
import Foundation
import Testing

/// Issue 19's acceptance for the stalled-outbox alert: with the mail server down for an hour on a virtual clock, the
/// oldest-age metric crosses the threshold of `DixianOutboxStalled` in deploy/prometheus/dixian-rules.yaml.
@Suite("The outbox's oldest age crosses the alert threshold when mail is down", .serialized)
struct OutboxAgeAlertTests {
    /// The threshold the shipped rule compares the age with.
    static func threshold() throws -> Double {
        let rules = try String(contentsOfFile: DixianBinary.packageRoot + "/deploy/prometheus/dixian-rules.yaml", encoding: .utf8)
        let match = try #require(rules.range(of: #"dixian_outbox_oldest_pending_age_seconds\) > [0-9]+"#, options: .regularExpression))
        return try #require(Double(rules[match].split(separator: " ").last!))
    }

    /// The email channel's figure on `/metrics`.
    static func oldestAge(_ metrics: String) -> Double? {
        let prefix = #"dixian_outbox_oldest_pending_age_seconds{channel="email"} "#
        return metrics.split(separator: "\n").first { $0.hasPrefix(prefix) }.flatMap { Double($0.dropFirst(prefix.count)) }
    }

    @Test("SMTP refused for a virtual hour and more: the email channel's oldest age passes the threshold, chat's stays 0")
    func smtpDown() async throws {
        let threshold = try Self.threshold()
        #expect(threshold == 3_600)
        try await TestDatabase.withFreshDatabase { endpoint in
            let work = try makeWorkDirectory("outbox-age")
            let fixture = NotifierFixture(endpoint: endpoint, work: work)
            // Nothing listens on the discard port: every attempt is refused and retried half an hour later.
            let config = try fixture.writeConfig(
                retries: (initial: "30m", maxDelay: "30m"),
                channels: """
                    email:
                      type: smtp
                      host: 127.0.0.1
                      port: 9
                      from: "\(NotifierEndToEndTests.sender)"
                    chat:
                      type: maildir
                      dir: \(work)/chat
                      content: chat
                    """)
            try await fixture.prepare(configPath: config)
            try await fixture.seedReminders(count: 1, channel: "email")
            // The virtual clock starts now and runs 240 times as fast: a virtual hour passes in 15 seconds.
            let start = ISO8601DateFormatter().string(from: Date())
            let daemon = try DaemonProcess(
                ["serve", "--config", config, "--state-dir", work + "/var", "--clock-start", start, "--clock-rate", "240"],
                logPath: work + "/d.log")
            defer { daemon.kill() }
            let address = try #require(await daemon.httpAddress(timeout: .seconds(60)), "log:\n\(daemon.log)")
            let crossed = await poll(timeout: .seconds(120)) {
                guard let metrics = await HTTPProbe.get(address, "/metrics")?.body else { return false }
                return (Self.oldestAge(metrics) ?? 0) > threshold
            }
            let metrics = try #require(await HTTPProbe.get(address, "/metrics")).body
            #expect(crossed, "age \(String(describing: Self.oldestAge(metrics))); log:\n\(daemon.excerpt)")
            #expect(metrics.contains(#"dixian_outbox_oldest_pending_age_seconds{channel="chat"} 0"#))
            #expect(metrics.contains(#"dixian_notify_failed_total{channel="email",kind="transient"}"#), "the attempts failed")
        }
    }
}
