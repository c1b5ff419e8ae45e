import Crypto
import Foundation

/// Standard Webhooks signing (https://www.standardwebhooks.com): headers `webhook-id` (the reminder's
/// idempotency key, so a redelivery carries the same id), `webhook-timestamp` (Unix seconds) and
/// `webhook-signature`: `v1,<base64 HMAC-SHA256 over "id.timestamp.body">`, one per secret, separated by
/// spaces, so receivers keep verifying while a secret is rotated.
public enum StandardWebhookSignature {
    /// The three headers for one delivery, signed with every secret in `secrets` (current first).
    public static func headers(id: String, timestamp: Date, body: [UInt8], secrets: [WebhookSecret]) -> [(String, String)] {
        let seconds = String(Int64(timestamp.timeIntervalSince1970.rounded(.down)))
        let signatures = secrets.map { "v1," + sign(id: id, timestamp: seconds, body: body, secret: $0) }
        return [("webhook-id", id), ("webhook-timestamp", seconds), ("webhook-signature", signatures.joined(separator: " "))]
    }

    /// The base64 HMAC-SHA256 of `id.timestamp.body`.
    public static func sign(id: String, timestamp: String, body: [UInt8], secret: WebhookSecret) -> String {
        var message = Array("\(id).\(timestamp).".utf8)
        message += body
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: secret.key)
        return Data(mac).base64EncodedString()
    }

    /// Whether any `v1,` signature in `header` matches (constant-time), as a receiver checks it.
    public static func verify(id: String, timestamp: String, body: [UInt8], header: String, secret: WebhookSecret) -> Bool {
        var message = Array("\(id).\(timestamp).".utf8)
        message += body
        for item in header.split(separator: " ") where item.hasPrefix("v1,") {
            guard let mac = Data(base64Encoded: String(item.dropFirst(3))) else { continue }
            if HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: message, using: secret.key) { return true }
        }
        return false
    }
}
