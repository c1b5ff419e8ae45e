import DixianCore

/// Why a configuration could not be loaded: every problem found, not just the first.
///
/// Its description lists the diagnostics one per line, `file:line:column: error: message (hint)`,
/// ready for `dixian check` to print.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems, grouped by file in the order the files were first mentioned, each file's in line order.
    public var diagnostics: [Diagnostic]

    /// Creates an error; the diagnostics are put in reading order (see ``diagnostics``).
    public init(diagnostics: [Diagnostic]) {
        // Reading follows the code's order, not the file's; operators read top to bottom.
        let fileOrder = Dictionary(
            diagnostics.enumerated().map { ($0.element.file, $0.offset) },
            uniquingKeysWith: min
        )
        self.diagnostics = diagnostics.enumerated().sorted { lhs, rhs in
            let left = (fileOrder[lhs.element.file, default: 0], lhs.element.line, lhs.element.column, lhs.offset)
            let right = (fileOrder[rhs.element.file, default: 0], rhs.element.line, rhs.element.column, rhs.offset)
            return left < right
        }.map(\.element)
    }

    /// One diagnostic per line.
    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
