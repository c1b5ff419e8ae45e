/// Text made safe for a terminal (终端输出转义): plugin names, CSV cells, directory names and anything else
/// the CLI echoes from data may carry control characters that move the cursor, retitle the window or hide
/// a line. Each C0 control, DEL and C1 control becomes `\uXXXX`, which a reader sees and a JSON parser
/// still reads back as the same character.
enum TerminalText {
    /// `text` with every control character escaped; line feeds kept when `keepingNewlines` (the CLI's own
    /// line structure), escaped otherwise (a table cell, which must stay on its line).
    static func escaped(_ text: String, keepingNewlines: Bool = true) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) && !(keepingNewlines && $0 == "\n") }) else { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if isControl(scalar), !(keepingNewlines && scalar == "\n") {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}

/// Every `print` of the `dixian` executable goes through here: what it prints is escaped with
/// ``TerminalText/escaped(_:keepingNewlines:)``, keeping the line feeds the CLI writes itself. Output that
/// must go out byte for byte (an iCalendar feed, with its CRLF) calls `Swift.print`.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Swift.print(TerminalText.escaped(items.map { "\($0)" }.joined(separator: separator)), terminator: terminator)
}

/// As ``print(_:separator:terminator:)``, to a stream (standard error).
func print<Target: TextOutputStream>(_ items: Any..., separator: String = " ", terminator: String = "\n", to output: inout Target) {
    Swift.print(TerminalText.escaped(items.map { "\($0)" }.joined(separator: separator)), terminator: terminator, to: &output)
}
