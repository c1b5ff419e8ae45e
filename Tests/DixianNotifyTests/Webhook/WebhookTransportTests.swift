import DixianNotify
import DixianTestSupport
import Foundation
import NIOCore
import Testing

/// The transport against a real HTTP(S) receiver (`scripts/webhook-test-receiver.py`), whose signature
/// checks are independent implementations: PyPI's `standardwebhooks`, and DingTalk's and Feishu's
/// documented recipes.
@Suite("Webhook transport against a real receiver", .enabled(if: RequiredTools.enabled(WebhookTestReceiver.pythonAvailable), "needs python3"))
struct WebhookTransportTests {
    static func secret(_ byte: UInt8) -> (text: String, secret: WebhookSecret) {
        let text = "whsec_" + Data(repeating: byte, count: 32).base64EncodedString()
        return (text, WebhookSecret(text)!)
    }

    /// The idle limit of the tests that expect a connection to be reused. The whole suite on two cores has kept a
    /// task waiting for its turn longer than the default 30 s (these tests took 80–94 s in a full run), and a pool
    /// rightly drops a connection that sat idle that long.
    static let patientIdleTimeout = TimeAmount.hours(1)

    /// A notification created now: Standard Webhooks receivers reject timestamps older than five minutes.
    static func notification(_ key: String = "housing.check/149721101001/-/2026-07/r0/V1/hook") -> DixianNotify.Notification {
        WebhookRequestTests.sample(key: key, createdAt: Date())
    }

    /// Delivers once with a transport that owns its client, and shuts it down.
    static func deliver(_ notification: DixianNotify.Notification, _ configuration: WebhookConfiguration) async throws -> Result<DeliveryReceipt, DeliveryFailure> {
        let transport = try WebhookTransport(configuration: configuration)
        let result: Result<DeliveryReceipt, DeliveryFailure>
        do {
            result = .success(try await transport.deliver(notification))
        } catch let failure as DeliveryFailure {
            result = .failure(failure)
        } catch {
            await transport.shutdown()
            throw error
        }
        await transport.shutdown()
        return result
    }

