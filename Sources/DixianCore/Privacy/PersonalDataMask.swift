/// Masking of personal data (个人信息脱敏) before text leaves the process: messages, logs, reports.
///
/// Resident ID numbers (公民身份号码, GB 11643) keep their first four and last four characters
/// (`1101**********123X`): enough for a cadre to tell two households apart, not enough to identify a
/// person. Names keep the surname (`张*`, `欧阳**`). Everything is pure and works on UTF-8 bytes, because
/// the ID masking runs on every log line.
public enum PersonalDataMask {
    /// How many leading and trailing characters of an ID number stay readable.
    static let visibleEdge = 4

    /// `text` with every resident ID number masked: an 18-character one (17 digits and a digit or `X`/`x`)
    /// or an old 15-digit one, each only when it is not part of a longer run of digits.
    ///
    /// Text without such a run comes back unchanged (the same string, not a copy).
    public static func maskingIDNumbers(in text: String) -> String {
        let bytes = text.utf8.withContiguousStorageIfAvailable { masked($0) } ?? masked(Array(text.utf8))
        guard let bytes else { return text }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One ID number masked as a whole (`110101199003071234` → `1101**********1234`), whatever its
    /// characters; values shorter than nine characters become all asterisks.
    ///
    /// For a value known to be an ID number, e.g. a household's 户主身份证号, which may be malformed in
    /// the source data and must still never show in full.
    public static func maskIDNumber(_ idNumber: String) -> String {
        let characters = Array(trimmed(idNumber))
        guard characters.count > 2 * visibleEdge else { return String(repeating: "*", count: characters.count) }
        let hidden = characters.count - 2 * visibleEdge
        return String(characters.prefix(visibleEdge)) + String(repeating: "*", count: hidden)
            + String(characters.suffix(visibleEdge))
    }

    /// A copy of `buffer` with the ID numbers masked, or nil when there is none (the common case, found
    /// without allocating).
    private static func masked(_ buffer: some RandomAccessCollection<UInt8>) -> [UInt8]? {
        var result: [UInt8]?
        var index = buffer.startIndex
        while index != buffer.endIndex {
            guard isDigit(buffer[index]) else {
                index = buffer.index(after: index)
                continue
            }
            // A maximal run of ASCII digits, then possibly the check character X.
            let start = index
            var length = 0
            while index != buffer.endIndex, isDigit(buffer[index]) {
                length += 1
                index = buffer.index(after: index)
            }
            var idLength = 0
            if length == 18 || length == 15 {
                idLength = length
            } else if length == 17, index != buffer.endIndex, buffer[index] | 0x20 == UInt8(ascii: "x") {
                idLength = 18
                index = buffer.index(after: index)
            }
            guard idLength > 0 else { continue }
            if result == nil { result = Array(buffer) }
            let offset = buffer.distance(from: buffer.startIndex, to: start)
            for position in (offset + visibleEdge)..<(offset + idLength - visibleEdge) {
                result![position] = UInt8(ascii: "*")
            }
        }
        return result
    }

    /// Without leading and trailing whitespace.
    static func trimmed(_ text: String) -> Substring {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
            let last = text.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return text[first...last]
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }
}
