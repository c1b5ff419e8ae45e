/// Quoted-printable content transfer encoding (RFC 2045 §6.7).
public enum QuotedPrintable {
    /// RFC 2045 §6.7 rule 5: encoded lines are at most 76 characters, a soft break's `=` included.
    public static let maximumLineLength = 76

    /// Upper-case hex digits, as quoted-printable and RFC 2231 percent-encoding both write them.
    static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Encodes `bytes` into quoted-printable lines, to be joined with CRLF.
    ///
    /// CRLF pairs in the input are hard line breaks; a lone CR or LF is encoded (`=0D`, `=0A`) so the
    /// output decodes back byte for byte. Soft breaks fall between characters: never inside an `=XX`
    /// and never inside a UTF-8 sequence, so a reader that decodes line by line never sees half a
    /// character. Space and tab at the end of a line are encoded, since transports strip them.
    public static func encode(_ bytes: [UInt8]) -> [String] {
        var lines: [String] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                Self.encodeLine(bytes[start..<index], into: &lines)
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        Self.encodeLine(bytes[start..<bytes.count], into: &lines)
        return lines
    }

    /// Encodes one hard line (no CRLF inside) into one or more output lines joined by soft breaks.
    private static func encodeLine(_ line: ArraySlice<UInt8>, into lines: inout [String]) {
        var current: [UInt8] = []
        var index = line.startIndex
        while index < line.endIndex {
            let length = Self.sequenceLength(line, at: index)
            let isLast = index + length == line.endIndex
            var token: [UInt8] = []
            for offset in 0..<length {
                let byte = line[index + offset]
                if Self.isLiteral(byte, atLineEnd: isLast) {
                    token.append(byte)
                } else {
                    token.append(UInt8(ascii: "="))
                    token.append(Self.hexDigits[Int(byte >> 4)])
                    token.append(Self.hexDigits[Int(byte & 0x0F)])
                }
            }
            // The last token may use the full width; any other must leave room for the soft break's `=`.
            let limit = isLast ? Self.maximumLineLength : Self.maximumLineLength - 1
            if current.count + token.count > limit {
                current.append(UInt8(ascii: "="))
                lines.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
            current.append(contentsOf: token)
            index += length
        }
        lines.append(String(decoding: current, as: UTF8.self))
    }

    private static func isLiteral(_ byte: UInt8, atLineEnd: Bool) -> Bool {
        switch byte {
        case 0x21...0x3C, 0x3E...0x7E: true
        case 0x20, 0x09: !atLineEnd
        default: false
        }
    }

    /// The length of the UTF-8 sequence starting at `index`, or 1 for a byte that does not start a
    /// complete, well-formed sequence (such bytes are encoded one by one and may be split anywhere).
    private static func sequenceLength(_ line: ArraySlice<UInt8>, at index: Int) -> Int {
        let lead = line[index]
        let length: Int
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return 1
        }
        guard index + length <= line.endIndex else { return 1 }
        for offset in 1..<length where line[index + offset] & 0xC0 != 0x80 {
            return 1
        }
        return length
    }
}
