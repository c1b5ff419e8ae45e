import Foundation

/// One HTTP request to a webhook or chat bot, built without IO (待发请求): what ``WebhookTransport`` POSTs.
///
/// Building is pure so every format and signature is testable byte for byte. JSON keys are sorted, so
/// the same notification gives the same body on every attempt; only the chat bots' signing timestamp
/// (`now`) changes, because DingTalk and Feishu reject signatures older than an hour.
public struct WebhookRequest: Sendable, Hashable {
    /// One header line.
    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The URL to POST to; for a signed DingTalk bot it carries `timestamp` and `sign` (a secret: print
    /// ``WebhookConfiguration/redact(_:)`` of it, never the URL itself).
    public var url: String
    public var headers: [Header]
    public var body: [UInt8]

    public init(url: String, headers: [Header], body: [UInt8]) {
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The request delivering `notification` to the endpoint `configuration` describes, with chat-bot
    /// signatures made at `now`.
    public init(_ notification: Notification, configuration: WebhookConfiguration, now: Date) {
        let json = Header("content-type", "application/json")
        switch configuration.preset {
        case .generic:
            let body = GenericEvent.json(notification).bytes
            let signing = StandardWebhookSignature.headers(
                id: notification.key, timestamp: notification.createdAt, body: body, secrets: configuration.signingSecrets)
            // A receiver without a secret still gets id and timestamp; an empty signature header would
            // only make a verifying receiver fail less clearly.
            let headers = signing.filter { $0.0 != "webhook-signature" || !configuration.signingSecrets.isEmpty }
            self.init(url: configuration.url, headers: [json] + headers.map { Header($0.0, $0.1) }, body: body)
        case .wecom:
            let message = WeComText(
                text: .init(content: Self.chatText(notification, .wecom), mentionedMobileList: Self.mentions(notification, configuration)))
            self.init(url: configuration.url, headers: [json], body: Self.encode(message))
        case .dingtalk:
            let mobiles = Self.mentions(notification, configuration)
            let suffix = mobiles.map { " @" + $0 }.joined()
            let message = DingTalkText(
                text: .init(content: Self.chatText(notification, .dingtalk, keeping: suffix) + suffix),
                at: .init(atMobiles: mobiles, isAtAll: false))
            let url = configuration.botSecret.map {
                ChatBotSignature.dingTalkURL(configuration.url, secret: $0.text, timestamp: now)
            } ?? configuration.url
            self.init(url: url, headers: [json], body: Self.encode(message))
        case .feishu:
            let signature = configuration.botSecret.map { ChatBotSignature.feishu(secret: $0.text, timestamp: now) }
            let message = FeishuText(
                timestamp: signature?.timestamp, sign: signature?.sign,
                content: .init(text: Self.chatText(notification, .feishu)))
            self.init(url: configuration.url, headers: [json], body: Self.encode(message))
        }
    }

    /// The chat text cut to the preset's limit, leaving room for `suffix`.
    static func chatText(_ notification: Notification, _ preset: WebhookConfiguration.Preset, keeping suffix: String = "") -> String {
        guard let limit = preset.textLimit else { return notification.content.chat }
        return limit.truncate(notification.content.chat, keeping: suffix)
    }

    /// The recipients' mobile numbers in order, each once; none when mentions are off.
    static func mentions(_ notification: Notification, _ configuration: WebhookConfiguration) -> [String] {
        guard configuration.mentionMobiles else { return [] }
        var seen = Set<String>()
        return notification.recipients.compactMap(\.mobile).filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// Sorted keys and unescaped slashes: stable bytes, readable URLs in attributes.
    static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // The payload types hold only strings, arrays and booleans, which always encode.
        return Array((try? encoder.encode(value)) ?? Data("{}".utf8))
    }
}
