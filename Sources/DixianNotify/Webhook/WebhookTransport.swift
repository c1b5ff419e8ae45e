import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL

/// Delivers notifications to one webhook or chat bot over HTTPS (Webhook 推送) with AsyncHTTPClient.
///
/// The request is built by ``WebhookRequest`` and the answer judged by ``WebhookResponse``, both pure;
/// this type only moves bytes and turns connection problems into transient ``DeliveryFailure``s.
/// Certificates are always verified; ``WebhookConfiguration/caFile`` adds a trust anchor, never removes one.
/// Redirects are not followed when the transport owns its client: a redirected POST would carry the
/// signature to a host nobody configured.
public final class WebhookTransport: NotificationTransport {
    public let configuration: WebhookConfiguration
    private let client: HTTPClient
    private let ownsClient: Bool
    private let tlsConfiguration: TLSConfiguration?

    /// Uses `httpClient`, shared with other channels; the caller shuts it down.
    ///
    /// Throws ``WebhookError`` for a malformed URL or an unreadable CA file.
    public convenience init(configuration: WebhookConfiguration, httpClient: HTTPClient) throws {
        try Self.validate(url: configuration.url)
        let tls = try Self.tlsConfiguration(caFile: configuration.caFile)
        self.init(configuration: configuration, client: httpClient, ownsClient: false, tlsConfiguration: tls)
    }

    /// Creates a client of its own, which ``shutdown()`` shuts down.
    ///
    /// Throws ``WebhookError`` for a malformed URL or an unreadable CA file.
    public convenience init(configuration: WebhookConfiguration) throws {
        try Self.validate(url: configuration.url)
        let tls = try Self.tlsConfiguration(caFile: configuration.caFile)
        var clientConfiguration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        clientConfiguration.timeout = .init(connect: TimeAmount(configuration.timeout))
        // No spans: dixian bootstraps no tracer, and the default no-op one still cost a fortieth of a delivery.
        clientConfiguration.tracing.tracer = nil
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
        self.init(configuration: configuration, client: client, ownsClient: true, tlsConfiguration: tls)
    }

    private init(configuration: WebhookConfiguration, client: HTTPClient, ownsClient: Bool, tlsConfiguration: TLSConfiguration?) {
        self.configuration = configuration
        self.client = client
        self.ownsClient = ownsClient
        self.tlsConfiguration = tlsConfiguration
    }

    public func deliver(_ notification: Notification) async throws -> DeliveryReceipt {
        let built = WebhookRequest(notification, configuration: configuration, now: Date())
        var request = HTTPClientRequest(url: built.url)
        request.method = .POST
        for header in built.headers {
            request.headers.add(name: header.name, value: header.value)
        }
        request.body = .bytes(ByteBuffer(bytes: built.body))
        request.tlsConfiguration = tlsConfiguration
        let answer: WebhookResponse
        do {
            let response = try await client.execute(request, timeout: TimeAmount(configuration.timeout))
            answer = WebhookResponse(
                status: Int(response.status.code), retryAfter: response.headers.first(name: "retry-after"),
                body: try await Self.collect(response.body))
        } catch {
            throw Self.failure(for: error, endpoint: configuration.redactedURL)
        }
        return try answer.outcome(for: configuration.preset, now: Date()).get()
    }

    public func shutdown() async {
        guard ownsClient else { return }
        try? await client.shutdown()
    }

    /// The first 64 KiB of the body; the rest is read and dropped so the connection can be reused.
    private static func collect(_ body: HTTPClientResponse.Body) async throws -> [UInt8] {
        let limit = 64 * 1024
        var bytes: [UInt8] = []
        for try await chunk in body where bytes.count < limit {
            bytes += chunk.readableBytesView.prefix(limit - bytes.count)
        }
        return bytes
    }

    static func validate(url: String) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "https" || scheme == "http", let host = components.host, !host.isEmpty
        else {
            throw WebhookError(.invalidURL, context: ["url": WebhookConfiguration.redact(url)])
        }
    }

    static func tlsConfiguration(caFile: String?) throws -> TLSConfiguration? {
        guard let caFile else { return nil }
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(caFile)
        } catch {
            throw WebhookError(.invalidCAFile, context: ["file": caFile, "error": "\(error)"])
        }
        guard !certificates.isEmpty else {
            throw WebhookError(.invalidCAFile, context: ["file": caFile])
        }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.additionalTrustRoots = [.certificates(certificates)]
        return tls
    }
}
