/// The 16 random bytes that make every signed link distinct.
///
/// Single use is the store's job: it records the nonce of a confirm link when the link is used and
/// refuses a second use. A calendar feed token's nonce lets the store revoke one leaked feed address
/// without rotating the secret.
public struct ActionLinkNonce: Sendable, Hashable, CustomStringConvertible {
    /// Always ``byteCount`` bytes.
    public let bytes: [UInt8]

    public static let byteCount = 16

    /// Nil unless exactly ``byteCount`` bytes.
    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.byteCount else { return nil }
        self.bytes = bytes
    }

    /// Fresh random bytes. Pass `SystemRandomNumberGenerator` in production (cryptographically secure on
    /// every platform Swift supports); tests pass a seeded generator to get reproducible tokens.
    public static func random(using generator: inout some RandomNumberGenerator) -> ActionLinkNonce {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.byteCount)
        while bytes.count < Self.byteCount {
            withUnsafeBytes(of: generator.next().littleEndian) { bytes.append(contentsOf: $0) }
        }
        return ActionLinkNonce(bytes: Array(bytes.prefix(Self.byteCount)))!
    }

    /// 32 lower-case hex digits, the form the store keeps.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(Self.byteCount * 2)
        for byte in self.bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    public var description: String { self.hex }
}
