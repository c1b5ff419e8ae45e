/// Standard base64 (RFC 4648 §4, with padding), written out here so the MIME code needs no Foundation
/// for encoding and behaves the same on every platform.
public enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The base64 text of `bytes` on one line.
    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= bytes.count {
            let n = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            out.append(Self.alphabet[Int(n >> 18 & 63)])
            out.append(Self.alphabet[Int(n >> 12 & 63)])
            out.append(Self.alphabet[Int(n >> 6 & 63)])
            out.append(Self.alphabet[Int(n & 63)])
            index += 3
        }
        let rest = bytes.count - index
        if rest > 0 {
            let n = UInt32(bytes[index]) << 16 | (rest == 2 ? UInt32(bytes[index + 1]) << 8 : 0)
            out.append(Self.alphabet[Int(n >> 18 & 63)])
            out.append(Self.alphabet[Int(n >> 12 & 63)])
            out.append(rest == 2 ? Self.alphabet[Int(n >> 6 & 63)] : UInt8(ascii: "="))
            out.append(UInt8(ascii: "="))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The base64 text of `bytes` as a MIME body: lines of at most 76 characters (RFC 2045 §6.8).
    public static func encodeLines(_ bytes: [UInt8], lineLength: Int = 76) -> [String] {
        let text = Array(Self.encode(bytes).utf8)
        guard !text.isEmpty else { return [] }
        return stride(from: 0, to: text.count, by: lineLength).map {
            String(decoding: text[$0..<min($0 + lineLength, text.count)], as: UTF8.self)
        }
    }
}
