import DixianCore

/// Why an SMTP connection or transaction failed, with a stable code and a Chinese-first message.
///
/// ``deliveryFailure`` turns it into the dispatcher's transient/permanent decision; the table is in
/// ``SMTPTransport``'s documentation.
public struct SMTPError: Error, Sendable, Hashable, ContextualError {
    /// Stable error codes, safe to match on.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let description: String

        /// TCP connect failed: refused, unreachable, or the host name did not resolve.
        public static let connectionFailed = Code(description: "connection_failed")
        /// The connection closed before the exchange finished.
        public static let connectionClosed = Code(description: "connection_closed")
        /// Connect, a reply, the TLS handshake or the DATA phase took longer than configured.
        public static let timeout = Code(description: "timeout")
        /// The server's certificate did not verify against the trust roots or the host name.
        public static let certificateUntrusted = Code(description: "certificate_untrusted")
        /// Another TLS failure (protocol mismatch, handshake aborted).
        public static let tlsFailed = Code(description: "tls_failed")
        /// STARTTLS is required but the server did not offer it, or refused it.
        public static let startTLSUnavailable = Code(description: "starttls_unavailable")
        /// The server rejected the credentials (535) or any AUTH step.
        public static let authenticationFailed = Code(description: "authentication_failed")
        /// Credentials are configured but the server offers neither PLAIN nor LOGIN.
        public static let authenticationUnavailable = Code(description: "authentication_unavailable")
        /// The server refused the session (greeting or EHLO not 2xx).
        public static let sessionRejected = Code(description: "session_rejected")
        /// MAIL, RCPT or DATA got a 4xx or 5xx: the message was refused, see `reply`.
        public static let messageRejected = Code(description: "message_rejected")
        /// The transport's settings cannot work, e.g. an unreadable CA file.
        public static let invalidConfiguration = Code(description: "invalid_configuration")
        /// The server sent something SMTP does not allow (malformed reply, data after STARTTLS's 220).
        public static let protocolViolation = Code(description: "protocol_violation")
    }

    public var code: Code
    /// Chinese first, English in parentheses, fit for an operator's log; never a secret.
    public var message: String
    public var context: [String: String]
    /// The server's reply that caused it, if any.
    public var reply: SMTPReply?

    public init(_ code: Code, _ message: String, context: [String: String] = [:], reply: SMTPReply? = nil) {
        self.code = code
        self.message = message
        self.context = context
        self.reply = reply
    }

    /// The dispatcher's view: only a 5xx to MAIL, RCPT or DATA is permanent, since only the message
    /// itself can be wrong there; everything else concerns the channel and is retried until an
    /// operator fixes it.
    public var deliveryFailure: DeliveryFailure {
        if self.code == .messageRejected, let reply = self.reply,
           let failure = DeliveryFailure.smtp(code: reply.code, text: reply.text)
        {
            return failure
        }
        return DeliveryFailure(.transient, self.description)
    }
}

extension SMTPError {
    static func unexpected(_ reply: SMTPReply, during step: String) -> Self {
        Self(.sessionRejected, "SMTP 服务器拒绝会话 (server refused the session): \(reply)",
             context: ["step": step], reply: reply)
    }

    static func authenticationFailed(_ reply: SMTPReply) -> Self {
        Self(.authenticationFailed, "SMTP 认证失败 (authentication failed): \(reply)", reply: reply)
    }

    static func rejected(_ reply: SMTPReply, during step: String) -> Self {
        Self(.messageRejected, "SMTP 拒收 (message refused): \(reply)", context: ["step": step], reply: reply)
    }

    static func timeout(_ step: String) -> Self {
        Self(.timeout, "SMTP 超时 (timed out)", context: ["step": step])
    }

    static let closed = Self(.connectionClosed, "SMTP 连接已断开 (connection closed)")

    /// The connection was gone before the message's first command: nothing was sent, so another connection may
    /// carry it without any risk of a repeat (a server closes idle connections; a busy host may resume late).
    static let closedBeforeSending = Self(
        .connectionClosed, "SMTP 连接在发送前已关闭 (connection closed before sending)", context: ["stage": "before_mail"])

    /// True for ``closedBeforeSending``.
    var isBeforeSending: Bool { code == .connectionClosed && context["stage"] == "before_mail" }
}
