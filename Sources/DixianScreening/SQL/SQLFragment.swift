/// A piece of SQL with its bind values: `$1`, `$2`, … in `text` are `binds[0]`, `binds[1]`, …, offset by the
/// fragment's first placeholder number. Every literal and parameter of a rule is a bind, never spliced.
public struct SQLFragment: Sendable, Hashable {
    public var text: String
    public var binds: [ScreeningValue]

    public init(text: String, binds: [ScreeningValue]) {
        self.text = text
        self.binds = binds
    }
}

/// How the compiled SQL names what a rule reads.
public struct SQLNaming: Sendable {
    /// A dataset column, e.g. `d."enrolled"`.
    public var column: @Sendable (String) -> String
    /// A register field, e.g. `p."birth_date"`.
    public var register: @Sendable (RegisterField) -> String

    public init(column: @escaping @Sendable (String) -> String, register: @escaping @Sendable (RegisterField) -> String) {
        self.column = column
        self.register = register
    }

    /// Columns of alias `d`, persons `p`, households `h`, every name double-quoted.
    public static let standard = SQLNaming(
        column: { "d.\(quoted($0))" },
        register: { ($0.table == .person ? "p." : "h.") + quoted($0.name) })

    /// A double-quoted SQL identifier. Names come from validated plugin files (`[a-z][a-z0-9_]*`), and the
    /// doubling of `"` keeps even a hostile name an identifier.
    public static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
