import DixianCore
import Foundation

extension RuleCondition {
    /// The condition on one row: true or false, or nil when data are missing (数据缺失). Missing values follow
    /// SQL's three-valued logic, which is CEL's error absorption under `&&` and `||`: `false && missing` is
    /// false, `true || missing` is true, anything else touching a missing value is missing.
    public func evaluate(_ row: some ScreeningRow, in context: ScreeningContext) -> Bool? {
        guard case .bool(let result)? = Evaluator(row: row, context: context).value(expression) else { return nil }
        return result
    }
}

struct Evaluator<Row: ScreeningRow> {
    let row: Row
    let context: ScreeningContext

    func value(_ expression: CheckedExpression) -> ScreeningValue? {
        switch expression {
        case .literal(let value): return value
        case .column(let name, _): return row.value(ofColumn: name)
        case .parameter(let name, _): return context.parameters[name]
        case .register(let field): return row.value(of: field)
        case .today: return .date(context.asOf)
        case .not(let a):
            guard case .bool(let value)? = self.value(a) else { return nil }
            return .bool(!value)
        case .negate(let a, _):
            switch self.value(a) {
            case .int(let value)?: return value == .min ? nil : .int(-value)
            case .double(let value)?: return .double(-value)
            default: return nil
            }
        case .and(let a, let b): return logical(a, b, absorbing: false)
        case .or(let a, let b): return logical(a, b, absorbing: true)
        case .arithmetic(let op, let a, let b, _):
            guard let left = self.value(a), let right = self.value(b) else { return nil }
            return Self.arithmetic(op, left, right)
        case .compare(let op, let a, let b, _):
            guard let left = self.value(a), let right = self.value(b) else { return nil }
            return Self.compare(op, left, right).map(ScreeningValue.bool)
        case .membership(let a, let items):
            guard let needle = self.value(a) else { return nil }
            return .bool(items.contains { self.value($0).map { Self.equal(needle, $0) } ?? false })
        case .membershipInParameter(let a, let name, _):
            guard let needle = self.value(a), case .list(let items)? = context.parameters[name] else { return nil }
            return .bool(items.contains { Self.equal(needle, $0) })
        case .conditional(let condition, let a, let b, _):
            guard case .bool(let chosen)? = self.value(condition) else { return nil }
            return self.value(chosen ? a : b)
        case .size(let a):
            guard case .string(let text)? = self.value(a) else { return nil }
            return .int(Int64(text.unicodeScalars.count))
        case .startsWith(let a, let b):
            guard case .string(let text)? = self.value(a), case .string(let prefix)? = self.value(b) else { return nil }
            return .bool(Array(text.unicodeScalars).starts(with: Array(prefix.unicodeScalars)))
        case .contains(let a, let b):
            guard case .string(let text)? = self.value(a), case .string(let part)? = self.value(b) else { return nil }
            return .bool(Self.scalars(of: text, contain: part))
        case .age(let a):
            guard case .date(let birth)? = self.value(a) else { return nil }
            return .int(Int64(DateArithmetic.months(from: birth, to: context.asOf) / 12))
        case .monthsBetween(let a, let b):
            guard case .date(let from)? = self.value(a), case .date(let to)? = self.value(b) else { return nil }
            return .int(Int64(DateArithmetic.months(from: from, to: to)))
        }
    }

    private func logical(_ a: CheckedExpression, _ b: CheckedExpression, absorbing: Bool) -> ScreeningValue? {
        let left = value(a)
        let right = value(b)
        if left == .bool(absorbing) || right == .bool(absorbing) { return .bool(absorbing) }
        guard left != nil, right != nil else { return nil }
        return .bool(!absorbing)
    }

    static func arithmetic(_ op: BinaryOperator, _ left: ScreeningValue, _ right: ScreeningValue) -> ScreeningValue? {
        switch (left, right) {
        case (.int(let a), .int(let b)):
            let result: (partialValue: Int64, overflow: Bool)
            switch op {
            case .add: result = a.addingReportingOverflow(b)
            case .subtract: result = a.subtractingReportingOverflow(b)
            case .multiply: result = a.multipliedReportingOverflow(by: b)
            case .divide: guard b != 0 else { return nil }; result = a.dividedReportingOverflow(by: b)
            case .remainder: guard b != 0 else { return nil }; result = a.remainderReportingOverflow(dividingBy: b)
            default: return nil
            }
            return result.overflow ? nil : .int(result.partialValue)
        case (.double(let a), .double(let b)):
            switch op {
            case .add: return .double(a + b)
            case .subtract: return .double(a - b)
            case .multiply: return .double(a * b)
            case .divide: return b == 0 ? nil : .double(a / b)
            default: return nil
            }
        case (.string(let a), .string(let b)) where op == .add:
            return .string(a + b)
        default:
            return nil
        }
    }

    static func compare(_ op: BinaryOperator, _ left: ScreeningValue, _ right: ScreeningValue) -> Bool? {
        let order: Int
        switch (left, right) {
        case (.int(let a), .int(let b)): order = a < b ? -1 : (a == b ? 0 : 1)
        case (.double(let a), .double(let b)): order = a < b ? -1 : (a == b ? 0 : 1)
        case (.date(let a), .date(let b)): order = a < b ? -1 : (a == b ? 0 : 1)
        case (.string(let a), .string(let b)): order = codePointOrder(a, b)
        case (.bool(let a), .bool(let b)): order = a == b ? 0 : 1
        default: return nil
        }
        switch op {
        case .equal: return order == 0
        case .notEqual: return order != 0
        case .less: return order < 0
        case .lessOrEqual: return order <= 0
        case .greater: return order > 0
        case .greaterOrEqual: return order >= 0
        default: return nil
        }
    }

    static func equal(_ a: ScreeningValue, _ b: ScreeningValue) -> Bool {
        compare(.equal, a, b) ?? false
    }

    /// CEL and PostgreSQL's `COLLATE "C"` order strings by code point; Swift's `<` would use canonical
    /// equivalence, so the scalars are compared directly.
    static func codePointOrder(_ a: String, _ b: String) -> Int {
        var left = a.unicodeScalars.makeIterator()
        var right = b.unicodeScalars.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let x?, let y?) where x != y: return x.value < y.value ? -1 : 1
            default: continue
            }
        }
    }

    static func scalars(of text: String, contain part: String) -> Bool {
        let haystack = Array(text.unicodeScalars)
        let needle = Array(part.unicodeScalars)
        guard !needle.isEmpty else { return true }
        guard needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { start in
            haystack[start..<(start + needle.count)].elementsEqual(needle)
        }
    }
}
