/// A rule's `when` condition (筛查条件), parsed and type-checked against its dataset: ready to evaluate in
/// memory (``evaluate(_:in:)``) or to compile to SQL (``SQLCompiler``).
public struct RuleCondition: Sendable, Hashable {
    /// The text as written in the plugin.
    public let text: String
    /// The resolved expression.
    public let expression: CheckedExpression

    /// Parses and checks `text`; the condition must be a `bool`.
    public init(_ text: String, schema: RuleSchema) throws(RuleError) {
        let parsed = try Parser.parse(text)
        let checker = TypeChecker(schema: schema)
        self.text = text
        self.expression = try checker.expect(.bool, parsed, role: "筛查条件 (the condition)")
    }

    /// Parses without checking names or types: for tools that only need the syntax.
    public static func parse(_ text: String) throws(RuleError) -> Expression {
        try Parser.parse(text)
    }
}
