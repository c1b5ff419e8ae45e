import DixianCore

/// Why a rule's `when` expression (筛查条件) cannot be used: a syntax or type error at a position inside the
/// expression text, which the plugin loader turns into `file:line:column`.
public struct RuleError: ContextualError, Sendable, Hashable {
    /// A stable kind of error.
    public enum Code: String, Sendable, Hashable {
        /// The text is not an expression of the language.
        case syntax
        /// A name that is neither a column, a parameter nor a register field.
        case unknownName = "unknown_name"
        /// A function or method the language does not have, or the wrong number of arguments.
        case unknownFunction = "unknown_function"
        /// Operands of the wrong type.
        case type
    }

    public var code: Code
    /// Chinese first, then English in parentheses.
    public var message: String
    /// Offset in Unicode scalars from the start of the expression text.
    public var offset: Int
    /// A suggestion, e.g. the names that exist.
    public var hint: String?

    public init(_ code: Code, _ message: String, at offset: Int, hint: String? = nil) {
        self.code = code
        self.message = message
        self.offset = offset
        self.hint = hint
    }

    public var context: [String: String] {
        ["code": code.rawValue, "offset": String(offset)]
    }
}
