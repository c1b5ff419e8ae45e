import DixianNotify
import Testing

@Suite("SMTP client state machine")
struct SMTPClientStateMachineTests {
    static let credentials = SMTPCredentials(username: "dixian", password: "s3cret")
    static let ehloWithTLS = reply(250, "mx.example.gov.cn", "STARTTLS", "AUTH PLAIN LOGIN", "8BITMIME")
    static let ehloSecured = reply(250, "mx.example.gov.cn", "AUTH PLAIN LOGIN", "SIZE 1000")

    static func reply(_ code: Int, _ lines: String...) -> SMTPReply { SMTPReply(code: code, lines: lines) }

    /// The error a `closeConnection` action carries; records an issue for any other action.
    static func closingError(_ action: SMTPClientStateMachine.Action) -> SMTPError? {
        guard case .closeConnection(let error?) = action else {
            Issue.record("expected the connection to close with an error, got \(action)")
            return nil
        }
        return error
    }

    /// Greeting, EHLO, STARTTLS, EHLO, AUTH PLAIN: ready.
    static func readyMachine() -> SMTPClientStateMachine {
        var machine = SMTPClientStateMachine(heloName: "county", requireStartTLS: true, secured: false, credentials: credentials)
        _ = machine.replyReceived(reply(220, "hi"))
        _ = machine.replyReceived(ehloWithTLS)
        _ = machine.replyReceived(reply(220, "go ahead"))
        _ = machine.tlsEstablished()
        _ = machine.replyReceived(ehloSecured)
        _ = machine.replyReceived(reply(235, "2.7.0 ok"))
        return machine
    }

    @Test("the session goes greeting → EHLO → STARTTLS → EHLO → AUTH PLAIN → ready")
    func session() {
        var machine = SMTPClientStateMachine(heloName: "county", requireStartTLS: true, secured: false, credentials: Self.credentials)
        #expect(machine.replyReceived(Self.reply(220, "mx ESMTP")) == .send(.ehlo("county")))
        #expect(machine.replyReceived(Self.ehloWithTLS) == .send(.startTLS))
        #expect(machine.replyReceived(Self.reply(220, "2.0.0 Ready to start TLS")) == .startTLS)
        #expect(machine.tlsEstablished() == .send(.ehlo("county")))
        // \0dixian\0s3cret
        #expect(machine.replyReceived(Self.ehloSecured) == .send(.authPlain(initialResponse: "AGRpeGlhbgBzM2NyZXQ=")))
        #expect(machine.capabilities.maximumSize == 1000)
        #expect(machine.replyReceived(Self.reply(235, "2.7.0 Authentication successful")) == .sessionReady)
        #expect(machine.isReady)
    }

    @Test("STARTTLS not offered fails the session before anything but EHLO is sent")
    func startTLSNotOffered() {
        var machine = SMTPClientStateMachine(heloName: "county", requireStartTLS: true, secured: false, credentials: Self.credentials)
        _ = machine.replyReceived(Self.reply(220, "mx"))
        guard let error = Self.closingError(machine.replyReceived(Self.reply(250, "mx", "AUTH PLAIN LOGIN"))) else { return }
        #expect(error.code == .startTLSUnavailable)
        #expect(error.deliveryFailure.kind == .transient)
        #expect(!machine.isReady)
        #expect(machine.startTransaction(sender: "a@b.cn", recipients: ["c@d.cn"], body: []) != .send(.mailFrom("a@b.cn")))
    }

    @Test("a refused STARTTLS is transient too")
    func startTLSRefused() {
        var machine = SMTPClientStateMachine(heloName: "county", requireStartTLS: true, secured: false, credentials: nil)
        _ = machine.replyReceived(Self.reply(220, "mx"))
        _ = machine.replyReceived(Self.ehloWithTLS)
        guard let error = Self.closingError(machine.replyReceived(Self.reply(454, "4.7.0 TLS not available"))) else { return }
        #expect(error.code == .startTLSUnavailable)
    }

    @Test("AUTH LOGIN answers each 334 with user name then password, whatever the challenge says",
          arguments: [("VXNlcm5hbWU6", "UGFzc3dvcmQ6"), ("Password:", "Username:"), ("", ""), ("请输入", "密码 please")])
    func authLogin(challenges: (String, String)) {
        var machine = SMTPClientStateMachine(heloName: "county", requireStartTLS: false, secured: true, credentials: Self.credentials)
        _ = machine.replyReceived(Self.reply(220, "mx"))
        #expect(machine.replyReceived(Self.reply(250, "mx", "AUTH LOGIN")) == .send(.authLogin))
        #expect(machine.replyReceived(Self.reply(334, challenges.0)) == .send(.authResponse("ZGl4aWFu")))
        #expect(machine.replyReceived(Self.reply(334, challenges.1)) == .send(.authResponse("czNjcmV0")))
        #expect(machine.replyReceived(Self.reply(235, "ok")) == .sessionReady)
    }

