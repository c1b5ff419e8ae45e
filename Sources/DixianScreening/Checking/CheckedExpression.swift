/// A type-checked rule expression: names resolved to columns, parameters and register fields, functions to
/// their meaning. The in-memory evaluator and the SQL compiler both walk this, so they cannot disagree on what
/// a name or an operator means.
public indirect enum CheckedExpression: Sendable, Hashable {
    case literal(ScreeningValue)
    case column(String, ScreeningType)
    case parameter(String, ScreeningType)
    case register(RegisterField)
    /// The screening's as-of date, `today()`.
    case today
    case not(CheckedExpression)
    case negate(CheckedExpression, ScreeningType)
    case and(CheckedExpression, CheckedExpression)
    case or(CheckedExpression, CheckedExpression)
    /// `+ - * / %` on numbers of one type, or `+` on strings.
    case arithmetic(BinaryOperator, CheckedExpression, CheckedExpression, ScreeningType)
    /// `== != < <= > >=`; `operands` is the type of both sides (ints and doubles never mix).
    case compare(BinaryOperator, CheckedExpression, CheckedExpression, operands: ScreeningType)
    /// `value in [items]`.
    case membership(CheckedExpression, [CheckedExpression])
    /// `value in params.LIST`.
    case membershipInParameter(CheckedExpression, String, ScreeningType)
    case conditional(CheckedExpression, CheckedExpression, CheckedExpression, ScreeningType)
    /// `size(text)`: Unicode code points.
    case size(CheckedExpression)
    case startsWith(CheckedExpression, CheckedExpression)
    case contains(CheckedExpression, CheckedExpression)
    /// `age(date)`: whole years at the as-of date.
    case age(CheckedExpression)
    /// `months_between(from, to)`: whole months, negative when `to` is earlier.
    case monthsBetween(CheckedExpression, CheckedExpression)

    /// The register fields the expression reads, for the join the SQL needs.
    public var registerFields: Set<RegisterField> {
        var result: Set<RegisterField> = []
        visit { if case .register(let field) = $0 { result.insert(field) } }
        return result
    }

    /// The dataset columns the expression reads.
    public var columns: Set<String> {
        var result: Set<String> = []
        visit { if case .column(let name, _) = $0 { result.insert(name) } }
        return result
    }

    /// The parameters the expression reads.
    public var parameters: Set<String> {
        var result: Set<String> = []
        visit {
            switch $0 {
            case .parameter(let name, _), .membershipInParameter(_, let name, _): result.insert(name)
            default: break
            }
        }
        return result
    }

    private func visit(_ body: (CheckedExpression) -> Void) {
        body(self)
        for child in children { child.visit(body) }
    }

    private var children: [CheckedExpression] {
        switch self {
        case .literal, .column, .parameter, .register, .today: []
        case .not(let a), .negate(let a, _), .size(let a), .age(let a), .membershipInParameter(let a, _, _): [a]
        case .and(let a, let b), .or(let a, let b), .arithmetic(_, let a, let b, _), .compare(_, let a, let b, _),
            .startsWith(let a, let b), .contains(let a, let b), .monthsBetween(let a, let b):
            [a, b]
        case .membership(let a, let items): [a] + items
        case .conditional(let a, let b, let c, _): [a, b, c]
        }
    }
}
