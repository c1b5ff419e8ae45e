/// Compiles a checked condition to a PostgreSQL boolean expression. NULL is a missing value throughout, so the
/// SQL's three-valued logic gives the evaluator's answers: the two paths are tested against each other.
public struct SQLCompiler: Sendable {
    public var naming: SQLNaming

    public init(naming: SQLNaming = .standard) {
        self.naming = naming
    }

    /// The condition as SQL; placeholders start at `$firstPlaceholder`. Parameters take their values from
    /// `context` as binds, as does the as-of date.
    public func compile(
        _ condition: RuleCondition, context: ScreeningContext, firstPlaceholder: Int = 1
    ) -> SQLFragment {
        var state = State(naming: naming, context: context, next: firstPlaceholder)
        let text = state.sql(condition.expression)
        return SQLFragment(text: text, binds: state.binds)
    }

    struct State {
        let naming: SQLNaming
        let context: ScreeningContext
        var next: Int
        var binds: [ScreeningValue] = []

        mutating func bind(_ value: ScreeningValue) -> String {
            binds.append(value)
            defer { next += 1 }
            return "$\(next)::\(Self.sqlType(value.type))"
        }

        static func sqlType(_ type: ScreeningType) -> String {
            switch type {
            case .bool: "boolean"
            case .int: "int8"
            case .double: "numeric"
            case .string: "text"
            case .date: "date"
            case .list(let element): sqlType(element) + "[]"
            }
        }

        mutating func sql(_ expression: CheckedExpression) -> String {
            switch expression {
            case .literal(let value): return bind(value)
            case .column(let name, _): return naming.column(name)
            case .parameter(let name, let type):
                // A parameter the context lacks is a missing value; the loader never lets this happen.
                guard let value = context.parameters[name] else { return "NULL::\(Self.sqlType(type))" }
                return bind(value)
            case .register(let field): return naming.register(field)
            case .today: return bind(.date(context.asOf))
            case .not(let a): return "(NOT \(sql(a)))"
            case .negate(let a, _): return "(- \(sql(a)))"
            case .and(let a, let b): return "(\(sql(a)) AND \(sql(b)))"
            case .or(let a, let b): return "(\(sql(a)) OR \(sql(b)))"
            case .arithmetic(let op, let a, let b, let type): return arithmetic(op, a, b, type)
            case .compare(let op, let a, let b, let type):
                if let bounded = dateBound(op, a, b) { return bounded }
                if type == .double, let scaled = scaledComparison(op, a, b) { return scaled }
                let collate = type == .string && op != .equal && op != .notEqual ? " COLLATE \"C\"" : ""
                return "(\(sql(a))\(collate) \(Self.comparison(op)) \(sql(b)))"
            case .membership(let a, let items):
                let needle = sql(a)
                guard !items.isEmpty else { return Self.falseUnlessNull(needle) }
                return "(\(needle) IN (\(items.map { sql($0) }.joined(separator: ", "))))"
            case .membershipInParameter(let a, let name, let element):
                let needle = sql(a)
                guard case .list(let items)? = context.parameters[name], !items.isEmpty else {
                    return Self.falseUnlessNull(needle)
                }
                binds.append(.list(items))
                defer { next += 1 }
                return "(\(needle) = ANY($\(next)::\(Self.sqlType(.list(element)))))"
            case .conditional(let c, let a, let b, _):
                let condition = sql(c)
                return "(CASE WHEN \(condition) THEN \(sql(a)) WHEN NOT \(condition) THEN \(sql(b)) END)"
            case .size(let a): return "char_length(\(sql(a)))::int8"
            case .startsWith(let a, let b): return "starts_with(\(sql(a)), \(sql(b)))"
            case .contains(let a, let b): return "(strpos(\(sql(a)), \(sql(b))) > 0)"
            case .age(let a):
                let asOf = bind(.date(context.asOf))
                return "(\(Self.months(from: sql(a), to: asOf)) / 12)"
            case .monthsBetween(let a, let b): return Self.months(from: sql(a), to: sql(b))
            }
        }

        mutating func arithmetic(_ op: BinaryOperator, _ a: CheckedExpression, _ b: CheckedExpression, _ type: ScreeningType) -> String {
            let left = sql(a)
            let right = sql(b)
            switch op {
            case .add where type == .string: return "(\(left) || \(right))"
            // CEL makes division by zero an error; NULLIF makes it NULL, a missing value, instead of failing
            // the whole query.
            case .divide, .remainder: return "(\(left) \(op.rawValue) NULLIF(\(right), 0))"
            default: return "(\(left) \(op.rawValue) \(right))"
            }
        }

        static func comparison(_ op: BinaryOperator) -> String {
            op == .equal ? "=" : (op == .notEqual ? "<>" : op.rawValue)
        }

        /// `x in []`: false, but missing when `x` is (SQL's `NULL = ANY('{}')` would say false).
        static func falseUnlessNull(_ needle: String) -> String {
            "(CASE WHEN \(needle) IS NULL THEN NULL ELSE false END)"
        }

        /// ``DateArithmetic/months(from:to:)`` in SQL.
        static func months(from start: String, to end: String) -> String {
            let span = "((extract(year from \(end))::int8 * 12 + extract(month from \(end))::int8) - "
                + "(extract(year from \(start))::int8 * 12 + extract(month from \(start))::int8))"
            return "(CASE WHEN \(end) >= \(start) "
                + "THEN \(span) - (CASE WHEN extract(day from \(end)) < extract(day from \(start)) THEN 1 ELSE 0 END) "
                + "ELSE \(span) + (CASE WHEN extract(day from \(start)) < extract(day from \(end)) THEN 1 ELSE 0 END) END)"
        }
    }
}
