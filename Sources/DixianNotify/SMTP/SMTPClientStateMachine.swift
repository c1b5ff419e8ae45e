/// The SMTP client protocol without IO (in the style of PostgresNIO's connection state machine): feed it
/// the server's replies and the channel's events, and it says what to do next.
///
/// Session: greeting → EHLO → STARTTLS → EHLO again → AUTH PLAIN (preferred) or AUTH LOGIN → ready.
/// Transaction: MAIL FROM → RCPT TO (each recipient) → DATA → 354 → dot-stuffed body and `.` → 250.
/// A refused MAIL, RCPT or DATA is followed by RSET so the connection can carry the next message;
/// QUIT ends the session.
///
/// With STARTTLS required, a server that does not offer it fails the session before anything but EHLO
/// is written: there is no plaintext fallback.
public struct SMTPClientStateMachine: Sendable {
    /// What the caller must do next.
    public enum Action: Sendable, Hashable {
        case none
        /// Write this command and wait for the reply.
        case send(SMTPCommand)
        /// The server accepted STARTTLS: put TLS into the pipeline, then call ``tlsEstablished()``.
        case startTLS
        /// The session is set up (authenticated if configured); transactions may start.
        case sessionReady
        /// The message was accepted; the transcript holds the transaction's replies.
        case transactionSucceeded(transcript: [String])
        /// The message was refused; the connection is reset and stays usable.
        case transactionFailed(SMTPError)
        /// Close the connection; fail anything pending with the error (nil after a clean QUIT).
        case closeConnection(SMTPError?)
    }

    struct Transaction: Sendable {
        var sender: String
        var recipients: [String]
        var body: [UInt8]
        var transcript: [String] = []
    }

    enum State: Sendable {
        case awaitingGreeting
        case awaitingEHLO
        case awaitingStartTLSReply
        case handshaking
        case awaitingAuthPlain
        /// 0: `AUTH LOGIN` sent; 1: user name sent; 2: password sent.
        case awaitingAuthLogin(step: Int)
        case ready
        case mailFrom(Transaction)
        case rcptTo(Transaction, index: Int)
        case data(Transaction)
        case body(Transaction)
        case resetting(SMTPError)
        case quitting
        case closed
    }

    private var state: State = .awaitingGreeting
    private var secured: Bool
    private let requireStartTLS: Bool
    private let heloName: String
    private let credentials: SMTPCredentials?
    /// What the last EHLO announced.
    public private(set) var capabilities = SMTPCapabilities()

    /// - Parameters:
    ///   - requireStartTLS: upgrade with STARTTLS before anything else, or fail.
    ///   - secured: the connection is already encrypted (implicit TLS).
    public init(heloName: String, requireStartTLS: Bool, secured: Bool, credentials: SMTPCredentials?) {
        self.heloName = heloName
        self.requireStartTLS = requireStartTLS
        self.secured = secured
        self.credentials = credentials
    }

    /// Whether a transaction can start now.
    public var isReady: Bool {
        if case .ready = self.state { return true }
        return false
    }

    public mutating func replyReceived(_ reply: SMTPReply) -> Action {
        switch self.state {
        case .awaitingGreeting:
            guard reply.code == 220 else { return self.fail(.unexpected(reply, during: "greeting")) }
            self.state = .awaitingEHLO
            return .send(.ehlo(self.heloName))

        case .awaitingEHLO:
            guard reply.code == 250 else { return self.fail(.unexpected(reply, during: "EHLO")) }
            self.capabilities = SMTPCapabilities(ehloReply: reply)
            if self.requireStartTLS, !self.secured {
                guard self.capabilities.startTLS else {
                    return self.fail(SMTPError(
                        .startTLSUnavailable,
                        "SMTP 服务器未提供 STARTTLS，拒绝明文发送 (server does not offer STARTTLS; refusing to send in plaintext)"))
                }
                self.state = .awaitingStartTLSReply
                return .send(.startTLS)
            }
            return self.authenticate()

        case .awaitingStartTLSReply:
            guard reply.code == 220 else {
                return self.fail(SMTPError(.startTLSUnavailable, "SMTP 服务器拒绝 STARTTLS (server refused STARTTLS): \(reply)",
                                           reply: reply))
            }
            self.state = .handshaking
            return .startTLS

        case .awaitingAuthPlain:
            guard reply.code == 235 else { return self.fail(.authenticationFailed(reply)) }
            self.state = .ready
            return .sessionReady

        case .awaitingAuthLogin(let step):
            // The challenges are not read: servers word them differently ("Username:", "VXNlcm5hbWU6",
            // anything), and the order user name, password is fixed by the mechanism.
            guard let credentials = self.credentials else { return self.fail(.authenticationFailed(reply)) }
            switch (step, reply.code) {
            case (0, 334):
                self.state = .awaitingAuthLogin(step: 1)
                return .send(.authResponse(Base64.encode(Array(credentials.username.utf8))))
            case (1, 334):
                self.state = .awaitingAuthLogin(step: 2)
                return .send(.authResponse(Base64.encode(Array(credentials.password.utf8))))
            case (2, 235):
                self.state = .ready
                return .sessionReady
            default:
                return self.fail(.authenticationFailed(reply))
            }

        case .mailFrom(var transaction):
            transaction.transcript.append(reply.description)
            guard reply.isPositiveCompletion else { return self.reset(after: .rejected(reply, during: "MAIL FROM")) }
            self.state = .rcptTo(transaction, index: 0)
            return .send(.rcptTo(transaction.recipients[0]))

        case .rcptTo(var transaction, let index):
            transaction.transcript.append(reply.description)
            guard reply.isPositiveCompletion else {
                // One refused recipient fails the whole message: a partial delivery would be repeated
                // to the others on retry.
                return self.reset(after: .rejected(reply, during: "RCPT TO <\(transaction.recipients[index])>"))
            }
            if index + 1 < transaction.recipients.count {
                self.state = .rcptTo(transaction, index: index + 1)
                return .send(.rcptTo(transaction.recipients[index + 1]))
            }
            self.state = .data(transaction)
            return .send(.data)

        case .data(var transaction):
            transaction.transcript.append(reply.description)
            guard reply.code == 354 else { return self.reset(after: .rejected(reply, during: "DATA")) }
            self.state = .body(transaction)
            return .send(.messageBody(transaction.body))

        case .body(var transaction):
            transaction.transcript.append(reply.description)
            // The reply to the final dot ends the transaction either way (RFC 5321 §4.1.1.4): no RSET.
            self.state = .ready
            guard reply.isPositiveCompletion else { return .transactionFailed(.rejected(reply, during: "end of data")) }
            return .transactionSucceeded(transcript: transaction.transcript)

        case .resetting(let error):
            guard reply.code == 250 else { return self.fail(error) }
            self.state = .ready
            return .transactionFailed(error)

        case .quitting:
            self.state = .closed
            return .closeConnection(nil)

        case .ready, .handshaking, .closed:
            return self.fail(SMTPError(.protocolViolation, "SMTP 服务器发送了未请求的回复 (unsolicited reply): \(reply)"))
        }
    }

