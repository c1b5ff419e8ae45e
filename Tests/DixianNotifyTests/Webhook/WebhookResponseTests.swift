import DixianNotify
import Foundation
import Testing

@Suite("Webhook answer classification")
struct WebhookResponseTests {
    struct Row: Sendable, CustomStringConvertible {
        var preset: WebhookConfiguration.Preset
        var status: Int
        var body: String
        var retryAfter: String? = nil
        /// nil: success.
        var kind: DeliveryFailure.Kind?
        var expectedRetryAfter: TimeInterval? = nil
        /// A piece the receipt or reason must contain.
        var mentions: String

        var description: String { "\(preset) HTTP \(status) \(body)" }
    }

    static let table: [Row] = [
        Row(preset: .generic, status: 200, body: "", kind: nil, mentions: "HTTP 200"),
        Row(preset: .generic, status: 204, body: "", kind: nil, mentions: "HTTP 204"),
        Row(preset: .generic, status: 202, body: "{\"errcode\":1}", kind: nil, mentions: "errcode"),
        Row(preset: .generic, status: 429, body: "", retryAfter: "7", kind: .transient, expectedRetryAfter: 7, mentions: "HTTP 429"),
        Row(preset: .generic, status: 503, body: "down", retryAfter: "Thu, 02 Jul 2026 13:47:40 GMT", kind: .transient,
            expectedRetryAfter: 60, mentions: "HTTP 503 down"),
        Row(preset: .generic, status: 408, body: "", kind: .transient, mentions: "HTTP 408"),
        Row(preset: .generic, status: 500, body: "", kind: .transient, mentions: "HTTP 500"),
        Row(preset: .generic, status: 410, body: "gone", kind: .endpointGone, mentions: "HTTP 410"),
        Row(preset: .generic, status: 400, body: "bad", kind: .permanent, mentions: "HTTP 400 bad"),
        Row(preset: .generic, status: 401, body: "", kind: .permanent, mentions: "HTTP 401"),
        Row(preset: .generic, status: 302, body: "", kind: .permanent, mentions: "HTTP 302"),
        Row(preset: .wecom, status: 200, body: "{\"errcode\":0,\"errmsg\":\"ok\"}", kind: nil, mentions: "HTTP 200 {\"errcode\":0,\"errmsg\":\"ok\"}"),
        Row(preset: .wecom, status: 200, body: "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}", kind: .transient,
            mentions: "errcode=45009 errmsg=api freq out of limit"),
        Row(preset: .wecom, status: 200, body: "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}", kind: .permanent,
            mentions: "errcode=93000"),
        Row(preset: .wecom, status: 200, body: "<html>portal</html>", kind: .permanent, mentions: "not JSON"),
        Row(preset: .wecom, status: 200, body: "{}", kind: .permanent, mentions: "no error code"),
        Row(preset: .wecom, status: 502, body: "", kind: .transient, mentions: "HTTP 502"),
        Row(preset: .dingtalk, status: 200, body: "{\"errcode\":0,\"errmsg\":\"ok\"}", kind: nil, mentions: "errcode"),
        Row(preset: .dingtalk, status: 200, body: "{\"errcode\":130101,\"errmsg\":\"send too fast\"}", kind: .transient,
            mentions: "errcode=130101"),
        Row(preset: .dingtalk, status: 200, body: "{\"errcode\":310000,\"errmsg\":\"sign not match\"}", kind: .permanent,
            mentions: "sign not match"),
        Row(preset: .feishu, status: 200, body: "{\"code\":0,\"msg\":\"success\",\"data\":{}}", kind: nil, mentions: "success"),
        Row(preset: .feishu, status: 200, body: "{\"StatusCode\":0,\"StatusMessage\":\"success\"}", kind: nil, mentions: "StatusCode"),
        Row(preset: .feishu, status: 200, body: "{\"code\":9499,\"msg\":\"too many request\"}", kind: .transient, mentions: "code=9499"),
        Row(preset: .feishu, status: 200, body: "{\"code\":19021,\"msg\":\"sign match fail\"}", kind: .permanent, mentions: "code=19021"),
        Row(preset: .feishu, status: 410, body: "", kind: .endpointGone, mentions: "HTTP 410"),
    ]

    @Test("classification table", arguments: table)
    func classify(row: Row) {
        let now = Date(timeIntervalSince1970: 1_783_000_000)
        let response = WebhookResponse(status: row.status, retryAfter: row.retryAfter, body: Array(row.body.utf8))
        switch response.outcome(for: row.preset, now: now) {
        case .success(let receipt):
            #expect(row.kind == nil, "expected \(String(describing: row.kind)), got success")
            #expect(receipt.transcript.count == 1)
            #expect(receipt.transcript.first?.contains(row.mentions) == true, "\(receipt.transcript)")
        case .failure(let failure):
            #expect(failure.kind == row.kind)
            #expect(failure.retryAfter == row.expectedRetryAfter)
            #expect(failure.reason.contains(row.mentions), "\(failure.reason)")
        }
    }

    @Test("a long answer is cut to 500 characters in the receipt, on one line")
    func longAnswer() throws {
        let body = "{\"errcode\":0,\n\"errmsg\":\"ok\",\n\"x\":\"" + String(repeating: "长", count: 2000) + "\"}"
        let receipt = try WebhookResponse(status: 200, body: Array(body.utf8)).outcome(for: .wecom, now: Date()).get()
        let line = try #require(receipt.transcript.first)
        #expect(!line.contains("\n"))
        #expect(line.count <= "HTTP 200 ".count + WebhookResponse.excerptLength + 1)
        #expect(line.hasSuffix("…"))
    }
}
