/// The text of a string item: `si` in the shared strings, `is` in an inline-string cell.
///
/// That is the `t` elements inside the item (one, or one per rich-text run), outside phonetic runs (`rPh`),
/// joined, with OOXML's `_xHHHH_` escapes undone.
struct XLSXTextCollector {
    let item: String
    private var current: String?
    private var inText = false
    private var phoneticDepth = 0

    init(item: String) {
        self.item = item
    }

    /// Whether an item is open.
    var isCollecting: Bool { self.current != nil }

    mutating func start(_ element: Substring) {
        switch element {
        case self.item[...]: self.current = ""
        case "rPh": self.phoneticDepth += 1
        case "t": self.inText = self.current != nil && self.phoneticDepth == 0
        default: break
        }
    }

    mutating func characters(_ string: String) {
        if self.inText { self.current?.append(string) }
    }

    /// The item's text when `element` closes it.
    mutating func end(_ element: Substring) -> String? {
        switch element {
        case self.item[...]:
            defer { self.current = nil }
            return Self.unescape(self.current ?? "")
        case "rPh": self.phoneticDepth = max(0, self.phoneticDepth - 1)
        case "t": self.inText = false
        default: break
        }
        return nil
    }

    /// OOXML writes characters XML cannot carry (controls such as CR) as `_xHHHH_`, and a literal `_x` as
    /// `_x005F_x`.
    static func unescape(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if scalars[index] == "_", index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_",
                let scalar = Self.hexScalar(scalars[(index + 2)..<(index + 6)])
            {
                output.append(scalar)
                index += 7
            } else {
                output.append(scalars[index])
                index += 1
            }
        }
        return String(output)
    }

    private static func hexScalar(_ digits: ArraySlice<Unicode.Scalar>) -> Unicode.Scalar? {
        var value: UInt32 = 0
        for digit in digits {
            // One character at a time, so a sign (`+`, which `Int(_:radix:)` takes) is refused.
            guard let nibble = Int(String(digit), radix: 16) else { return nil }
            value = value * 16 + UInt32(nibble)
        }
        return Unicode.Scalar(value)
    }
}
