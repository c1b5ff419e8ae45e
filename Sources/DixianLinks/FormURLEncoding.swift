/// Decoding of `application/x-www-form-urlencoded` bodies (WHATWG URL standard, §5), stricter than the
/// standard where a browser never sends what it tolerates: a `%` not followed by two hex digits and
/// bytes that are not UTF-8 are errors here rather than passed through or replaced, so a damaged body
/// is refused instead of recorded as a garbled note.
public enum FormURLEncoding {
    /// The decoded name–value pairs in body order, or nil for a malformed body.
    public static func decode(_ body: some Sequence<UInt8>) -> [(name: String, value: String)]? {
        var pairs: [(name: String, value: String)] = []
        for field in Array(body).split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let name: ArraySlice<UInt8>
            let value: ArraySlice<UInt8>
            if let equals = field.firstIndex(of: UInt8(ascii: "=")) {
                name = field[field.startIndex..<equals]
                value = field[(equals + 1)...]
            } else {
                name = field
                value = []
            }
            guard let decodedName = Self.decodeComponent(name), let decodedValue = Self.decodeComponent(value) else {
                return nil
            }
            pairs.append((decodedName, decodedValue))
        }
        return pairs
    }

    /// `+` is a space, `%XX` a byte; the bytes must be UTF-8.
    public static func decodeComponent(_ bytes: ArraySlice<UInt8>) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                output.append(UInt8(ascii: " "))
                index += 1
            } else if byte == UInt8(ascii: "%") {
                guard bytes.endIndex - index >= 3,
                    let high = Self.hexValue(bytes[index + 1]), let low = Self.hexValue(bytes[index + 2])
                else { return nil }
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(byte)
                index += 1
            }
        }
        return String(validating: output, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
