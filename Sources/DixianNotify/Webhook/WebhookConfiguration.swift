import Foundation

/// One configured webhook or chat-bot endpoint (推送地址): where to POST, in which format, signed how.
///
/// A value read from the channel configuration; ``WebhookTransport`` turns it into requests. It holds
/// secrets (signing keys, and the access token many bots put into the URL), so it never prints them:
/// ``description`` and ``redactedURL`` leave the query string and bot tokens out.
public struct WebhookConfiguration: Sendable, Hashable, CustomStringConvertible {
    /// The receiver's format and signing scheme (接收方类型).
    public enum Preset: String, Sendable, Hashable, CaseIterable {
        /// Standard Webhooks (https://www.standardwebhooks.com): JSON event, `webhook-*` headers, HMAC signatures.
        case generic
        /// 企业微信群机器人 (WeCom group bot): text message; @-mentions by mobile number.
        case wecom
        /// 钉钉自定义机器人 (DingTalk custom bot): text message; optional 加签 in the URL query.
        case dingtalk
        /// 飞书自定义机器人 (Feishu custom bot): text message; optional 签名校验 in the body.
        ///
        /// Feishu bots can only @ a user by `open_id`, which the directory does not hold, so Feishu
        /// messages carry no mentions.
        case feishu
    }

    /// The endpoint, `https://…` (or `http://` for a receiver on the same host). Chat bots carry their
    /// access token in it: treat it as a secret.
    public var url: String
    public var preset: Preset
    /// Standard Webhooks signing keys (`whsec_…`) for ``Preset/generic``, current first. During a rotation
    /// several are configured and every one signs, so the receiver may hold either.
    public var signingSecrets: [WebhookSecret]
    /// The DingTalk or Feishu bot's signing secret (`SEC…`); nil when the bot uses keyword or IP
    /// security instead.
    public var botSecret: WebhookSecret?
    /// The whole request's deadline: connecting, TLS, sending and reading the answer.
    public var timeout: Duration
    /// A PEM file of CA certificates trusted in addition to the system's (a county's own CA). Certificates
    /// are always verified; there is no switch to turn that off.
    public var caFile: String?
    /// Whether chat messages @-mention the recipients by mobile number (WeCom, DingTalk).
    public var mentionMobiles: Bool

    public init(
        url: String, preset: Preset, signingSecrets: [WebhookSecret] = [], botSecret: WebhookSecret? = nil,
        timeout: Duration = .seconds(10), caFile: String? = nil, mentionMobiles: Bool = true
    ) {
        self.url = url
        self.preset = preset
        self.signingSecrets = signingSecrets
        self.botSecret = botSecret
        self.timeout = timeout
        self.caFile = caFile
        self.mentionMobiles = mentionMobiles
    }

    /// The URL without what may grant access: the query (`?key=`, `?access_token=`, DingTalk's `sign`)
    /// becomes `?…`, and the token of a Feishu hook path (`/hook/<token>`) becomes `…`.
    public var redactedURL: String { Self.redact(url) }

    public var description: String {
        "WebhookConfiguration(\(preset.rawValue) \(redactedURL), secrets: \(signingSecrets.count + (botSecret == nil ? 0 : 1)))"
    }

    /// See ``redactedURL``; also applied to any URL before it reaches a log line or a reason.
    public static func redact(_ url: String) -> String {
        var base = url
        var hadQuery = false
        if let index = base.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            hadQuery = base[index] == "?" || base[index...].contains("?")
            base = String(base[..<index])
        }
        if let range = base.range(of: "/hook/") {
            base = base[..<range.upperBound] + "…"
        }
        return hadQuery ? base + "?…" : base
    }
}

extension WebhookConfiguration.Preset {
    /// The platform's message limit; nil for generic webhooks, whose receivers read structured data.
    public var textLimit: ChatTextLimit? {
        switch self {
        case .generic: nil
        case .wecom: ChatTextLimit(maximum: 2048, unit: .utf8Bytes)
        case .dingtalk: ChatTextLimit(maximum: 20000, unit: .utf16)
        case .feishu: ChatTextLimit(maximum: 30000, unit: .utf8Bytes)
        }
    }
}
