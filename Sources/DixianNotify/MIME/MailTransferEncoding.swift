/// How a text part's body is written on the wire.
public enum MailTransferEncoding: String, Sendable, Hashable, CaseIterable {
    /// Readable for mostly-ASCII text (English, links, numbers); ~3× larger for Chinese.
    case quotedPrintable = "quoted-printable"
    /// A flat 4/3 size for any content; the better choice for Chinese text.
    case base64

    /// The encoding that makes `bytes` smaller: quoted-printable writes a non-ASCII byte in 3
    /// characters and base64 every byte in 4/3, so QP wins while at most 1 byte in 6 is non-ASCII
    /// (a + 3n ≤ 4/3 (a + n) ⇔ n ≤ (a + n) / 6).
    public static func preferred(for bytes: [UInt8]) -> MailTransferEncoding {
        let nonASCII = bytes.lazy.filter { $0 >= 0x80 }.count
        return nonASCII * 6 <= bytes.count ? .quotedPrintable : .base64
    }

    /// The encoded body lines, to be joined with CRLF.
    func encode(_ bytes: [UInt8]) -> [String] {
        switch self {
        case .quotedPrintable: QuotedPrintable.encode(bytes)
        case .base64: Base64.encodeLines(bytes)
        }
    }
}

/// Text as MIME wants it (RFC 2046 §4.1.1): every line break CRLF, whatever the template used.
enum CanonicalText {
    static func bytes(_ text: String) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 16)
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == 0x0A, previous != 0x0D {
                output.append(0x0D)
            } else if previous == 0x0D, byte != 0x0A {
                output.append(0x0A)
            }
            output.append(byte)
            previous = byte
        }
        if previous == 0x0D { output.append(0x0A) }
        return output
    }
}
