import DixianCore

extension SQLCompiler.State {
    /// `age(x) OP k` and `months_between(x, END) OP k`, with `k` and `END` known when compiling (literals,
    /// parameters, `today()`), become `x <= BOUND` or `x > BOUND` with the bound date computed here: the
    /// comparison a person would write by hand. It costs PostgreSQL one date comparison per row instead of six
    /// `extract`s, and an index on `x` can serve it. Any other shape is compiled as written.
    ///
    /// The rewrite rests on one equivalence, for whole months `m ≥ 1`: `months(x, END) >= m` exactly when
    /// `x <= END shifted back m months` (the day clamped to the month's last). `age(x) >= t` is
    /// `months(x, asOf) >= 12·t` for `t ≥ 1`. Smaller thresholds, where negative spans and truncating division
    /// break the equivalence, keep the general form. The differential tests check both forms against the evaluator.
    mutating func dateBound(_ op: BinaryOperator, _ left: CheckedExpression, _ right: CheckedExpression) -> String? {
        if let bounded = bound(op, left, right) { return bounded }
        guard let mirrored = Self.mirrored(op) else { return nil }
        return bound(mirrored, right, left)
    }

    private mutating func bound(_ op: BinaryOperator, _ span: CheckedExpression, _ limit: CheckedExpression) -> String? {
        guard let k = constantInt(limit), k > -1_000, k < 1_000 else { return nil }
        let subject: CheckedExpression
        let end: CalendarDate
        let monthsPerUnit: Int64
        switch span {
        case .monthsBetween(let start, let endExpression):
            guard let constantEnd = constantDate(endExpression) else { return nil }
            (subject, end, monthsPerUnit) = (start, constantEnd, 1)
        case .age(let birth):
            (subject, end, monthsPerUnit) = (birth, context.asOf, 12)
        default:
            return nil
        }
        // `span OP k` as `span >= threshold` (atLeast) or its negation `span < threshold`.
        let (threshold, atLeast): (Int64, Bool)
        switch op {
        case .greaterOrEqual: (threshold, atLeast) = (k, true)
        case .greater: (threshold, atLeast) = (k + 1, true)
        case .less: (threshold, atLeast) = (k, false)
        case .lessOrEqual: (threshold, atLeast) = (k + 1, false)
        default: return nil
        }
        guard threshold >= 1, let boundDate = Self.shift(end, monthsBack: Int(threshold * monthsPerUnit)) else { return nil }
        let subjectSQL = sql(subject)
        let boundSQL = bind(.date(boundDate))
        return atLeast ? "(\(subjectSQL) <= \(boundSQL))" : "(\(subjectSQL) > \(boundSQL))"
    }

    private func constantInt(_ expression: CheckedExpression) -> Int64? {
        switch expression {
        case .literal(.int(let value)): value
        case .parameter(let name, .int): if case .int(let value)? = context.parameters[name] { value } else { nil }
        default: nil
        }
    }

    private func constantDate(_ expression: CheckedExpression) -> CalendarDate? {
        switch expression {
        case .today: context.asOf
        case .literal(.date(let value)): value
        case .parameter(let name, .date): if case .date(let value)? = context.parameters[name] { value } else { nil }
        default: nil
        }
    }

    /// `k < span` is `span > k`.
    private static func mirrored(_ op: BinaryOperator) -> BinaryOperator? {
        switch op {
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        default: nil
        }
    }

    /// `date` moved back `months` months, the day clamped to the target month's last; nil before year 1.
    static func shift(_ date: CalendarDate, monthsBack months: Int) -> CalendarDate? {
        let index = date.year * 12 + (date.month - 1) - months
        let (year, month) = (index / 12, index % 12 + 1)
        guard index >= 12 else { return nil }
        return CalendarDate(year: year, month: month, day: min(date.day, CalendarDate.daysIn(month: month, year: year)))
    }
}
