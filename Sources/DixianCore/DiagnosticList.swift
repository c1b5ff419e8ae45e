/// Many diagnostics, thrown together so an operator fixes every problem in one pass instead of one per run.
///
/// Its description lists the diagnostics one per line, in the order they were reported.
public struct DiagnosticList: Error, Sendable, Hashable, CustomStringConvertible, RandomAccessCollection {
    /// The diagnostics, in the order they were reported.
    public var diagnostics: [Diagnostic]

    /// Creates a list.
    public init(_ diagnostics: [Diagnostic] = []) {
        self.diagnostics = diagnostics
    }

    /// Whether any diagnostic is an error (warnings alone leave the input usable).
    public var hasErrors: Bool {
        diagnostics.contains { $0.severity == .error }
    }

    /// The diagnostics that are errors.
    public var errors: [Diagnostic] {
        diagnostics.filter { $0.severity == .error }
    }

    /// The diagnostics that are warnings.
    public var warnings: [Diagnostic] {
        diagnostics.filter { $0.severity == .warning }
    }

    /// Adds a diagnostic.
    public mutating func append(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    /// Adds many diagnostics.
    public mutating func append(contentsOf other: some Sequence<Diagnostic>) {
        diagnostics.append(contentsOf: other)
    }

    /// One diagnostic per line.
    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }

    public var startIndex: Int { diagnostics.startIndex }
    public var endIndex: Int { diagnostics.endIndex }
    public subscript(position: Int) -> Diagnostic { diagnostics[position] }
}
