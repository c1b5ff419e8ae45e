import Crypto

/// A `Message-ID` derived from the delivery's idempotency key, so a retried send produces the same
/// id and receiving servers and clients can drop the duplicate.
public struct MailMessageID: Sendable, Hashable, CustomStringConvertible {
    /// The id with its angle brackets, e.g. `<3f5a…@dixian.example.gov.cn>`.
    public let value: String

    /// 32 hex digits (128 bits of SHA-256): collisions are out of reach, and the id stays short.
    static let hexDigits = 32

    /// `<first 32 hex digits of SHA-256(key)@domain>`. The key itself is not shown: it may carry
    /// official ids that have no business in a header every mail hop can read.
    public init(idempotencyKey: String, domain: String) throws(MIMEError) {
        guard !idempotencyKey.isEmpty else {
            throw MIMEError(.invalidMessageID, "幂等键为空 (empty idempotency key)")
        }
        guard MailAddress.isDomain(domain) else {
            throw MIMEError(.invalidMessageID, "Message-ID 域名无效 (invalid Message-ID domain)", context: ["domain": domain])
        }
        let digest = SHA256.hash(data: Array(idempotencyKey.utf8))
        let hex = digest.map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
        self.value = "<" + hex.prefix(Self.hexDigits) + "@" + domain + ">"
    }

    public var description: String { self.value }
}
