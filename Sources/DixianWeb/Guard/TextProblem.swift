/// Why a piece of text from a request is refused (文本问题): bad escapes, invalid UTF-8, control characters.
struct TextProblem: Error, Sendable, Hashable {
    /// Chinese first, English in parentheses.
    var message: String

    init(_ message: String) {
        self.message = message
    }

    /// A problem when `text` holds NUL or another control character (tab, and with `allowingLineBreaks`
    /// also LF and CR, are allowed), or nil.
    static func controlCharacters(in text: String, allowingLineBreaks: Bool) -> TextProblem? {
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let allowed = value == 0x09 || (allowingLineBreaks && (value == 0x0A || value == 0x0D))
            if !allowed, value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value) {
                return TextProblem(value == 0 ? "含有 NUL 字符 (contains a NUL character)" : "含有控制字符 (contains a control character)")
            }
        }
        return nil
    }
}
