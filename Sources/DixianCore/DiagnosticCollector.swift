/// Collects diagnostics while a reader walks some input, so that reading continues past the first problem.
///
/// Readers for nested structures share one collector. It is a class because that sharing is the point;
/// it is deliberately not `Sendable`: a collector belongs to one synchronous read, and the result
/// leaves it as a ``DiagnosticList``, which is.
public final class DiagnosticCollector {
    /// Everything reported so far, in order.
    public private(set) var list: DiagnosticList

    /// Creates an empty collector.
    public init() {
        self.list = DiagnosticList()
    }

    /// Everything reported so far, in order.
    public var diagnostics: [Diagnostic] {
        list.diagnostics
    }

    /// Whether an error (not just a warning) was reported.
    public var hasErrors: Bool {
        list.hasErrors
    }

    /// Reports a diagnostic.
    public func report(_ diagnostic: Diagnostic) {
        list.append(diagnostic)
    }

    /// Reports many diagnostics.
    public func report(contentsOf diagnostics: some Sequence<Diagnostic>) {
        list.append(contentsOf: diagnostics)
    }

    /// Reports an error at a location.
    public func error(_ message: String, at location: Diagnostic.Location, hint: String? = nil) {
        report(Diagnostic(at: location, severity: .error, message: message, hint: hint))
    }

    /// Reports a warning at a location.
    public func warning(_ message: String, at location: Diagnostic.Location, hint: String? = nil) {
        report(Diagnostic(at: location, severity: .warning, message: message, hint: hint))
    }
}

@available(*, unavailable)
extension DiagnosticCollector: Sendable {}
