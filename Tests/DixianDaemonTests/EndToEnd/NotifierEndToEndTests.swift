#if canImport(Glibc)
import Glibc
#endif
import DixianDispatch
import DixianStore
import DixianTestSupport
import Foundation
import PostgresNIO
import Testing

@Suite("The notifier end to end: dixian serve delivers the outbox to real servers", .serialized)
struct NotifierEndToEndTests {
    static let sender = "岚川县乡村振兴局 <dixian@lanchuan.gov.invalid>"

    /// Python's email package reads a raw message: the decoded subject, From display name and Message-ID.
    static func decodeHeaders(_ raw: Data) async throws -> [String: String] {
        let data = try await PythonInterpreter.run("""
            import email, email.policy, json, sys
            m = email.message_from_bytes(sys.stdin.buffer.read(), policy=email.policy.default)
            print(json.dumps({"subject": str(m["subject"]), "from": m["from"].addresses[0].display_name,
                              "message_id": str(m["message-id"]),
                              "to": ",".join(sorted(a.addr_spec for a in m["to"].addresses)),
                              "text": m.get_body(preferencelist=("plain",)).get_content()}))
            """, input: raw)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
    }

    @Test("reminders due together reach a STARTTLS+AUTH server as one digest; chat goes to a maildir; each row is sent")
    func smtpAndMaildir() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let work = try makeWorkDirectory("notify-smtp")
            let server = try await SMTPTestServer.start()
            defer { server.stop() }
            let fixture = NotifierFixture(endpoint: endpoint, work: work)
            let config = try fixture.writeConfig(channels: try fixture.smtpAndChatChannels(server))
            try await fixture.prepare(configPath: config)
            let emailKeys = try await fixture.seedReminders(count: 3, channel: "email", prefix: "mail")
            try await fixture.seedReminders(count: 2, channel: "chat", prefix: "chat")
            let daemon = try DaemonProcess(["serve", "--config", config, "--state-dir", work + "/var"], logPath: work + "/d.log")
            defer { daemon.kill() }
            let drained = await poll(timeout: .seconds(60)) { (try? await fixture.statusCounts()) == ["sent": 5] }
            let counts = try await fixture.statusCounts()
            #expect(drained, "\(counts)\n\(daemon.log)")

