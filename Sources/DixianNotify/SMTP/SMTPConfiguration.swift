import Foundation

/// How ``SMTPTransport`` reaches the mail server (SMTP 通道配置).
///
/// `description` masks the password, so the value can be logged as a whole.
public struct SMTPConfiguration: Sendable, Hashable, CustomStringConvertible {
    /// How the connection is encrypted.
    public enum TLSMode: String, Sendable, Hashable {
        /// Plain TCP, upgraded with STARTTLS before anything else (port 587 or 25). Required: a server
        /// that does not offer it fails the delivery (transient); there is no plaintext fallback.
        case startTLS = "starttls"
        /// TLS from the first byte (port 465).
        case implicit
        /// No encryption at all; only when configured explicitly, e.g. for a relay on localhost.
        case none
    }

    /// Time limits; each covers one step, so a stuck server fails the delivery instead of hanging it.
    public struct Timeouts: Sendable, Hashable {
        /// TCP connect (and, with implicit TLS, nothing more: the greeting has ``reply``).
        public var connect: Duration
        /// Each reply to a command, the greeting and the TLS handshake.
        public var reply: Duration
        /// From the end of the message body to the server's final reply (RFC 5321 suggests 10 minutes).
        public var data: Duration
        /// A pooled connection unused this long is closed with QUIT.
        public var idle: Duration

        public init(connect: Duration = .seconds(10), reply: Duration = .seconds(30), data: Duration = .seconds(120),
                    idle: Duration = .seconds(60)) {
            self.connect = connect
            self.reply = reply
            self.data = data
            self.idle = idle
        }
    }

    public var host: String
    public var port: Int
    public var tls: TLSMode
    /// Nil sends without AUTH (a relay that trusts the network).
    public var credentials: SMTPCredentials?
    /// A PEM file added to the system's trust roots, e.g. the county's own CA. Verification stays on.
    public var caFile: String?
    /// The name sent with EHLO; the machine's host name is usual.
    public var heloName: String
    /// The envelope sender and `From:` header.
    public var sender: MailAddress
    /// The zone of the `Date:` header (the county's, usually Asia/Shanghai).
    public var timeZone: TimeZone
    public var timeouts: Timeouts
    /// Connections kept open at most; concurrent deliveries beyond it wait for one.
    public var poolSize: Int
    /// Messages sent over one connection before it is replaced (some servers limit this).
    public var messagesPerConnection: Int

    public init(
        host: String, port: Int? = nil, tls: TLSMode = .startTLS, credentials: SMTPCredentials? = nil,
        caFile: String? = nil, heloName: String = "localhost", sender: MailAddress,
        timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai") ?? .current, timeouts: Timeouts = Timeouts(),
        poolSize: Int = 2, messagesPerConnection: Int = 100
    ) {
        self.host = host
        self.port = port ?? (tls == .implicit ? 465 : 587)
        self.tls = tls
        self.credentials = credentials
        self.caFile = caFile
        self.heloName = heloName
        self.sender = sender
        self.timeZone = timeZone
        self.timeouts = timeouts
        self.poolSize = max(1, poolSize)
        self.messagesPerConnection = max(1, messagesPerConnection)
    }

    public var description: String {
        let auth = self.credentials.map { " auth=\($0)" } ?? ""
        return "smtp://\(self.host):\(self.port) tls=\(self.tls.rawValue)\(auth) sender=\(self.sender.address)"
    }
}
