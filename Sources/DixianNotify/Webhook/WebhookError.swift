import DixianCore

/// Why a webhook transport could not be set up, with a stable code and a Chinese-first message.
///
/// Delivery problems are ``DeliveryFailure``s; these are configuration mistakes, reported once when the
/// channel is created so the daemon refuses the configuration instead of failing every delivery.
public struct WebhookError: Error, Sendable, Hashable, ContextualError {
    /// Stable error codes, safe to match on; each has one message, so the text cannot drift from the code.
    public enum Code: String, Sendable, Hashable {
        /// The URL is not `http://` or `https://` with a host.
        case invalidURL = "invalid_url"
        /// The CA file cannot be read or holds no PEM certificate.
        case invalidCAFile = "invalid_ca_file"
    }

    public let code: Code
    /// Key facts: the redacted URL, the file, the underlying error.
    public let context: [String: String]

    public init(_ code: Code, context: [String: String] = [:]) {
        self.code = code
        self.context = context
    }

    public var message: String {
        switch code {
        case .invalidURL: "推送地址无效，须为 http(s)://主机/路径 (webhook URL must be http(s)://host/path)"
        case .invalidCAFile: "无法读取 CA 证书文件或其中没有证书 (cannot read a PEM certificate from the CA file)"
        }
    }
}
