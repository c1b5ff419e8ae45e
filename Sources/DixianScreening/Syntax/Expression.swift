/// A parsed rule expression (筛查条件表达式) before type checking, each node with its offset in the text.
public struct Expression: Sendable, Hashable {
    /// The shape of a node.
    public indirect enum Kind: Sendable, Hashable {
        case literal(ScreeningValue)
        /// A name: a column, or `params` / `person` / `household` before a `.`.
        case identifier(String)
        /// `base.field`.
        case select(Expression, field: String)
        /// `name(arguments)`, or `target.name(arguments)` for a method call.
        case call(String, target: Expression?, arguments: [Expression])
        /// `[a, b, …]`, only on the right of `in`.
        case list([Expression])
        case unary(UnaryOperator, Expression)
        case binary(BinaryOperator, Expression, Expression)
        /// `condition ? then : else`.
        case conditional(Expression, Expression, Expression)
    }

    public var kind: Kind
    /// Offset in Unicode scalars of the node's first token (of the operator for binary nodes).
    public var offset: Int

    public init(_ kind: Kind, at offset: Int) {
        self.kind = kind
        self.offset = offset
    }
}

/// `!` and unary `-`.
public enum UnaryOperator: String, Sendable, Hashable {
    case not = "!"
    case negate = "-"
}

/// The binary operators, by CEL's precedence from loosest: `||`, `&&`, the relations with `in`, `+ -`, `* / %`.
public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
    case or = "||"
    case and = "&&"
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case `in` = "in"
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case remainder = "%"

    /// Higher binds tighter.
    var precedence: Int {
        switch self {
        case .or: 1
        case .and: 2
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .in: 3
        case .add, .subtract: 4
        case .multiply, .divide, .remainder: 5
        }
    }

    var isOrdering: Bool { [.less, .lessOrEqual, .greater, .greaterOrEqual].contains(self) }
    var isArithmetic: Bool { precedence >= 4 }
}
