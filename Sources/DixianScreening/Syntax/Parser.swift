/// Parses the CEL subset of docs/RULES.md by precedence climbing. Anything outside the subset (maps, macros,
/// indexing, `null`, unsigned or bytes literals) is a syntax error at its position, never a silent guess.
struct Parser {
    private var tokens: [Token]
    private var position = 0
    /// Deep nesting is refused rather than risking the stack on hostile input.
    private var depth = 0
    static let maximumDepth = 64

    /// Parses a whole expression.
    static func parse(_ text: String) throws(RuleError) -> Expression {
        var parser = Parser(tokens: try Lexer.tokens(of: text))
        guard parser.tokens.count > 1 else {
            throw RuleError(.syntax, "条件为空 (empty expression)", at: 0)
        }
        let expression = try parser.expression()
        let rest = parser.current
        guard rest.kind == .end else {
            throw RuleError(.syntax, "表达式后有多余内容 (unexpected text after the expression)", at: rest.offset)
        }
        return expression
    }

    private init(tokens: [Token]) {
        self.tokens = tokens
    }

    private var current: Token { tokens[position] }

    private mutating func advance() -> Token {
        defer { if position < tokens.count - 1 { position += 1 } }
        return tokens[position]
    }

    private func isSymbol(_ symbol: String) -> Bool { current.kind == .symbol(symbol) }

    private mutating func expect(_ symbol: String) throws(RuleError) {
        guard isSymbol(symbol) else {
            throw RuleError(.syntax, "此处应为 '\(symbol)' (expected '\(symbol)')", at: current.offset)
        }
        _ = advance()
    }

    private mutating func expression() throws(RuleError) -> Expression {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw RuleError(.syntax, "嵌套过深 (expression nested too deeply)", at: current.offset)
        }
        let condition = try binary(minimumPrecedence: 1)
        guard isSymbol("?") else { return condition }
        _ = advance()
        let then = try binary(minimumPrecedence: 1)
        try expect(":")
        let otherwise = try expression()
        return Expression(.conditional(condition, then, otherwise), at: condition.offset)
    }

    private var binaryOperator: BinaryOperator? {
        switch current.kind {
        case .symbol(let text): BinaryOperator(rawValue: text)
        case .identifier("in"): .in
        default: nil
        }
    }

    private mutating func binary(minimumPrecedence: Int) throws(RuleError) -> Expression {
        var left = try unary()
        while let op = binaryOperator, op.precedence >= minimumPrecedence {
            let offset = advance().offset
            let right = try binary(minimumPrecedence: op.precedence + 1)
            left = Expression(.binary(op, left, right), at: offset)
        }
        return left
    }

    private mutating func unary() throws(RuleError) -> Expression {
        let offset = current.offset
        if isSymbol("!") || isSymbol("-") {
            let op: UnaryOperator = isSymbol("!") ? .not : .negate
            _ = advance()
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maximumDepth else {
                throw RuleError(.syntax, "嵌套过深 (expression nested too deeply)", at: offset)
            }
            let operand = try unary()
            if op == .negate, case .literal(let value) = operand.kind, let negated = value.negatedLiteral {
                return Expression(.literal(negated), at: offset)
            }
            return Expression(.unary(op, operand), at: offset)
        }
        return try member()
    }

    private mutating func member() throws(RuleError) -> Expression {
        var base = try primary()
        while isSymbol(".") {
            _ = advance()
            guard case .identifier(let name) = current.kind else {
                throw RuleError(.syntax, "'.' 后应为名称 (expected a name after '.')", at: current.offset)
            }
            let offset = advance().offset
            if isSymbol("(") {
                base = Expression(.call(name, target: base, arguments: try arguments()), at: offset)
            } else {
                base = Expression(.select(base, field: name), at: base.offset)
            }
        }
        if isSymbol("[") {
            throw RuleError(.syntax, "不支持下标 (indexing is not supported)", at: current.offset)
        }
        return base
    }

    private mutating func arguments() throws(RuleError) -> [Expression] {
        try expect("(")
        var result: [Expression] = []
        if isSymbol(")") {
            _ = advance()
            return result
        }
        while true {
            result.append(try expression())
            if isSymbol(")") {
                _ = advance()
                return result
            }
            try expect(",")
        }
    }

    private mutating func primary() throws(RuleError) -> Expression {
        let token = current
        switch token.kind {
        case .integer(let value):
            _ = advance()
            return Expression(.literal(.int(value)), at: token.offset)
        case .double(let written):
            _ = advance()
            guard let value = ScreeningValue.decimal(parsing: written) else {
                throw RuleError(.syntax, "无法表示的小数 (decimal out of range)", at: token.offset)
            }
            return Expression(.literal(value), at: token.offset)
        case .string(let value):
            _ = advance()
            return Expression(.literal(.string(value)), at: token.offset)
        case .identifier(let name):
            return try identifier(name, at: token.offset)
        case .symbol("("):
            _ = advance()
            let inner = try expression()
            try expect(")")
            return inner
        case .symbol("["):
            return try list()
        case .symbol("{"):
            throw RuleError(.syntax, "不支持映射字面量 (map literals are not supported)", at: token.offset)
        case .end:
            throw RuleError(.syntax, "表达式不完整 (incomplete expression)", at: token.offset)
        case .symbol(let symbol):
            throw RuleError(.syntax, "此处不应出现 '\(symbol)' (unexpected '\(symbol)')", at: token.offset)
        }
    }

    private static let reserved: Set<String> = [
        "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop", "package",
        "namespace", "return", "var", "void", "while", "in",
    ]

    private mutating func identifier(_ name: String, at offset: Int) throws(RuleError) -> Expression {
        _ = advance()
        switch name {
        case "true": return Expression(.literal(.bool(true)), at: offset)
        case "false": return Expression(.literal(.bool(false)), at: offset)
        case "null":
            throw RuleError(
                .syntax, "不支持 null (null is not supported)", at: offset,
                hint: "缺失的数据按“数据缺失”处理，无需比较 null (missing data is counted as data missing)")
        case "and", "or", "not":
            let symbol = ["and": "&&", "or": "||", "not": "!"][name]!
            throw RuleError(.syntax, "逻辑运算写作 \(symbol) (write \(symbol), not \(name))", at: offset)
        default:
            break
        }
        guard !Self.reserved.contains(name) else {
            throw RuleError(.syntax, "'\(name)' 是保留字 (reserved word)", at: offset)
        }
        if isSymbol("(") {
            return Expression(.call(name, target: nil, arguments: try arguments()), at: offset)
        }
        return Expression(.identifier(name), at: offset)
    }

    private mutating func list() throws(RuleError) -> Expression {
        let offset = advance().offset
        var items: [Expression] = []
        if isSymbol("]") {
            _ = advance()
            return Expression(.list(items), at: offset)
        }
        while true {
            items.append(try expression())
            if isSymbol("]") {
                _ = advance()
                return Expression(.list(items), at: offset)
            }
            try expect(",")
        }
    }
}
