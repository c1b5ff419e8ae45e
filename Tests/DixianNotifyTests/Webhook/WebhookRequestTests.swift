import DixianCore
import DixianNotify
import Foundation
import Testing

@Suite("Webhook request bodies per preset")
struct WebhookRequestTests {
    /// A reminder for two officials, one of them listed twice and one without a mobile.
    static func sample(key: String = "housing.check/149721101001/-/2026-07/r0/V1/chat", createdAt: Date = Date(timeIntervalSince1970: 1_783_000_000.75), chat: String = "【岚川县】请于7月5日前完成住房安全核查。") -> DixianNotify.Notification {
        DixianNotify.Notification(
            key: key, channel: "chat", createdAt: createdAt,
            recipients: [
                NotificationRecipient(id: "0001", name: "王芳", email: "wang@example.cn", mobile: "13800000001"),
                NotificationRecipient(id: "0002", name: "李强", email: nil, mobile: nil),
                NotificationRecipient(id: "0001", name: "王芳", email: "wang@example.cn", mobile: "13800000001"),
            ],
            content: RenderedContent(
                subject: "住房安全核查提醒", text: "王芳：请点击 https://dixian.example/a/SECRET-TOKEN 确认",
                html: "<p>王芳 https://dixian.example/a/SECRET-TOKEN</p>", chat: chat),
            deliveryKeys: [key, key + "+1"], attributes: ["duty": "housing.check", "unit": "149721101001"])
    }