            let messages = try server.messages()
            #expect(messages.count == 1, "three reminders for one official are one digest")
            let headers = try await Self.decodeHeaders(try #require(messages.first).raw)
            #expect(headers["subject"] == "【工作提醒汇总】您有3项工作任务临近截止或已逾期（其中3项已逾期）")
            #expect(headers["from"] == "岚川县乡村振兴局")
            let text = try #require(headers["text"])
            #expect(text.contains("脱贫人口和监测对象基本医保参保核查（2026年7月）"))
            #expect(text.contains("本邮件由岚川县乡村振兴局“底线”防返贫监测与任务提醒系统自动发送"), "the footer names the office")
            let tls = try #require(messages.first).notes["tls"] as? Bool
            #expect(tls == true, "sent only after STARTTLS")
            let deliveredAs = try await TestDatabase.withClient(endpoint) { client in
                var keys: Set<String> = []
                for try await key in try await client.query("SELECT delivered_as FROM outbox WHERE channel = 'email'").decode(String.self) {
                    keys.insert(key)
                }
                return keys
            }
            #expect(deliveredAs.count == 1 && !deliveredAs.contains(emailKeys[0]), "every row records the digest it went out in")
            let chatFiles = try FileManager.default.contentsOfDirectory(atPath: work + "/chat/new")
            #expect(chatFiles.count == 1, "the chat group gets one digest")
            let address = try #require(await daemon.httpAddress(timeout: .seconds(60)))
            let metrics = try #require(await HTTPProbe.get(address, "/metrics")).body
            for line in [#"dixian_notify_sent_total{channel="email"} 3"#, #"dixian_notify_sent_total{channel="chat"} 2"#,
                         #"dixian_notify_delivery_latency_seconds_count{channel="email"} 3"#, "dixian_outbox_queue_depth"] {
                #expect(metrics.contains(line), "metrics lack \(line)")
            }
            daemon.send(SIGTERM)
            let daemonExit = await daemon.waitForExit(timeout: .seconds(60))
            #expect(daemonExit == 0, "exit status \(daemonExit.map(String.init) ?? "none: still running"); log:\n\(daemon.excerpt)")
        }
    }

    @Test("wrong password, untrusted certificate, server down: retried, then dead-lettered with a clear log line; 451 then 250 is delivered; an operator's retry sends a dead row")
    func smtpFailures() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let work = try makeWorkDirectory("notify-smtp-failures")
            let server = try await SMTPTestServer.start()
            defer { server.stop() }
            try "s3cret\n".write(toFile: work + "/good", atomically: true, encoding: .utf8)
            try "wrong\n".write(toFile: work + "/bad", atomically: true, encoding: .utf8)
            let fixture = NotifierFixture(endpoint: endpoint, work: work)
            func smtp(_ name: String, port: Int, password: String, trusted: Bool = true) -> String {
                """
                \(name):
                  type: smtp
                  host: 127.0.0.1
                  port: \(port)
                  username: dixian
                  password_file: \(work)/\(password)
                \(trusted ? "  ca_file: \(server.caFile)\n" : "")  from: "\(Self.sender)"
                """
            }
            let closedPort = 1  // nothing listens on tcpmux
            func writeConfig(badPassword: String) throws -> String {
                try fixture.writeConfig(
                    notify: "digest_window: 0s\nmax_attempts: 3",
                    channels: [
                        smtp("email", port: server.port, password: "good"),
                        smtp("badpass", port: server.port, password: badPassword),
                        smtp("untrusted", port: server.port, password: "good", trusted: false),
                        smtp("down", port: closedPort, password: "good"),
                    ].joined(separator: "\n"))
            }
            let config = try writeConfig(badPassword: "bad")
            try await fixture.prepare(configPath: config)
            try await fixture.execute("UPDATE officials SET email = 'tempfail-once@lanchuan.gov.invalid' WHERE id = \(NotifierFixture.recipientID)")
            for channel in ["email", "badpass", "untrusted", "down"] {
                try await fixture.seedReminders(count: 1, channel: channel, prefix: channel)
            }
            let daemon = try DaemonProcess(["serve", "--config", config, "--state-dir", work + "/var"], logPath: work + "/d.log")
            defer { daemon.kill() }
            let settled = await poll(timeout: .seconds(90)) {
                let counts = (try? await fixture.statusCounts()) ?? [:]
                return counts["dead"] == 3 && counts["pending", default: 0] + counts["sending", default: 0] + counts["failed", default: 0] == 0
            }
            let rows = try await Self.rows(endpoint)
            #expect(settled, "\(rows)\n\(daemon.log)")
            #expect(rows["email/1/r0/LC00022/email"]?.status == .sent)
            #expect(rows["email/1/r0/LC00022/email"]?.attempts == 2, "451 once, then 250")
            for channel in ["badpass", "untrusted", "down"] {
                #expect(rows["\(channel)/1/r0/LC00022/\(channel)"]?.status == .dead, "\(channel)")
                #expect(rows["\(channel)/1/r0/LC00022/\(channel)"]?.attempts == 3, "\(channel)")
            }
            #expect(rows["badpass/1/r0/LC00022/badpass"]?.error?.contains("SMTP 认证失败 (authentication failed)") == true)
            #expect(rows["untrusted/1/r0/LC00022/untrusted"]?.error?.contains("证书不受信任 (certificate not trusted)") == true)
            #expect(rows["down/1/r0/LC00022/down"]?.error?.contains("SMTP 连接失败 (connection failed)") == true)
            for line in ["SMTP 认证失败", "证书不受信任", "SMTP 连接失败", "SMTP 451", "转入死信"] {
                #expect(daemon.log.contains(line), "log line \(line)")
            }
            #expect(!daemon.log.contains("wrong") && !daemon.log.contains("s3cret"), "passwords never reach the log")
            // The county office is told once per dead row and holder, by email.
            let notices = rows.filter { $0.key.hasPrefix("notice/dead/") }
            #expect(notices.count == 3 * 2, "\(notices.keys.sorted())")
            #expect(notices.values.allSatisfy { $0.status == .sent }, "\(notices)")
            var headers: [[String: String]] = []
            for message in try server.messages() { headers.append(try await Self.decodeHeaders(message.raw)) }
            let failureNotices = headers.filter { $0["subject"]?.hasPrefix("【发送失败通知】") == true }
            // However the six notices were digested, both county office holders got theirs, and nobody else.
            let addressees = Set(failureNotices.flatMap { ($0["to"] ?? "").split(separator: ",").map(String.init) })
            #expect(addressees.count == 2, "\(failureNotices.map { $0["subject"] ?? "" })")
            daemon.send(SIGTERM)
            _ = await daemon.waitForExit(timeout: .seconds(60))

            // The operator fixes the password and sends the dead row again: nothing was lost.
            let fixed = try writeConfig(badPassword: "good")
            let again = try DaemonProcess(["serve", "--config", fixed, "--state-dir", work + "/var"], logPath: work + "/d2.log")
            defer { again.kill() }
            let id = try #require(rows["badpass/1/r0/LC00022/badpass"]?.id)
            let retry = try await CommandResult.run(["outbox", "retry", String(id), "--config", fixed])
            #expect(retry.status == 0, "\(retry.errorOutput)")
            let resent = await poll(timeout: .seconds(30)) {
                (try? await Self.rows(endpoint))?["badpass/1/r0/LC00022/badpass"]?.status == .sent
            }
            #expect(resent, "\(again.log)")
        }
    }

    struct Row: Sendable {
        var id: Int64
        var status: OutboxStatus?
        var attempts: Int
        var error: String?
    }

    static func rows(_ endpoint: DatabaseEndpoint) async throws -> [String: Row] {
        try await TestDatabase.withClient(endpoint) { client in
            var rows: [String: Row] = [:]
            let query: PostgresQuery = "SELECT key, id, status, attempts, last_error FROM outbox"
            for try await (key, id, status, attempts, error) in try await client.query(query).decode((String, Int64, String, Int, String?).self) {
                rows[key] = Row(id: id, status: OutboxStatus(rawValue: status), attempts: attempts, error: error)
            }
            return rows
        }
    }
}
