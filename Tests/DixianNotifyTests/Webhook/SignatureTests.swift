import DixianCore
import DixianNotify
import DixianTestSupport
import Foundation
import Testing

@Suite("Webhook and chat-bot signatures")
struct SignatureTests {
    /// Runs a Python snippet (an independent implementation of the published algorithms) with `input`
    /// as JSON on stdin and returns its stdout.
    static func python(_ script: String, _ input: [String: String]) async throws -> String {
        let output = try await PythonInterpreter.run(script, input: try JSONSerialization.data(withJSONObject: input))
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("Standard Webhooks: matches Python's hmac over id.timestamp.body; verifies; rotation carries both")
    func standardWebhooks() async throws {
        var random = SeededRandom(seed: 7)
        for round in 0..<20 {
            let key = (0..<24).map { _ in UInt8.random(in: 0...255, using: &random) }
            let secret = try #require(WebhookSecret("whsec_" + Data(key).base64EncodedString()))
            let body = Array("{\"n\":\(round),\"text\":\"岚川县 提醒\"}".utf8)
            let id = "employment.data/149721101001/-/2026-07/r0/V\(round)/chat"
            let headers = StandardWebhookSignature.headers(
                id: id, timestamp: Date(timeIntervalSince1970: 1_783_000_000 + Double(round)), body: body, secrets: [secret])
            let signature = try #require(headers.first { $0.0 == "webhook-signature" }?.1)
            let expected = try await Self.python(
                """
                import sys, json, hmac, hashlib, base64
                d = json.load(sys.stdin)
                key = base64.b64decode(d["secret"][len("whsec_"):])
                msg = (d["id"] + "." + d["ts"] + ".").encode() + d["body"].encode()
                print("v1," + base64.b64encode(hmac.new(key, msg, hashlib.sha256).digest()).decode())
                """,
                ["secret": "whsec_" + Data(key).base64EncodedString(), "id": id, "ts": String(1_783_000_000 + round),
                 "body": String(decoding: body, as: UTF8.self)])
            #expect(signature == expected)
            #expect(StandardWebhookSignature.verify(id: id, timestamp: String(1_783_000_000 + round), body: body, header: signature, secret: secret))
            #expect(!StandardWebhookSignature.verify(id: id + "x", timestamp: String(1_783_000_000 + round), body: body, header: signature, secret: secret))
        }
        let old = try #require(WebhookSecret("whsec_" + Data(repeating: 1, count: 24).base64EncodedString()))
        let new = try #require(WebhookSecret("whsec_" + Data(repeating: 2, count: 24).base64EncodedString()))
        let rotated = StandardWebhookSignature.headers(id: "k", timestamp: Date(timeIntervalSince1970: 1), body: [], secrets: [new, old])
        let header = try #require(rotated.first { $0.0 == "webhook-signature" }?.1)
        #expect(header.split(separator: " ").count == 2)
        #expect(StandardWebhookSignature.verify(id: "k", timestamp: "1", body: [], header: header, secret: old))
        #expect(WebhookSecret("whsec_not-base64!") == nil)
        #expect("\(new)" == "<redacted>")
    }

    @Test("DingTalk: HMAC-SHA256(secret, \"timestamp\\nsecret\"), millisecond timestamp, URL-encoded sign")
    func dingTalk() async throws {
        let secret = "SEC0123456789abcdef岚川"
        let at = Date(timeIntervalSince1970: 1_783_044_000.123)
        let (timestamp, sign) = ChatBotSignature.dingTalk(secret: secret, timestamp: at)
        #expect(timestamp == "1783044000123")
        let expected = try await Self.python(
            """
            import sys, json, hmac, hashlib, base64, urllib.parse
            d = json.load(sys.stdin)
            s = hmac.new(d["secret"].encode("utf-8"), (d["ts"] + "\\n" + d["secret"]).encode("utf-8"), hashlib.sha256).digest()
            print(urllib.parse.quote_plus(base64.b64encode(s)))
            """,
            ["secret": secret, "ts": timestamp])
        let url = ChatBotSignature.dingTalkURL("https://oapi.dingtalk.com/robot/send?access_token=abc", secret: secret, timestamp: at)
        #expect(url == "https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=\(timestamp)&sign=\(expected)")
        #expect(!sign.isEmpty)
    }

    @Test("Feishu: HMAC-SHA256 keyed by \"timestamp\\nsecret\" over an empty message, seconds")
    func feishu() async throws {
        let secret = "feishu-secret-飞书"
        let (timestamp, sign) = ChatBotSignature.feishu(secret: secret, timestamp: Date(timeIntervalSince1970: 1_783_044_000.9))
        #expect(timestamp == "1783044000")
        let expected = try await Self.python(
            """
            import sys, json, hmac, hashlib, base64
            d = json.load(sys.stdin)
            key = (d["ts"] + "\\n" + d["secret"]).encode("utf-8")
            print(base64.b64encode(hmac.new(key, digestmod=hashlib.sha256).digest()).decode())
            """,
            ["secret": secret, "ts": timestamp])
        #expect(sign == expected)
    }
}
