import Foundation

extension SQLCompiler.State {
    /// `x * k1 OP y * k2`, with `k1 > 0` and `k2` known when compiling (literals, parameters, and sums, differences
    /// and products of them), becomes `x OP y * r` with `r = k2 / k1` computed here: the comparison a person would
    /// write (`wage_income < wage_income_last_year * 0.7` for a drop of 30 %). Rules multiply both sides so that
    /// every figure stays a whole number of cents; PostgreSQL would do one more `numeric` multiplication per row.
    ///
    /// It is exact, not approximate: `numeric` arithmetic is exact, so the two forms agree for every `x` and `y`
    /// whenever `r` is itself an exact decimal (`r · k1 = k2`); otherwise (`k2 / k1 = 1/3`) and for `k1 ≤ 0` the
    /// expression compiles as written. A missing `x` or `y` is missing in both forms. The evaluator keeps the
    /// rule's own form, and the tests check the two against each other.
    mutating func scaledComparison(_ op: BinaryOperator, _ left: CheckedExpression, _ right: CheckedExpression) -> String? {
        guard [.less, .lessOrEqual, .greater, .greaterOrEqual].contains(op),
              let (x, k1) = scaled(left), let (y, k2) = scaled(right), k1 > 0
        else { return nil }
        var ratio = Decimal(), quotient = k2, divisor = k1
        guard NSDecimalDivide(&ratio, &quotient, &divisor, .plain) == .noError, ratio * k1 == k2 else { return nil }
        return "(\(sql(x)) \(Self.comparison(op)) (\(sql(y)) * \(bind(.double(ratio)))))"
    }

    /// `x * k` or `k * x` of decimals, with `k` known: `(x, k)`.
    private func scaled(_ expression: CheckedExpression) -> (CheckedExpression, Decimal)? {
        guard case .arithmetic(.multiply, let a, let b, .double) = expression else { return nil }
        if let k = constantDecimal(b) { return (a, k) }
        if let k = constantDecimal(a) { return (b, k) }
        return nil
    }

    /// The value of a decimal expression of literals and parameters; nil for anything read from a row, and for a
    /// result too long to be exact (PostgreSQL would keep every digit, `Decimal` keeps 38).
    private func constantDecimal(_ expression: CheckedExpression) -> Decimal? {
        let value: Decimal?
        switch expression {
        case .literal(.double(let v)): value = v
        case .parameter(let name, .double): if case .double(let v)? = context.parameters[name] { value = v } else { value = nil }
        case .negate(let a, .double): value = constantDecimal(a).map { -$0 }
        case .arithmetic(let op, let a, let b, .double) where [.add, .subtract, .multiply].contains(op):
            guard let l = constantDecimal(a), let r = constantDecimal(b) else { return nil }
            value = op == .add ? l + r : op == .subtract ? l - r : l * r
        default: value = nil
        }
        guard let value, !value.isNaN, abs(value) < Decimal(sign: .plus, exponent: 15, significand: 1),
              value.exponent >= -12 else { return nil }
        return value
    }
}