    @Test("535 fails the session as an authentication failure, transient")
    func authRejected() {
        var machine = SMTPClientStateMachine(heloName: "county", requireStartTLS: false, secured: true, credentials: Self.credentials)
        _ = machine.replyReceived(Self.reply(220, "mx"))
        _ = machine.replyReceived(Self.ehloSecured)
        let action = machine.replyReceived(Self.reply(535, "5.7.8 Authentication credentials invalid"))
        guard let error = Self.closingError(action) else { return }
        #expect(error.code == .authenticationFailed)
        #expect(error.deliveryFailure.kind == .transient)
        #expect(error.deliveryFailure.reason.hasPrefix("SMTP 认证失败 (authentication failed)"))
        #expect(!error.description.contains("s3cret"))
    }

    @Test("a transaction sends MAIL, one RCPT per recipient, DATA and the body, and keeps the replies")
    func transaction() {
        var machine = Self.readyMachine()
        #expect(machine.startTransaction(sender: "a@b.cn", recipients: ["x@b.cn", "y@b.cn"], body: Array(".hi\r\n".utf8))
            == .send(.mailFrom("a@b.cn")))
        #expect(machine.replyReceived(Self.reply(250, "2.1.0 Ok")) == .send(.rcptTo("x@b.cn")))
        #expect(machine.replyReceived(Self.reply(250, "2.1.5 Ok")) == .send(.rcptTo("y@b.cn")))
        #expect(machine.replyReceived(Self.reply(250, "2.1.5 Ok")) == .send(.data))
        #expect(machine.replyReceived(Self.reply(354, "End data with <CR><LF>.<CR><LF>")) == .send(.messageBody(Array(".hi\r\n".utf8))))
        #expect(machine.replyReceived(Self.reply(250, "2.0.0 Ok: queued as 1"))
            == .transactionSucceeded(transcript: ["250 2.1.0 Ok", "250 2.1.5 Ok", "250 2.1.5 Ok", "354 End data with <CR><LF>.<CR><LF>", "250 2.0.0 Ok: queued as 1"]))
        #expect(machine.isReady)
        #expect(SMTPCommand.messageBody(Array(".hi\r\n".utf8)).bytes == Array("..hi\r\n.\r\n".utf8))
    }

    @Test("a refused recipient resets the transaction with RSET; the failure is reported after RSET's 250",
          arguments: [(550, DeliveryFailure.Kind.permanent), (451, .transient)])
    func rsetAfterFailure(code: Int, kind: DeliveryFailure.Kind) {
        var machine = Self.readyMachine()
        _ = machine.startTransaction(sender: "a@b.cn", recipients: ["reject@b.cn"], body: [])
        _ = machine.replyReceived(Self.reply(250, "ok"))
        #expect(machine.replyReceived(Self.reply(code, "mailbox unavailable")) == .send(.rset))
        guard case .transactionFailed(let error) = machine.replyReceived(Self.reply(250, "2.0.0 Ok")) else {
            Issue.record("expected a failed transaction")
            return
        }
        #expect(error.deliveryFailure.kind == kind)
        #expect(error.deliveryFailure.reason.contains("\(code)"))
        #expect(machine.isReady)
        #expect(machine.startTransaction(sender: "a@b.cn", recipients: ["ok@b.cn"], body: []) == .send(.mailFrom("a@b.cn")))
    }

    @Test("a message over the server's SIZE is refused permanently without sending it")
    func sizeLimit() {
        var machine = Self.readyMachine()
        guard case .transactionFailed(let error) = machine.startTransaction(
            sender: "a@b.cn", recipients: ["x@b.cn"], body: [UInt8](repeating: 65, count: 2000))
        else {
            Issue.record("expected refusal")
            return
        }
        #expect(error.deliveryFailure.kind == .permanent)
        #expect(machine.isReady)
    }

    @Test("QUIT when idle; a closed connection fails what is pending")
    func quitAndClose() {
        var machine = Self.readyMachine()
        #expect(machine.quit() == .send(.quit))
        #expect(machine.replyReceived(Self.reply(221, "bye")) == .closeConnection(nil))
        var busy = Self.readyMachine()
        _ = busy.startTransaction(sender: "a@b.cn", recipients: ["x@b.cn"], body: [])
        #expect(busy.connectionClosed() == .closeConnection(SMTPError(.connectionClosed, "SMTP 连接已断开 (connection closed)")))
        #expect(busy.connectionClosed() == .none)
    }

    @Test("a message offered after the idle QUIT fails as not sent, which the transport may try again elsewhere")
    func afterIdleQuit() {
        var machine = Self.readyMachine()
        #expect(machine.quit() == .send(.quit))
        let action = machine.startTransaction(sender: "a@b.cn", recipients: ["x@b.cn"], body: [])
        guard case .transactionFailed(let error) = action else {
            Issue.record("\(action)")
            return
        }
        #expect(error.code == .connectionClosed && error.context["stage"] == "before_mail")
        var busy = Self.readyMachine()
        _ = busy.startTransaction(sender: "a@b.cn", recipients: ["x@b.cn"], body: [])
        guard case .closeConnection(let midway?) = busy.connectionClosed() else { return }
        #expect(midway.context["stage"] == nil, "a connection lost mid-message is not retried at once: it may have been delivered")
    }

    @Test("commands never show secrets in their descriptions")
    func redaction() {
        #expect(SMTPCommand.authPlain(initialResponse: "AGRpeGlhbgBzM2NyZXQ=").description == "AUTH PLAIN ****")
        #expect(SMTPCommand.authResponse("czNjcmV0").description == "****")
        #expect(!"\(Self.credentials)".contains("s3cret"))
    }
}