    @Test("generic: webhook-id is the key, the body is the event, standardwebhooks verifies the signature")
    func generic() async throws {
        let (text, secret) = Self.secret(11)
        let receiver = try await WebhookTestReceiver.start(webhookSecrets: [text])
        defer { receiver.stop() }
        let notification = Self.notification()
        let configuration = WebhookConfiguration(url: receiver.baseURL + "/hooks/dixian", preset: .generic, signingSecrets: [secret])
        let receipt = try await Self.deliver(notification, configuration).get()
        #expect(receipt.transcript == ["HTTP 200 {\"ok\": true}"])
        let request = try #require(try receiver.requests().first)
        #expect(request.method == "POST")
        #expect(request.path == "/hooks/dixian")
        #expect(request.headers["webhook-id"] == notification.key)
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.verified == [true], "\(request.detail)")
        let event = try request.json()
        #expect(event["type"] as? String == "dixian.notification")
        #expect((event["data"] as? [String: Any])?["key"] as? String == notification.key)
        #expect(request.body == String(decoding: WebhookRequest(notification, configuration: configuration, now: Date()).body, as: UTF8.self))
    }

    @Test("rotation: with two secrets each verifies; a receiver holding neither refuses (401, permanent)")
    func rotation() async throws {
        let (oldText, old) = Self.secret(21)
        let (newText, new) = Self.secret(22)
        let receiver = try await WebhookTestReceiver.start(webhookSecrets: [oldText, newText])
        defer { receiver.stop() }
        let configuration = WebhookConfiguration(url: receiver.baseURL + "/hook", preset: .generic, signingSecrets: [new, old])
        _ = try await Self.deliver(Self.notification(), configuration).get()
        #expect(try receiver.requests().map(\.verified) == [[true, true]])

        let stranger = try await WebhookTestReceiver.start(webhookSecrets: [Self.secret(23).text])
        defer { stranger.stop() }
        let refused = try await Self.deliver(Self.notification(), .init(url: stranger.baseURL + "/hook", preset: .generic, signingSecrets: [new, old]))
        let failure = try #require(refused.failure)
        #expect(failure.kind == .permanent && failure.reason.hasPrefix("HTTP 401"))
        #expect(try stranger.requests().map(\.verified) == [[false]])
    }

    @Test("DingTalk: the signed URL verifies; mentions carry the mobiles; a wrong secret is refused without leaking the URL")
    func dingtalk() async throws {
        let receiver = try await WebhookTestReceiver.start(dingTalkSecret: "SECdixian-dingtalk-test")
        defer { receiver.stop() }
        let url = receiver.baseURL + "/dingtalk?access_token=ACCESS-TOKEN-1"
        let configuration = WebhookConfiguration(url: url, preset: .dingtalk, botSecret: WebhookSecret("SECdixian-dingtalk-test"))
        let receipt = try await Self.deliver(Self.notification(), configuration).get()
        #expect(receipt.transcript.first?.contains("\"errcode\": 0") == true)
        let request = try #require(try receiver.requests().first)
        #expect(request.verified == [true], "\(request.detail)")
        #expect(request.query.hasPrefix("access_token=ACCESS-TOKEN-1&timestamp="))
        let body = try request.json()
        #expect((body["at"] as? [String: Any])?["atMobiles"] as? [String] == ["13800000001"])
        #expect(((body["text"] as? [String: Any])?["content"] as? String)?.hasSuffix(" @13800000001") == true)

        var wrong = configuration
        wrong.botSecret = WebhookSecret("SECwrong")
        let refused = try await Self.deliver(Self.notification(), wrong)
        let failure = try #require(refused.failure, "a wrong signature was accepted")
        #expect(failure.kind == .permanent)
        #expect(failure.reason.contains("errcode=310000"))
        #expect(!failure.reason.contains("ACCESS-TOKEN-1") && !failure.reason.contains("sign="))
        #expect(try receiver.requests().map(\.verified) == [[true], [false]])
    }

    @Test("DingTalk: 130101 (sending too fast) is transient")
    func dingtalkTooFast() async throws {
        let receiver = try await WebhookTestReceiver.start()
        defer { receiver.stop() }
        let result = try await Self.deliver(Self.notification(), .init(url: receiver.baseURL + "/dingtalk/errcode/130101", preset: .dingtalk))
        let failure = try #require(result.failure, "expected a failure")
        #expect(failure.kind == .transient)
    }

    @Test("Feishu: timestamp and sign in the body verify; no mentions")
    func feishu() async throws {
        let receiver = try await WebhookTestReceiver.start(feishuSecret: "dixian-feishu-test")
        defer { receiver.stop() }
        let configuration = WebhookConfiguration(url: receiver.baseURL + "/feishu", preset: .feishu, botSecret: WebhookSecret("dixian-feishu-test"))
        _ = try await Self.deliver(Self.notification(), configuration).get()
        let request = try #require(try receiver.requests().first)
        #expect(request.verified == [true], "\(request.detail)")
        let body = try request.json()
        #expect(body["msg_type"] as? String == "text")
        #expect(!request.body.contains("13800000001"))
        let failed = try await Self.deliver(Self.notification(), .init(url: receiver.baseURL + "/feishu/code/9499", preset: .feishu, botSecret: WebhookSecret("dixian-feishu-test")))
        let failure = try #require(failed.failure, "expected a failure")
        #expect(failure.kind == .transient)
    }

    @Test("WeCom: mentions carry the mobiles; 45009 is transient, other codes permanent")
    func wecom() async throws {
        let receiver = try await WebhookTestReceiver.start()
        defer { receiver.stop() }
        _ = try await Self.deliver(Self.notification(), .init(url: receiver.baseURL + "/wecom?key=K", preset: .wecom)).get()
        let request = try #require(try receiver.requests().first)
        #expect((try request.json()["text"] as? [String: Any])?["mentioned_mobile_list"] as? [String] == ["13800000001"])
        for (code, kind) in [(45009, DeliveryFailure.Kind.transient), (93000, .permanent)] {
            let result = try await Self.deliver(Self.notification(), .init(url: receiver.baseURL + "/wecom/errcode/\(code)", preset: .wecom))
            let failure = try #require(result.failure, "errcode \(code) accepted")
            #expect(failure.kind == kind)
            #expect(failure.reason.contains("errcode=\(code)"))
        }
    }

    @Test("HTTP 429 with Retry-After is transient with retryAfter 7; 410 disables the endpoint")
    func statuses() async throws {
        let receiver = try await WebhookTestReceiver.start()
        defer { receiver.stop() }
        let limited = try await Self.deliver(Self.notification(), .init(url: receiver.baseURL + "/status/429?retry_after=7", preset: .generic))
        let failure = try #require(limited.failure, "429 accepted")
        #expect(failure.kind == .transient)
        #expect(failure.retryAfter == 7)
        let gone = try await Self.deliver(Self.notification(), .init(url: receiver.baseURL + "/status/410", preset: .generic))
        let goneFailure = try #require(gone.failure, "410 accepted")
        #expect(goneFailure.kind == .endpointGone)
    }

    @Test("500 once, then success: the retry sends the same bytes and id, on the same kept-alive connection")
    func retry() async throws {
        let receiver = try await WebhookTestReceiver.start()
        defer { receiver.stop() }
        let transport = try WebhookTransport(
            configuration: .init(url: receiver.baseURL + "/status/500-once/retry", preset: .generic, signingSecrets: [Self.secret(31).secret]),
            idleTimeout: Self.patientIdleTimeout)
        let notification = Self.notification()
        let first = await #expect(throws: DeliveryFailure.self) { try await transport.deliver(notification) }
        #expect(first?.kind == .transient)
        #expect(first?.reason.hasPrefix("HTTP 500") == true)
        let receipt = try await transport.deliver(notification)
        #expect(receipt.transcript.first?.hasPrefix("HTTP 200") == true)
        await transport.shutdown()
        let requests = try receiver.requests()
        #expect(requests.map(\.status) == [500, 200])
        #expect(requests[0].peerPort == requests[1].peerPort, "a second connection was opened")
        #expect(requests[0].body == requests[1].body)
        #expect(requests[0].headers["webhook-signature"] == requests[1].headers["webhook-signature"])
        #expect(requests[0].headers["webhook-id"] == notification.key)
    }

    @Test("HTTPS: the CA file makes the throw-away CA trusted; without it the certificate is not trusted")
    func https() async throws {
        let receiver = try await WebhookTestReceiver.start(tls: true)
        defer { receiver.stop() }
        let caFile = try #require(receiver.caFile)
        let trusted = try await Self.deliver(Self.notification(), .init(url: receiver.baseURL + "/hook", preset: .generic, caFile: caFile))
        #expect(try trusted.get().transcript.first?.hasPrefix("HTTP 200") == true)
        let untrusted = try await Self.deliver(Self.notification(), .init(url: receiver.baseURL + "/hook", preset: .generic))
        let failure = try #require(untrusted.failure, "an untrusted certificate was accepted")
        #expect(failure.kind == .transient)
        #expect(failure.reason.contains("证书不受信任 (certificate not trusted)"), "\(failure.reason)")
        #expect(try receiver.requests().count == 1)
    }

    @Test("a receiver slower than the timeout: a transient timeout; the next request gets a new connection")
    func timeout() async throws {
        let receiver = try await WebhookTestReceiver.start()
        defer { receiver.stop() }
        let transport = try WebhookTransport(
            configuration: .init(url: receiver.baseURL + "/slow/1500", preset: .generic, timeout: .milliseconds(300)))
        let failure = await #expect(throws: DeliveryFailure.self) { try await transport.deliver(Self.notification()) }
        #expect(failure?.kind == .transient)
        #expect(failure?.reason.hasPrefix("请求超时 (request timed out)") == true, "\(failure?.reason ?? "")")
        await transport.shutdown()
        let fast = try await Self.deliver(Self.notification(), .init(url: receiver.baseURL + "/hook", preset: .generic))
        #expect(try fast.get().transcript.first?.hasPrefix("HTTP 200") == true)
    }

    @Test("Connection: close is obeyed: each request after it opens a new connection, and every one is answered")
    func connectionClose() async throws {
        let ports = try await Self.peerPorts(ofRequestsInTurn: 3, path: "/close")
        #expect(ports.count == 3)
        #expect(Set(ports).count == 3, "a closed connection was reused")
    }

    @Test("an idle limit of zero: a kept-alive connection is never lent again, each request opens its own")
    func idleLimit() async throws {
        let ports = try await Self.peerPorts(ofRequestsInTurn: 2, path: "/hook", idleTimeout: .zero)
        #expect(ports.count == 2)
        #expect(Set(ports).count == 2, "a connection idle past the limit was lent again")
    }

    @Test("a 300 KB answer: read to its end, so the kept-alive connection carries the next request")
    func largeAnswer() async throws {
        let ports = try await Self.peerPorts(ofRequestsInTurn: 2, path: "/big/300000", idleTimeout: Self.patientIdleTimeout)
        #expect(ports.count == 2)
        #expect(Set(ports).count == 1, "the connection was not reused")
    }

    /// Delivers `count` notifications one after another through one transport to `path` of a new receiver, each
    /// answered 200, and returns the client port each request came from, in order.
    static func peerPorts(
        ofRequestsInTurn count: Int, path: String, idleTimeout: TimeAmount = HTTPConnectionPool.defaultIdleTimeout
    ) async throws -> [Int] {
        let receiver = try await WebhookTestReceiver.start()
        defer { receiver.stop() }
        let transport = try WebhookTransport(configuration: .init(url: receiver.baseURL + path, preset: .generic), idleTimeout: idleTimeout)
        for index in 0..<count {
            let receipt = try await transport.deliver(Self.notification("\(path)/\(index)"))
            #expect(receipt.transcript.first?.hasPrefix("HTTP 200") == true)
        }
        await transport.shutdown()
        return try receiver.requests().map(\.peerPort)
    }

    @Test("an answer that is not HTTP: a transient failure, and the next request to the receiver goes through")
    func garbageAnswer() async throws {
        let receiver = try await WebhookTestReceiver.start()
        defer { receiver.stop() }
        let garbage = try await Self.deliver(Self.notification(), .init(url: receiver.baseURL + "/garbage", preset: .generic))
        let failure = try #require(garbage.failure, "a non-HTTP answer was accepted")
        #expect(failure.kind == .transient)
        let fine = try await Self.deliver(Self.notification(), .init(url: receiver.baseURL + "/hook", preset: .generic))
        #expect(try fine.get().transcript.first?.hasPrefix("HTTP 200") == true)
    }

    @Test("a closed port is a transient connection failure")
    func closedPort() async throws {
        let receiver = try await WebhookTestReceiver.start()
        let url = receiver.baseURL + "/hook?token=SECRET"
        receiver.stop()
        let result = try await Self.deliver(Self.notification(), .init(url: url, preset: .generic))
        let failure = try #require(result.failure, "delivered to a closed port")
        #expect(failure.kind == .transient)
        #expect(failure.reason.contains("连接失败 (connection failed)"), "\(failure.reason)")
        #expect(!failure.reason.contains("SECRET"))
    }

    @Test("configuration mistakes are reported when the transport is created")
    func configurationErrors() throws {
        #expect(throws: WebhookError.self) { _ = try WebhookTransport(configuration: .init(url: "ftp://x/y", preset: .generic)) }
        let error = #expect(throws: WebhookError.self) {
            _ = try WebhookTransport(configuration: .init(url: "https://x.example/", preset: .generic, caFile: "/nonexistent/ca.pem"))
        }
        #expect(error?.code == .invalidCAFile)
    }
}

extension Result {
    /// The error, or nil for a success.
    var failure: Failure? {
        if case .failure(let error) = self { error } else { nil }
    }
}
