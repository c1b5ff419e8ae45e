import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// Delivers notifications to one webhook or chat bot over HTTPS (Webhook 推送).
///
/// The request is built by ``WebhookRequest`` and the answer judged by ``WebhookResponse``, both pure;
/// this type only moves bytes, over its own ``HTTPConnectionPool`` of keep-alive connections, and turns
/// connection problems into transient ``DeliveryFailure``s. Certificates are always verified;
/// ``WebhookConfiguration/caFile`` adds a trust anchor, never removes one. Redirects are not followed: a
/// redirected POST would carry the signature to a host nobody configured.
public final class WebhookTransport: NotificationTransport {
    public let configuration: WebhookConfiguration
    private let pool: HTTPConnectionPool
    /// The request target of the configured URL; only a signed DingTalk URL differs per request.
    private let target: String

    /// Prepares the TLS context (system roots plus the CA file); connects lazily.
    ///
    /// `idleTimeout` is how long a kept-alive connection may wait for the next request; the default suits
    /// servers whose own keep-alive timeout is longer (nginx, most Go servers).
    ///
    /// Throws ``WebhookError`` for a malformed URL or an unreadable CA file.
    public init(configuration: WebhookConfiguration, idleTimeout: TimeAmount = HTTPConnectionPool.defaultIdleTimeout) throws {
        guard let origin = HTTPOrigin(url: configuration.url) else {
            throw WebhookError(.invalidURL, context: ["url": WebhookConfiguration.redact(configuration.url)])
        }
        // A CA file is read even for an http URL: a mistake in it shows now, not when the URL turns https.
        let tlsContext = origin.isTLS || configuration.caFile != nil ? try Self.tlsContext(caFile: configuration.caFile) : nil
        self.configuration = configuration
        self.pool = HTTPConnectionPool(origin: origin, tlsContext: tlsContext, idleTimeout: idleTimeout)
        self.target = HTTPOrigin.target(of: configuration.url)
    }

    public func deliver(_ notification: Notification) async throws -> DeliveryReceipt {
        let built = WebhookRequest(notification, configuration: configuration, now: Date())
        var headers = HTTPHeaders()
        headers.reserveCapacity(built.headers.count + 3)
        headers.add(name: "user-agent", value: "dixian")
        for header in built.headers {
            headers.add(name: header.name, value: header.value)
        }
        let answer: WebhookResponse
        do {
            let reply = try await pool.execute(
                method: .POST, target: built.url == configuration.url ? target : HTTPOrigin.target(of: built.url),
                headers: headers, body: built.body, timeout: TimeAmount(configuration.timeout))
            answer = WebhookResponse(status: reply.status, retryAfter: reply.headers.first(name: "retry-after"), body: reply.body)
        } catch {
            throw Self.failure(for: error, endpoint: configuration.redactedURL)
        }
        return try answer.outcome(for: configuration.preset, now: Date()).get()
    }

    public func shutdown() async {
        pool.shutdown()
    }

    /// Full verification against the system's roots, plus those of `caFile`.
    static func tlsContext(caFile: String?) throws -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .fullVerification
        if let caFile {
            let certificates: [NIOSSLCertificate]
            do {
                certificates = try NIOSSLCertificate.fromPEMFile(caFile)
            } catch {
                throw WebhookError(.invalidCAFile, context: ["file": caFile, "error": "\(error)"])
            }
            guard !certificates.isEmpty else {
                throw WebhookError(.invalidCAFile, context: ["file": caFile])
            }
            tls.additionalTrustRoots = [.certificates(certificates)]
        }
        do {
            return try NIOSSLContext(configuration: tls)
        } catch {
            throw WebhookError(.invalidCAFile, context: ["file": caFile ?? "", "error": "\(error)"])
        }
    }
}
