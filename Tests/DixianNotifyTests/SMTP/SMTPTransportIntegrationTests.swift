import DixianNotify
import DixianTestSupport
import Foundation
import Testing

/// ``SMTPTransport`` against a real SMTP server (aiosmtpd, `scripts/smtp-test-server.py`) with STARTTLS
/// required before AUTH, a throw-away CA and scripted recipients. Serialized: each test starts its
/// own server, and parallel key generation would only slow the machine down.
@Suite("SMTP transport against aiosmtpd", .serialized, .enabled(if: RequiredTools.enabled(SMTPTestServer.isAvailable), "needs python3 with aiosmtpd"))
struct SMTPTransportIntegrationTests {
    static let sender = try! MailAddress(parsing: "县乡村振兴局 <dixian@county.example.gov.cn>")
    static let subject = "【提醒】请于11月27日前提交防汛值班表"

    static func configuration(
        _ server: SMTPTestServer, tls: SMTPConfiguration.TLSMode = .startTLS, password: String = "s3cret",
        trustTestCA: Bool = true, poolSize: Int = 2
    ) -> SMTPConfiguration {
        SMTPConfiguration(
            host: "127.0.0.1", port: server.port, tls: tls,
            credentials: SMTPCredentials(username: "dixian", password: password),
            caFile: trustTestCA ? server.caFile : nil, heloName: "county.test", sender: Self.sender,
            // An hour's idle limit: on two cores the whole suite has kept a task waiting longer than the default
            // 60 s, and a connection closed as idle meanwhile would count as one more in the reuse test.
            timeouts: .init(connect: .seconds(10), reply: .seconds(60), data: .seconds(60), idle: .seconds(3600)), poolSize: poolSize)
    }

    static func notification(key: String, email: String = "zhangsan@county.example.gov.cn") -> DixianNotify.Notification {
        DixianNotify.Notification(
            key: key, channel: "email", createdAt: Date(timeIntervalSince1970: 1_795_395_600),
            recipients: [NotificationRecipient(id: "E001", name: "张三", email: email)],
            content: RenderedContent(subject: Self.subject, text: "张三同志：\n请于本周五前提交防汛值班表。\n.\n", chat: "提醒"))
    }

    /// Delivers and returns the failure, or nil when it was delivered.
    static func failure(_ transport: SMTPTransport, _ notification: DixianNotify.Notification) async -> DeliveryFailure? {
        do {
            _ = try await transport.deliver(notification)
            return nil
        } catch let failure as DeliveryFailure {
            return failure
        } catch {
            Issue.record("not a DeliveryFailure: \(error)")
            return nil
        }
    }

    @Test("a Chinese subject and display names arrive intact, with the Message-ID derived from the key")
    func chineseMessageArrives() async throws {
        let server = try await SMTPTestServer.start()
        defer { server.stop() }
        let transport = try SMTPTransport(configuration: Self.configuration(server))
        let receipt = try await transport.deliver(Self.notification(key: "outbox-42"))
        await transport.shutdown()

        #expect(receipt.transcript.count == 4)  // MAIL, RCPT, DATA's 354, the final 250
        #expect(receipt.transcript.last?.hasPrefix("250 2.0.0 Ok: queued as 1") == true)
        #expect(!receipt.transcript.joined().contains("s3cret"))
        let messages = try server.messages()
        try #require(messages.count == 1)
        #expect(messages[0].notes["tls"] as? Bool == true)
        #expect(messages[0].notes["login"] as? String == "dixian")
        #expect(messages[0].notes["rcpt_tos"] as? [String] == ["zhangsan@county.example.gov.cn"])

        let script = """
            import sys, json, email, email.policy
            m = email.message_from_bytes(sys.stdin.buffer.read(), policy=email.policy.default)
            print(json.dumps({"subject": str(m["subject"]), "from": m["from"].addresses[0].display_name,
                "to": m["to"].addresses[0].display_name, "id": m["message-id"],
                "body": m.get_body(("plain",)).get_content()}))
            """
        let output = try await PythonEmailCrossCheckTests.runPython(script, input: messages[0].raw)
        let decoded = try #require(try JSONSerialization.jsonObject(with: output) as? [String: String])
        #expect(decoded["subject"] == Self.subject)
        #expect(decoded["from"] == "县乡村振兴局")
        #expect(decoded["to"] == "张三")
        #expect(decoded["id"] == (try MailMessageID(idempotencyKey: "outbox-42", domain: "county.example.gov.cn")).value)
        // The lone "." line survived dot-stuffing.
        #expect(decoded["body"]?.replacingOccurrences(of: "\r\n", with: "\n") == "张三同志：\n请于本周五前提交防汛值班表。\n.\n")
        // shutdown() said goodbye.
        #expect(server.commands().last?.verb == "QUIT")
    }