    static func json(_ request: WebhookRequest) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
    }

    static func header(_ request: WebhookRequest, _ name: String) -> String? {
        request.headers.first { $0.name == name }?.value
    }

    static let secret = WebhookSecret("whsec_" + Data(repeating: 7, count: 24).base64EncodedString())!

    @Test("generic: Standard Webhooks event without the email text, signed over the exact bytes")
    func generic() throws {
        let notification = Self.sample()
        let configuration = WebhookConfiguration(url: "https://hooks.example/in", preset: .generic, signingSecrets: [Self.secret])
        let request = WebhookRequest(notification, configuration: configuration, now: Date())
        let body = try Self.json(request)
        #expect(body["type"] as? String == "dixian.notification")
        #expect(body["timestamp"] as? String == "2026-07-02T13:46:40Z")
        let data = try #require(body["data"] as? [String: Any])
        #expect(Set(data.keys) == ["key", "channel", "subject", "chat", "delivery_keys", "recipients", "attributes"])
        #expect(data["key"] as? String == notification.key)
        #expect(data["delivery_keys"] as? [String] == [notification.key, notification.key + "+1"])
        #expect((data["recipients"] as? [[String: String]])?.map { $0 } == [["id": "0001"], ["id": "0002"], ["id": "0001"]])
        #expect(data["attributes"] as? [String: String] == ["duty": "housing.check", "unit": "149721101001"])
        let text = String(decoding: request.body, as: UTF8.self)
        #expect(!text.contains("SECRET-TOKEN") && !text.contains("王芳"), "email text, links and names stay out")
        #expect(Self.header(request, "webhook-id") == notification.key)
        #expect(Self.header(request, "webhook-timestamp") == "1783000000")
        #expect(Self.header(request, "content-type") == "application/json")
        let signature = try #require(Self.header(request, "webhook-signature"))
        #expect(StandardWebhookSignature.verify(id: notification.key, timestamp: "1783000000", body: request.body, header: signature, secret: Self.secret))
        #expect(request.url == "https://hooks.example/in")
    }

    @Test("generic: the same notification gives the same bytes and headers at any time; keys sorted")
    func deterministic() throws {
        var attributes: [String: String] = [:]
        for index in 0..<40 { attributes["k\(index)"] = "值\(index)" }
        var notification = Self.sample()
        notification.attributes = attributes
        let configuration = WebhookConfiguration(url: "https://hooks.example/in", preset: .generic, signingSecrets: [Self.secret])
        let first = WebhookRequest(notification, configuration: configuration, now: Date(timeIntervalSince1970: 1))
        let second = WebhookRequest(notification, configuration: configuration, now: Date(timeIntervalSince1970: 999_999))
        #expect(first == second)
        let text = String(decoding: first.body, as: UTF8.self)
        #expect(text.hasPrefix("{\"data\":{\"attributes\":{\"k0\""))
    }

    @Test("generic without secrets: id and timestamp, no empty signature header")
    func unsigned() {
        let request = WebhookRequest(Self.sample(), configuration: .init(url: "http://127.0.0.1/x", preset: .generic), now: Date())
        #expect(Self.header(request, "webhook-signature") == nil)
        #expect(Self.header(request, "webhook-id") != nil)
    }

    @Test("rotation: one v1 signature per secret, each verifies")
    func rotation() throws {
        let old = try #require(WebhookSecret("whsec_" + Data(repeating: 1, count: 32).base64EncodedString()))
        let configuration = WebhookConfiguration(url: "https://hooks.example/in", preset: .generic, signingSecrets: [Self.secret, old])
        let request = WebhookRequest(Self.sample(), configuration: configuration, now: Date())
        let header = try #require(Self.header(request, "webhook-signature"))
        #expect(header.split(separator: " ").count == 2)
        for secret in [Self.secret, old] {
            #expect(StandardWebhookSignature.verify(id: Self.sample().key, timestamp: "1783000000", body: request.body, header: header, secret: secret))
        }
    }

    @Test("WeCom: text with the mobiles to mention, each once; none when mentions are off")
    func wecom() throws {
        let configuration = WebhookConfiguration(url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K", preset: .wecom)
        let body = try Self.json(WebhookRequest(Self.sample(), configuration: configuration, now: Date()))
        #expect(body["msgtype"] as? String == "text")
        let text = try #require(body["text"] as? [String: Any])
        #expect(text["content"] as? String == Self.sample().content.chat)
        #expect(text["mentioned_mobile_list"] as? [String] == ["13800000001"])
        var quiet = configuration
        quiet.mentionMobiles = false
        let silent = try Self.json(WebhookRequest(Self.sample(), configuration: quiet, now: Date()))
        #expect((silent["text"] as? [String: Any])?["mentioned_mobile_list"] as? [String] == [])
    }

    @Test("DingTalk: @mobile in the text and in at.atMobiles; URL signed with a millisecond timestamp")
    func dingtalk() throws {
        let secret = try #require(WebhookSecret("SECdingtalk-test"))
        let configuration = WebhookConfiguration(
            url: "https://oapi.dingtalk.com/robot/send?access_token=T", preset: .dingtalk, botSecret: secret)
        let now = Date(timeIntervalSince1970: 1_783_000_123.5)
        let request = WebhookRequest(Self.sample(), configuration: configuration, now: now)
        let body = try Self.json(request)
        #expect(body["msgtype"] as? String == "text")
        #expect((body["text"] as? [String: Any])?["content"] as? String == Self.sample().content.chat + " @13800000001")
        let at = try #require(body["at"] as? [String: Any])
        #expect(at["atMobiles"] as? [String] == ["13800000001"])
        #expect(at["isAtAll"] as? Bool == false)
        #expect(request.url == ChatBotSignature.dingTalkURL(configuration.url, secret: "SECdingtalk-test", timestamp: now))
        #expect(request.url.contains("&timestamp=1783000123500&sign="))
        let unsigned = WebhookRequest(Self.sample(), configuration: .init(url: configuration.url, preset: .dingtalk), now: now)
        #expect(unsigned.url == configuration.url)
    }

    @Test("Feishu: sign and timestamp in the body with a secret, none without; no mentions")
    func feishu() throws {
        let configuration = WebhookConfiguration(
            url: "https://open.feishu.cn/open-apis/bot/v2/hook/TOKEN", preset: .feishu, botSecret: WebhookSecret("feishu-secret"))
        let now = Date(timeIntervalSince1970: 1_783_000_123.9)
        let body = try Self.json(WebhookRequest(Self.sample(), configuration: configuration, now: now))
        let expected = ChatBotSignature.feishu(secret: "feishu-secret", timestamp: now)
        #expect(body["timestamp"] as? String == "1783000123")
        #expect(body["sign"] as? String == expected.sign)
        #expect(body["msg_type"] as? String == "text")
        #expect(body["content"] as? [String: String] == ["text": Self.sample().content.chat])
        let unsigned = try Self.json(
            WebhookRequest(Self.sample(), configuration: .init(url: configuration.url, preset: .feishu), now: now))
        #expect(Set(unsigned.keys) == ["msg_type", "content"])
    }

    @Test("over-long chat text is cut per preset; DingTalk keeps the mentions after the cut")
    func longText() throws {
        let long = String(repeating: "乡村振兴", count: 6000)
        for preset in [WebhookConfiguration.Preset.wecom, .dingtalk, .feishu] {
            let limit = try #require(preset.textLimit)
            let body = try Self.json(
                WebhookRequest(Self.sample(chat: long), configuration: .init(url: "https://x.example/", preset: preset), now: Date()))
            let content = try #require(
                ((body["text"] ?? body["content"]) as? [String: Any]).flatMap { ($0["content"] ?? $0["text"]) as? String })
            #expect(limit.measure(content) <= limit.maximum, "\(preset)")
            #expect(content.contains(ChatTextLimit.truncationMarker), "\(preset)")
            if preset == .dingtalk { #expect(content.hasSuffix("…（内容过长，已截断） @13800000001")) }
        }
    }

    @Test("redaction: query strings and Feishu hook tokens never print")
    func redaction() throws {
        #expect(WebhookConfiguration.redact("https://oapi.dingtalk.com/robot/send?access_token=T&sign=S") == "https://oapi.dingtalk.com/robot/send?…")
        #expect(WebhookConfiguration.redact("https://open.feishu.cn/open-apis/bot/v2/hook/abc-123") == "https://open.feishu.cn/open-apis/bot/v2/hook/…")
        #expect(WebhookConfiguration.redact("https://hooks.example/in") == "https://hooks.example/in")
        let configuration = WebhookConfiguration(
            url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY123", preset: .generic,
            signingSecrets: [Self.secret], botSecret: WebhookSecret("SECbot"))
        #expect(!"\(configuration)".contains("KEY123") && !"\(configuration)".contains("SECbot"))
    }
}
