import NIOCore
import NIOSSL

extension SMTPError {
    /// Classifies a socket or TLS error. Certificate problems get their own code and reason, since
    /// only an operator can fix them (trust the county CA with `caFile`, or correct the host name).
    init(channelError error: any Error) {
        if let error = error as? SMTPError {
            self = error
            return
        }
        if let error = error as? NIOSSLExtraError, error == .failedToValidateHostname {
            self.init(.certificateUntrusted, "证书不受信任 (certificate not trusted): 主机名不符 (host name mismatch) \(error)")
            return
        }
        if let error = error as? NIOSSLError {
            if case .handshakeFailed(let inner) = error, "\(inner)".contains("CERTIFICATE_VERIFY_FAILED") {
                self.init(.certificateUntrusted, "证书不受信任 (certificate not trusted): \(inner)")
            } else {
                self.init(.tlsFailed, "TLS 握手失败 (TLS handshake failed): \(error)")
            }
            return
        }
        if let channelError = error as? ChannelError, case .connectTimeout = channelError {
            self = .timeout("connect")
            return
        }
        self.init(.connectionFailed, "SMTP 连接失败 (connection failed): \(error)")
    }
}
