import DixianCore
import DixianNotify
import Foundation

extension Configuration {
    /// A notification channel (通知渠道) under `channels:`: the name plugins and overrides refer to, and
    /// how its messages leave the machine.
    public struct Channel: Sendable, Equatable {
        /// The channel's name, the key under `channels:` (`email`, `chat`, `ops-hook`, …).
        public var name: String
        /// Where messages go (key `type`).
        public var kind: NotifyChannelKind
        /// Messages of this channel in flight at once on one replica (key `concurrency`), default 4.
        public var concurrency: Int
        /// At most this many messages per period (key `rate_limit`, `"20/1m"`); nil: unlimited.
        /// Chat bots need it: DingTalk bots accept 20 messages a minute.
        public var rateLimit: RateLimit?
        /// The kind-specific settings.
        public var transport: Transport

        public init(name: String, kind: NotifyChannelKind, concurrency: Int = 4, rateLimit: RateLimit? = nil, transport: Transport) {
            self.name = name
            self.kind = kind
            self.concurrency = concurrency
            self.rateLimit = rateLimit
            self.transport = transport
        }

        /// Whether the channel carries email (subject, text, HTML to one person) rather than chat text to a group.
        public var carriesEmail: Bool {
            switch transport {
            case .smtp: true
            case .maildir(let maildir): maildir.content == .email
            case .webhook: false
            }
        }

        static let concurrencyRange = 1...64

        /// Where the channel sends, safe to print: `smtp://host:port`, the bot's host, the maildir.
        public var target: String {
            switch transport {
            case .smtp(let smtp): "smtp://\(smtp.host):\(smtp.port) (\(smtp.tls.rawValue))"
            case .webhook(let webhook): webhook.redactedURL
            case .maildir(let maildir): maildir.directory
            }
        }
    }

    /// `N/period`, e.g. `20/1m`.
    public struct RateLimit: Sendable, Equatable {
        public var messages: Int
        public var period: Duration

        public init(messages: Int, period: Duration) {
            self.messages = messages
            self.period = period
        }
    }
}

extension Configuration.Channel {
    /// The settings of each kind of channel.
    public enum Transport: Sendable, Equatable {
        case smtp(SMTP)
        /// `webhook`, `wecom`, `dingtalk` and `feishu`: an HTTPS endpoint; the channel's kind picks the format.
        case webhook(Webhook)
        case maildir(Maildir)
    }

    /// An SMTP server (`type: smtp`).
    public struct SMTP: Sendable, Equatable {
        /// `starttls` (default, required: never falls back to plain text), `implicit` (port 465) or `none`.
        public enum TLS: String, Sendable, CaseIterable {
            case starttls, implicit, none
        }

        public var host: String
        /// Default 587, or 465 with `tls: implicit`, 25 with `tls: none`.
        public var port: Int
        public var tls: TLS
        public var username: String?
        /// Key `password_file`, or `$DIXIAN_SMTP_PASSWORD_<NAME>` (upper case, `-` as `_`).
        public var password: Secret<String>?
        /// An extra trust anchor besides the system's (key `ca_file`); verification is always on.
        public var caFile: String?
        /// The sender, `"县乡村振兴局 <dixian@example.gov.cn>"` (key `from`).
        public var from: String
        /// Each step's timeout (key `timeout`), default 30 s.
        public var timeout: Duration

        public init(
            host: String, port: Int, tls: TLS, username: String?, password: Secret<String>?, caFile: String?, from: String,
            timeout: Duration
        ) {
            self.host = host
            self.port = port
            self.tls = tls
            self.username = username
            self.password = password
            self.caFile = caFile
            self.from = from
            self.timeout = timeout
        }
    }

    /// A webhook endpoint (`type: webhook | wecom | dingtalk | feishu`).
    public struct Webhook: Sendable, Equatable {
        /// Key `url` or `url_file`; bot URLs carry access tokens, so the value is a secret and logs show
        /// only the host.
        public var url: Secret<String>
        /// `webhook`: Standard Webhooks keys `whsec_…`, one per line during rotation (key `secret_file`);
        /// `dingtalk`/`feishu`: the bot's signing secret (加签密钥). Optional for bots using keywords.
        public var secret: Secret<String>?
        public var caFile: String?
        /// @-mention the recipients' mobile numbers in chat groups (key `mention_mobiles`), default true.
        public var mentionMobiles: Bool
        /// The request timeout (key `timeout`), default 10 s.
        public var timeout: Duration

        public init(url: Secret<String>, secret: Secret<String>?, caFile: String?, mentionMobiles: Bool, timeout: Duration) {
            self.url = url
            self.secret = secret
            self.caFile = caFile
            self.mentionMobiles = mentionMobiles
            self.timeout = timeout
        }
    }

    /// Messages written as `.eml` files into a maildir (`type: maildir`): the embedded default, so a
    /// newcomer sees real mail without a mail server.
    public struct Maildir: Sendable, Equatable {
        /// What the files hold (key `content`): the email rendering or the chat text.
        public enum Content: String, Sendable, CaseIterable {
            case email, chat
        }

        /// The maildir (key `dir`); a relative path is under `state_dir` (default `mail`, `chat`);
        /// `tmp/`, `new/`, `cur/` are created when missing.
        public var directory: String
        public var content: Content
        /// The `From:` of the files (key `from`).
        public var from: String
    }
}

extension Configuration {
    /// The default sender, also the default maildirs' `From:`.
    public static let defaultSender = "县乡村振兴局 <dixian@localhost.localdomain>"

    /// The embedded channels: both names plugins use by default, written to local maildirs.
    public static let defaultChannels: [String: Channel] = [
        "email": Channel(
            name: "email", kind: .maildir,
            transport: .maildir(.init(directory: "mail", content: .email, from: defaultSender))),
        "chat": Channel(
            name: "chat", kind: .maildir,
            transport: .maildir(.init(directory: "chat", content: .chat, from: defaultSender))),
    ]
}
