import Foundation

/// What a webhook or chat bot answered (应答), and the pure decision whether the delivery succeeded.
///
/// HTTP status first (``DeliveryFailure/http(status:retryAfter:)``); then, for chat bots, the JSON error
/// code, because WeCom, DingTalk and Feishu answer HTTP 200 to most failures.
public struct WebhookResponse: Sendable, Hashable {
    public var status: Int
    /// The raw `Retry-After` header, if any.
    public var retryAfter: String?
    /// The body, or its first bytes for a large answer.
    public var body: [UInt8]

    /// How much of the answer goes into receipts and reasons.
    public static let excerptLength = 500

    public init(status: Int, retryAfter: String? = nil, body: [UInt8] = []) {
        self.status = status
        self.retryAfter = retryAfter
        self.body = body
    }

    /// The receipt for a delivered message, or the failure with the server's words.
    public func outcome(for preset: WebhookConfiguration.Preset, now: Date) -> Result<DeliveryReceipt, DeliveryFailure> {
        if var failure = DeliveryFailure.http(status: status, retryAfter: DeliveryFailure.retryAfter(retryAfter, now: now)) {
            if !excerpt.isEmpty { failure.reason += " " + excerpt }
            return .failure(failure)
        }
        if let failure = platformFailure(for: preset) { return .failure(failure) }
        return .success(DeliveryReceipt(transcript: [excerpt.isEmpty ? "HTTP \(status)" : "HTTP \(status) \(excerpt)"]))
    }

    /// The body as one line of at most ``excerptLength`` characters.
    public var excerpt: String {
        let text = String(decoding: body, as: UTF8.self)
            .split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
        return text.count > Self.excerptLength ? String(text.prefix(Self.excerptLength)) + "…" : text
    }

    /// The chat platform's error in a 2xx answer; nil for success and for generic webhooks.
    func platformFailure(for preset: WebhookConfiguration.Preset) -> DeliveryFailure? {
        guard let platform = ChatPlatform(preset) else { return nil }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else {
            // Every bot API answers JSON; anything else is a wrong URL (a portal, a proxy page) that a retry
            // will not fix.
            return DeliveryFailure(.permanent, "\(platform.name)应答不是 JSON (answer is not JSON) HTTP \(status) \(excerpt)")
        }
        let code = platform.codeKeys.lazy.compactMap { Self.integer(object[$0]) }.first
        let message = platform.messageKeys.lazy.compactMap { object[$0] as? String }.first ?? ""
        guard let code else {
            return DeliveryFailure(.permanent, "\(platform.name)应答缺少错误码 (answer has no error code) \(excerpt)")
        }
        if code == 0 { return nil }
        let detail = "\(platform.codeKeys[0])=\(code) \(platform.messageKeys[0])=\(message)"
        if code == platform.rateLimitCode {
            return DeliveryFailure(.transient, "\(platform.name)限流，发送过快 (rate limited) \(detail)")
        }
        return DeliveryFailure(.permanent, "\(platform.name)拒绝了消息 (message rejected) \(detail)")
    }

    /// A JSON number as an integer; Foundation may hand it over as Int, Double or NSNumber.
    private static func integer(_ value: Any?) -> Int? {
        if let value = value as? Int { return value }
        if let value = value as? Double, value == value.rounded() { return Int(exactly: value) }
        return nil
    }

    /// Where each chat platform puts its answer code.
    struct ChatPlatform {
        var name: String
        var codeKeys: [String]
        var messageKeys: [String]
        /// The code that means "too many messages, try later".
        var rateLimitCode: Int

        init?(_ preset: WebhookConfiguration.Preset) {
            switch preset {
            case .generic: return nil
            case .wecom: self.init(name: "企业微信", codeKeys: ["errcode"], messageKeys: ["errmsg"], rateLimitCode: 45009)
            case .dingtalk: self.init(name: "钉钉", codeKeys: ["errcode"], messageKeys: ["errmsg"], rateLimitCode: 130101)
            // Feishu answers `code`/`msg`; older bot endpoints `StatusCode`/`StatusMessage`.
            case .feishu:
                self.init(name: "飞书", codeKeys: ["code", "StatusCode"], messageKeys: ["msg", "StatusMessage"], rateLimitCode: 9499)
            }
        }

        init(name: String, codeKeys: [String], messageKeys: [String], rateLimitCode: Int) {
            self.name = name
            self.codeKeys = codeKeys
            self.messageKeys = messageKeys
            self.rateLimitCode = rateLimitCode
        }
    }
}
