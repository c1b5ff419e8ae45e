/// A precise complaint about some input: a configuration file, a plugin manifest, an environment variable.
///
/// Every error the daemon shows an operator names the file, line and column, in the format compilers use,
/// so editors and `grep` can jump to it:
///
/// ```
/// /etc/dixian/dixian.yaml:3:3: error: 未知的键 'lisen' (unknown key) (是不是 'listen'? / did you mean 'listen'?)
/// ```
///
/// Messages are Chinese first with English in parentheses, and short; hints give both separated by ` / `; details that help fixing go into ``hint``.
/// Lines and columns are 1-based; columns count Unicode scalars, as libyaml does.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    /// How bad a diagnostic is. Any ``Severity/error`` makes the input unusable; warnings do not.
    public enum Severity: String, Sendable, Hashable, Comparable {
        case warning
        case error

        public static func < (lhs: Self, rhs: Self) -> Bool {
            lhs == .warning && rhs == .error
        }
    }

    /// The file the problem is in, as the operator gave it (or a pseudo-file such as `$DIXIAN_DATABASE_URL`).
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column, counted in Unicode scalars.
    public var column: Int
    /// Whether the problem makes the input unusable.
    public var severity: Severity
    /// What is wrong, e.g. `应为整数 (expected an integer)`.
    public var message: String
    /// How to fix it, e.g. `是不是 'listen'? / did you mean 'listen'?`.
    public var hint: String?

    /// Creates a diagnostic. Lines and columns below 1 are clamped to 1 so that the output is always valid.
    public init(
        file: String,
        line: Int,
        column: Int,
        severity: Severity = .error,
        message: String,
        hint: String? = nil
    ) {
        self.file = file
        self.line = max(1, line)
        self.column = max(1, column)
        self.severity = severity
        self.message = message
        self.hint = hint
    }

    /// Creates a diagnostic at a location.
    public init(at location: Location, severity: Severity = .error, message: String, hint: String? = nil) {
        self.init(
            file: location.file,
            line: location.line,
            column: location.column,
            severity: severity,
            message: message,
            hint: hint
        )
    }

    /// Where the problem is.
    public var location: Location {
        Location(file: file, line: line, column: column)
    }

    /// `file:line:column: error: message (hint)`.
    public var description: String {
        var text = "\(file):\(line):\(column): \(severity.rawValue): \(message)"
        if let hint {
            text += " (\(hint))"
        }
        return text
    }
}
