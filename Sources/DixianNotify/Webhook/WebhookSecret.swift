import Crypto
import Foundation

/// A webhook signing key (签名密钥). Standard Webhooks spell it `whsec_<base64>`; a plain string (as
/// DingTalk and Feishu hand out, `SEC…`) is used as its UTF-8 bytes.
public struct WebhookSecret: Sendable, Hashable, CustomStringConvertible {
    /// The raw key bytes.
    public let bytes: [UInt8]

    /// The `whsec_` prefix of Standard Webhooks secrets.
    public static let standardPrefix = "whsec_"

    /// Parses `whsec_<base64>` (base64 key) or takes any other non-empty text as the key itself.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix(Self.standardPrefix) {
            guard let data = Data(base64Encoded: String(trimmed.dropFirst(Self.standardPrefix.count))), data.count >= 16 else {
                return nil
            }
            bytes = Array(data)
        } else {
            guard !trimmed.isEmpty else { return nil }
            bytes = Array(trimmed.utf8)
        }
    }

    /// Never the key.
    public var description: String { "<redacted>" }

    var key: SymmetricKey { SymmetricKey(data: bytes) }

    /// The key as text, as the chat-bot signatures take it (their secrets are plain `SEC…` strings).
    var text: String { String(decoding: bytes, as: UTF8.self) }
}
