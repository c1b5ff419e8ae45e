import DixianCore
import DixianYAML
import Foundation

extension FieldReader {
    /// The value of a parameter of `kind` (and `itemKind` for lists), checked as plugins/README.md §5 says:
    /// the type without coercion, `days` ≥ 0, `money` ≥ 0 and `percent` 0–100 with at most two decimals,
    /// real calendar dates, `enum` values from `allowedValues`, and `minimum`/`maximum` (each list item).
    /// Used for defaults and for bureau overrides alike.
    func parameterValue(
        _ value: YAMLValue,
        kind: Parameter.Kind,
        itemKind: Parameter.Kind?,
        allowedValues: [String]?,
        minimum: ParameterValue? = nil,
        maximum: ParameterValue? = nil
    ) -> ParameterValue? {
        guard kind == .list else {
            return scalarParameterValue(
                value, kind: kind, allowedValues: allowedValues, minimum: minimum, maximum: maximum)
        }
        guard let itemKind, let items = value.sequence() else { return nil }
        var result: [ParameterValue] = []
        var failed = false
        for item in items {
            guard
                let read = scalarParameterValue(
                    item, kind: itemKind, allowedValues: allowedValues, minimum: minimum, maximum: maximum)
            else {
                failed = true
                continue
            }
            result.append(read)
        }
        return failed ? nil : .list(result)
    }

    /// A value of a non-list kind.
    func scalarParameterValue(
        _ value: YAMLValue,
        kind: Parameter.Kind,
        allowedValues: [String]?,
        minimum: ParameterValue? = nil,
        maximum: ParameterValue? = nil
    ) -> ParameterValue? {
        let result: ParameterValue?
        switch kind {
        case .integer:
            result = value.int().map(ParameterValue.integer)
        case .days:
            result = value.int().flatMap { days in
                guard days >= 0 else {
                    value.error("天数不能为负 (days must be ≥ 0)")
                    return nil
                }
                return .integer(days)
            }
        case .money, .percent:
            result = value.number().flatMap { number in
                checkedDecimal(number, kind: kind, at: value).map(ParameterValue.decimal)
            }
        case .date:
            result = date(value).map { .date($0.value) }
        case .text:
            result = value.string().map(ParameterValue.text)
        case .enum:
            result = value.string().flatMap { text in
                guard let allowedValues, !allowedValues.contains(text) else { return .text(text) }
                value.error(
                    "取值 '\(text)' 不在 values 中 (not one of the allowed values)",
                    hint: Diagnostic.suggestionHint(for: text, among: allowedValues, noun: "可选值 / allowed values"))
                return nil
            }
        case .list:
            value.error("列表的元素不能是列表 (list items cannot be lists)")
            result = nil
        }
        guard let result else { return nil }
        if let minimum, let order = Self.compare(result, minimum), order < 0 {
            value.error("取值 \(result.formatted(as: kind)) 小于最小值 \(minimum.formatted(as: kind)) (below min)")
            return nil
        }
        if let maximum, let order = Self.compare(result, maximum), order > 0 {
            value.error("取值 \(result.formatted(as: kind)) 大于最大值 \(maximum.formatted(as: kind)) (above max)")
            return nil
        }
        return result
    }

    /// `money` ≥ 0 and `percent` 0–100, each with at most two decimals.
    private func checkedDecimal(_ number: Decimal, kind: Parameter.Kind, at value: YAMLValue) -> Decimal? {
        let range: ClosedRange<Decimal> = kind == .percent ? 0...100 : 0...Decimal.greatestFiniteMagnitude
        guard range.contains(number) else {
            value.error(
                kind == .percent ? "百分数须在 0 到 100 之间 (percent must be 0–100)" : "金额不能为负 (money must be ≥ 0)")
            return nil
        }
        var rounded = Decimal()
        var copy = number
        NSDecimalRound(&rounded, &copy, 2, .plain)
        guard rounded == number else {
            value.error("最多两位小数 (at most two decimals)", hint: kind == .money ? "单位为元 / in yuan" : nil)
            return nil
        }
        return number
    }

    /// -1, 0 or 1 for comparable values (numbers with numbers, dates with dates), else nil.
    static func compare(_ lhs: ParameterValue, _ rhs: ParameterValue) -> Int? {
        if let left = lhs.number, let right = rhs.number {
            return left < right ? -1 : (left > right ? 1 : 0)
        }
        if case .date(let left) = lhs, case .date(let right) = rhs {
            return left < right ? -1 : (left > right ? 1 : 0)
        }
        return nil
    }
}
