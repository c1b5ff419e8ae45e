/// The character encoding a CSV file was found in.
public enum TabularEncoding: String, Sendable, Hashable, CaseIterable {
    /// UTF-8 without a byte-order mark.
    case utf8 = "UTF-8"
    /// UTF-8 with a byte-order mark, as Excel's "CSV UTF-8" writes it.
    case utf8BOM = "UTF-8 (BOM)"
    /// GB18030 (a superset of GBK and GB2312): what Excel on Chinese Windows writes as plain "CSV".
    case gb18030 = "GB18030"

    /// The file's text as UTF-8 bytes (without a BOM) and the encoding it was in: valid UTF-8 is UTF-8, anything
    /// else must be GB18030.
    ///
    /// Trying UTF-8 first is safe: Chinese text in GB18030 is almost never valid UTF-8 as a whole, and pure ASCII
    /// is the same in both. An undecodable byte is reported with its line, counting line breaks as the CSV reader
    /// does; when the file is UTF-8 up to a damaged byte (several UTF-8 characters before it, or GB18030 fails
    /// too), that byte's line is the one reported, not GB18030's complaint about the first Chinese character.
    public static func decode(_ bytes: [UInt8]) throws(TabularError) -> (utf8: [UInt8], encoding: TabularEncoding) {
        let hasBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        let body = hasBOM ? Array(bytes.dropFirst(3)) : bytes
        let check = UTF8Validation(body)
        guard let invalid = check.firstInvalidOffset else {
            return (body, hasBOM ? .utf8BOM : .utf8)
        }
        let damagedUTF8 = Self.undecodable(
            line: LineCounter.line(atOffset: invalid, in: body), "UTF-8 文件中有无效字节 (invalid UTF-8 byte)")
        // A few GB18030 characters can spell valid UTF-8 by chance (岚川 is E1B0 B4A8, and E1 B0 B4 is one UTF-8
        // character): only a run of several multi-byte characters before the bad byte says the file is UTF-8.
        if hasBOM || check.multibyteBeforeInvalid >= Self.utf8Evidence { throw damagedUTF8 }
        do {
            return (try GB18030Decoder.decode(bytes), .gb18030)
        } catch let failure {
            if check.multibyteBeforeInvalid > 0 { throw damagedUTF8 }
            throw Self.undecodable(
                line: LineCounter.line(atOffset: failure.offset, in: bytes),
                "既不是 UTF-8 也不是 GB18030;请在 Excel 中另存为“CSV UTF-8” (neither UTF-8 nor GB18030)")
        }
    }

    /// Valid multi-byte UTF-8 characters before a bad byte from which the file counts as damaged UTF-8 rather than
    /// GB18030: four in a row by chance is vanishingly rare in GB18030 text.
    static let utf8Evidence = 4

    private static func undecodable(line: Int, _ message: String) -> TabularError {
        TabularError(.undecodable, "第 \(line) 行:无法识别文件编码,\(message)", context: ["line": String(line)])
    }
}

/// Where bytes stop being UTF-8, and how many multi-byte characters came before that point.
struct UTF8Validation {
    private(set) var firstInvalidOffset: Int?
    private(set) var multibyteBeforeInvalid = 0

    init(_ bytes: [UInt8]) {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            // The allowed range of the second byte, and the sequence length (RFC 3629, table 3-7 of Unicode).
            let (length, low, high): (Int, UInt8, UInt8) =
                switch lead {
                case 0xC2...0xDF: (2, 0x80, 0xBF)
                case 0xE0: (3, 0xA0, 0xBF)
                case 0xE1...0xEC, 0xEE...0xEF: (3, 0x80, 0xBF)
                case 0xED: (3, 0x80, 0x9F)
                case 0xF0: (4, 0x90, 0xBF)
                case 0xF1...0xF3: (4, 0x80, 0xBF)
                case 0xF4: (4, 0x80, 0x8F)
                default: (0, 0, 0)
                }
            guard length > 0, index + length <= count, (low...high).contains(bytes[index + 1]),
                (2..<length).allSatisfy({ (0x80...0xBF).contains(bytes[index + $0]) })
            else {
                self.firstInvalidOffset = index
                return
            }
            self.multibyteBeforeInvalid += 1
            index += length
        }
    }
}

/// Line numbers as the CSV reader counts them: CRLF, LF and a lone CR each end a line.
enum LineCounter {
    /// The 1-based line that holds the byte at `offset`. Safe on GB18030 too, whose multi-byte characters never
    /// contain the bytes of CR or LF.
    static func line(atOffset offset: Int, in bytes: [UInt8]) -> Int {
        var line = 1
        var index = 0
        let end = min(offset, bytes.count)
        while index < end {
            if bytes[index] == 0x0A || (bytes[index] == 0x0D && (index + 1 >= bytes.count || bytes[index + 1] != 0x0A)) {
                line += 1
            }
            index += 1
        }
        return line
    }
}
