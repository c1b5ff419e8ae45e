extension String {
    /// The text without leading and trailing white space, including the full-width space (U+3000)
    /// and the no-break space that spreadsheets leave in cells.
    func trimmingDirectorySpace() -> String {
        let scalars = self.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isDirectorySpace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isDirectorySpace })!
        return String(scalars[first...last])
    }

    /// Whether the text contains a control character (tab, newline, NUL …).
    var containsControlCharacter: Bool {
        self.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}

extension Unicode.Scalar {
    var isDirectorySpace: Bool {
        self.properties.isWhitespace || self == "\u{FEFF}"
    }
}