    @Test("20 concurrent messages reuse at most the pool's connections")
    func connectionReuse() async throws {
        let server = try await SMTPTestServer.start()
        defer { server.stop() }
        let transport = try SMTPTransport(configuration: Self.configuration(server, poolSize: 2))
        try await withThrowingTaskGroup(of: DeliveryReceipt.self) { group in
            for index in 0..<20 {
                group.addTask { try await transport.deliver(Self.notification(key: "reuse-\(index)")) }
            }
            for try await receipt in group { #expect(receipt.transcript.last?.hasPrefix("250") == true) }
        }
        await transport.shutdown()
        let messages = try server.messages()
        #expect(messages.count == 20)
        #expect(server.connectionCount <= 2)
        #expect(Set(messages.compactMap { $0.notes["session"] as? Int }).count <= 2)
        #expect(Set(messages.compactMap { $0.notes["message_id"] as? String }).count == 20)
    }

    @Test("AUTH LOGIN works when the server offers only LOGIN, with unusual challenges")
    func authLoginOnly() async throws {
        let server = try await SMTPTestServer.start(authMechanisms: "LOGIN", extraArguments: ["--login-challenges", "Wer bist du?,请输入口令"])
        defer { server.stop() }
        let transport = try SMTPTransport(configuration: Self.configuration(server))
        _ = try await transport.deliver(Self.notification(key: "login-1"))
        await transport.shutdown()
        let messages = try server.messages()
        #expect(messages.count == 1)
        #expect(messages.first?.notes["login"] as? String == "dixian")
    }

    @Test("implicit TLS works from the first byte")
    func implicitTLS() async throws {
        let server = try await SMTPTestServer.start(tls: "implicit")
        defer { server.stop() }
        let transport = try SMTPTransport(configuration: Self.configuration(server, tls: .implicit))
        _ = try await transport.deliver(Self.notification(key: "implicit-1"))
        await transport.shutdown()
        #expect(try server.messages().count == 1)
        #expect(!server.commands().contains { $0.verb == "STARTTLS" })
    }

    @Test("a wrong password is a transient authentication failure")
    func wrongPassword() async throws {
        let server = try await SMTPTestServer.start()
        defer { server.stop() }
        let transport = try SMTPTransport(configuration: Self.configuration(server, password: "wrong"))
        let failure = await Self.failure(transport, Self.notification(key: "auth-1"))
        await transport.shutdown()
        #expect(failure?.kind == .transient)
        #expect(failure?.reason.hasPrefix("SMTP 认证失败 (authentication failed)") == true)
        #expect(failure?.reason.contains("wrong") == false)
        #expect(try server.messages().isEmpty)
    }

    @Test("without the CA file the certificate is untrusted: transient, and nothing is sent")
    func untrustedCertificate() async throws {
        let server = try await SMTPTestServer.start()
        defer { server.stop() }
        let transport = try SMTPTransport(configuration: Self.configuration(server, trustTestCA: false))
        let failure = await Self.failure(transport, Self.notification(key: "cert-1"))
        await transport.shutdown()
        #expect(failure?.kind == .transient)
        #expect(failure?.reason.hasPrefix("证书不受信任 (certificate not trusted)") == true)
        #expect(!server.commands().contains { $0.verb == "AUTH" || $0.verb == "MAIL" })
    }

    @Test("nothing listening on the port is a transient connection failure")
    func nothingListening() async throws {
        let server = try await SMTPTestServer.start(tls: "none", user: nil, password: nil)
        let port = server.port
        server.stop()
        var configuration = Self.configuration(server)
        configuration.port = port
        let transport = try SMTPTransport(configuration: configuration)
        let failure = await Self.failure(transport, Self.notification(key: "refused-1"))
        await transport.shutdown()
        #expect(failure?.kind == .transient)
        #expect(failure?.reason.hasPrefix("SMTP 连接失败 (connection failed)") == true)
    }

    @Test("451 once is transient; the retry with the same key is delivered")
    func tempfailOnce() async throws {
        let server = try await SMTPTestServer.start()
        defer { server.stop() }
        let transport = try SMTPTransport(configuration: Self.configuration(server))
        let notification = Self.notification(key: "tempfail-1", email: "tempfail-once@county.example.gov.cn")
        let first = await Self.failure(transport, notification)
        #expect(first?.kind == .transient)
        #expect(first?.reason.hasPrefix("SMTP 451") == true)
        let receipt = try await transport.deliver(notification)
        await transport.shutdown()
        #expect(receipt.transcript.last?.hasPrefix("250") == true)
        #expect(try server.messages().count == 1)
        // The refused DATA ended its transaction: the retry ran on the same connection.
        #expect(server.connectionCount == 1)
    }

    @Test("550 is permanent; the connection is reset with RSET and carries the next message")
    func rejectedRecipient() async throws {
        let server = try await SMTPTestServer.start()
        defer { server.stop() }
        let transport = try SMTPTransport(configuration: Self.configuration(server, poolSize: 1))
        let failure = await Self.failure(transport, Self.notification(key: "reject-1", email: "reject@county.example.gov.cn"))
        #expect(failure?.kind == .permanent)
        #expect(failure?.reason.hasPrefix("SMTP 550") == true)
        _ = try await transport.deliver(Self.notification(key: "after-reject"))
        await transport.shutdown()
        #expect(try server.messages().count == 1)
        #expect(server.connectionCount == 1)
        #expect(server.commands().map(\.verb).contains("RSET"))
    }

    @Test("a server without STARTTLS fails transiently and receives nothing but EHLO in plaintext")
    func startTLSMissing() async throws {
        let server = try await SMTPTestServer.start(tls: "none")
        defer { server.stop() }
        let transport = try SMTPTransport(configuration: Self.configuration(server))
        let failure = await Self.failure(transport, Self.notification(key: "plain-1"))
        await transport.shutdown()
        #expect(failure?.kind == .transient)
        #expect(failure?.reason.contains("STARTTLS") == true)
        #expect(try server.messages().isEmpty)
        #expect(server.connectionCount == 1)
        #expect(server.commands().first?.verb == "EHLO")
        #expect(Set(server.commands().map(\.verb)).isSubset(of: ["EHLO", "QUIT"]))
    }
}