    /// The TLS handshake after STARTTLS finished: the session starts over with EHLO (RFC 3207 §4.2).
    public mutating func tlsEstablished() -> Action {
        guard case .handshaking = self.state else { return .none }
        self.secured = true
        self.capabilities = SMTPCapabilities()
        self.state = .awaitingEHLO
        return .send(.ehlo(self.heloName))
    }

    /// Starts sending one message; only valid after ``Action/sessionReady`` or a finished transaction.
    public mutating func startTransaction(sender: String, recipients: [String], body: [UInt8]) -> Action {
        guard case .ready = self.state else {
            return .transactionFailed(.closedBeforeSending)
        }
        guard !recipients.isEmpty else {
            return .transactionFailed(SMTPError(.messageRejected, "邮件没有收件人 (message has no recipients)"))
        }
        if let limit = self.capabilities.maximumSize, body.count > limit {
            let reply = SMTPReply(code: 552, lines: ["5.3.4 message exceeds the server's SIZE \(limit)"])
            return .transactionFailed(.rejected(reply, during: "SIZE"))
        }
        self.state = .mailFrom(Transaction(sender: sender, recipients: recipients, body: body))
        return .send(.mailFrom(sender))
    }

    /// Ends the session: QUIT when idle, otherwise close at once.
    public mutating func quit() -> Action {
        switch self.state {
        case .ready:
            self.state = .quitting
            return .send(.quit)
        case .quitting, .closed:
            return .none
        default:
            return self.fail(.closed)
        }
    }

    /// A timeout, TLS or socket error: the connection is finished and must not be reused.
    public mutating func errorHappened(_ error: SMTPError) -> Action {
        if case .closed = self.state { return .none }
        return self.fail(error)
    }

    /// The peer closed the connection.
    public mutating func connectionClosed() -> Action {
        switch self.state {
        case .closed: return .none
        case .quitting:
            self.state = .closed
            return .closeConnection(nil)
        default: return self.fail(.closed)
        }
    }

    private mutating func authenticate() -> Action {
        guard let credentials = self.credentials else {
            self.state = .ready
            return .sessionReady
        }
        if self.capabilities.authMechanisms.contains("PLAIN") {
            self.state = .awaitingAuthPlain
            let response = [0] + Array(credentials.username.utf8) + [0] + Array(credentials.password.utf8)
            return .send(.authPlain(initialResponse: Base64.encode(response)))
        }
        if self.capabilities.authMechanisms.contains("LOGIN") {
            self.state = .awaitingAuthLogin(step: 0)
            return .send(.authLogin)
        }
        return self.fail(SMTPError(
            .authenticationUnavailable, "SMTP 服务器不支持 PLAIN 或 LOGIN 认证 (server offers neither AUTH PLAIN nor LOGIN)",
            context: ["offered": self.capabilities.authMechanisms.sorted().joined(separator: ",")]))
    }

    private mutating func reset(after error: SMTPError) -> Action {
        self.state = .resetting(error)
        return .send(.rset)
    }

    private mutating func fail(_ error: SMTPError) -> Action {
        self.state = .closed
        return .closeConnection(error)
    }
}
