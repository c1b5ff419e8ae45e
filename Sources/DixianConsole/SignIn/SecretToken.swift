import Crypto

/// A random secret for the console (sign-in link, session cookie, CSRF token): 32 bytes from the system's
/// cryptographic generator, as 64 lowercase hex digits. The database keeps only ``hash`` of a sign-in link or a
/// session, so a copy of the database signs nobody in.
public struct SecretToken: Sendable, Hashable, CustomStringConvertible {
    /// The 64 hex digits.
    public let value: String

    /// A fresh random token.
    public init() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        self.value = Self.hex(bytes)
    }

    /// A token as it came back in a URL or cookie; nil unless it is 64 lowercase hex digits.
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 64, bytes.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else { return nil }
        self.value = String(text)
    }

    /// SHA-256 of the token, hex: what the database stores and looks up by.
    public var hash: String { Self.hex(SHA256.hash(data: Array(value.utf8))) }

    /// Never the secret itself: logs and interpolations show a fixed text.
    public var description: String { "SecretToken(…)" }

    /// Whether two secrets are equal, in time that does not depend on where they differ (CSRF comparison).
    public func matches(_ other: String) -> Bool {
        let a = Array(value.utf8), b = Array(other.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// SHA-256 of any text, hex: a key that stands for an email address without holding it.
    public static func digest(_ text: String) -> String { hex(SHA256.hash(data: Array(text.utf8))) }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
