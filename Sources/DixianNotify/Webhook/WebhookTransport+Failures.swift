import NIOCore
import NIOSSL

extension WebhookTransport {
    /// The ``DeliveryFailure`` for an error ``HTTPConnectionPool`` threw. Every one (refused, timed out,
    /// untrusted certificate, connection dropped) is transient: the far side or the network may recover, and
    /// the retry policy gives up in time. A malformed URL never gets here: the transport refuses it at creation.
    ///
    /// Reasons name the endpoint by ``WebhookConfiguration/redactedURL``: the query may hold an access
    /// token or DingTalk's signature.
    static func failure(for error: any Error, endpoint: String) -> DeliveryFailure {
        if let failure = error as? DeliveryFailure { return failure }
        let (kind, reason) = describe(error)
        return DeliveryFailure(kind, "\(reason) \(endpoint)")
    }

    private static func describe(_ error: any Error) -> (DeliveryFailure.Kind, String) {
        if let error = error as? HTTPExchangeError {
            switch error.code {
            case .timedOut: return (.transient, "请求超时 (request timed out)")
            case .connectionClosed: return (.transient, "连接被对方关闭 (connection closed by the server)")
            case .shutDown, .busy: return (.transient, "HTTP 请求失败 (HTTP request failed): \(error)")
            }
        }
        if case ChannelError.connectTimeout = error {
            return (.transient, "连接超时 (connection timed out)")
        }
        if let error = error as? NIOSSLExtraError, error == .failedToValidateHostname || error == .serverHostnameImpossibleToMatch {
            return (.transient, "证书与主机名不符 (certificate does not match the host name)")
        }
        if let error = error as? NIOSSLError {
            if case .handshakeFailed(let inner) = error, "\(inner)".contains("CERTIFICATE_VERIFY_FAILED") {
                return (.transient, "证书不受信任 (certificate not trusted)")
            }
            return (.transient, "TLS 握手失败 (TLS handshake failed): \(error)")
        }
        if error is ChannelError || error is IOError || "\(type(of: error))".contains("Connection") {
            return (.transient, "连接失败 (connection failed): \(error)")
        }
        return (.transient, "发送失败 (delivery failed): \(error)")
    }
}
