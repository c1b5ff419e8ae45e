import DixianCore

extension TypeChecker {
    func unary(_ op: UnaryOperator, _ operand: Expression, at offset: Int) throws(RuleError) -> (CheckedExpression, ScreeningType) {
        switch op {
        case .not:
            return (.not(try expect(.bool, operand, role: "! 的操作数 (the operand of !)")), .bool)
        case .negate:
            let (checked, type) = try check(operand)
            guard type.isNumeric else {
                throw RuleError(.type, "负号只能用于数字，实为\(type.chineseName) (- needs a number, found \(type))", at: offset)
            }
            return (.negate(checked, type), type)
        }
    }

    func binary(
        _ op: BinaryOperator, _ left: Expression, _ right: Expression, at offset: Int
    ) throws(RuleError) -> (CheckedExpression, ScreeningType) {
        switch op {
        case .and, .or:
            let a = try expect(.bool, left, role: "\(op.rawValue) 的左侧 (the left of \(op.rawValue))")
            let b = try expect(.bool, right, role: "\(op.rawValue) 的右侧 (the right of \(op.rawValue))")
            return (op == .and ? .and(a, b) : .or(a, b), .bool)
        case .in:
            return (try membership(left, right), .bool)
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            return try comparison(op, left, right, at: offset)
        case .add, .subtract, .multiply, .divide, .remainder:
            return try arithmetic(op, left, right, at: offset)
        }
    }

    /// Both operands checked; they must have one type, as CEL has no implicit conversions.
    private func sameTypeOperands(
        _ op: BinaryOperator, _ left: Expression, _ right: Expression, at offset: Int
    ) throws(RuleError) -> (CheckedExpression, CheckedExpression, ScreeningType) {
        let (a, aType) = try check(left)
        let (b, bType) = try check(right)
        guard aType == bType else {
            throw RuleError(
                .type,
                "\(op.rawValue) 两侧类型不同：\(aType.chineseName)与\(bType.chineseName) (\(aType) \(op.rawValue) \(bType))",
                at: offset, hint: Self.mixHint(expected: aType, actual: bType))
        }
        return (a, b, aType)
    }

    private func comparison(
        _ op: BinaryOperator, _ left: Expression, _ right: Expression, at offset: Int
    ) throws(RuleError) -> (CheckedExpression, ScreeningType) {
        let (a, b, aType) = try sameTypeOperands(op, left, right, at: offset)
        if case .list = aType {
            throw RuleError(.type, "列表不能比较 (lists cannot be compared)", at: offset)
        }
        if op.isOrdering, aType == .bool {
            throw RuleError(.type, "布尔值不能比较大小 (bools have no order)", at: offset)
        }
        return (.compare(op, a, b, operands: aType), .bool)
    }

    private func arithmetic(
        _ op: BinaryOperator, _ left: Expression, _ right: Expression, at offset: Int
    ) throws(RuleError) -> (CheckedExpression, ScreeningType) {
        let (a, b, aType) = try sameTypeOperands(op, left, right, at: offset)
        let allowed: Bool =
            switch aType {
            case .int: true
            case .double: op != .remainder
            case .string: op == .add
            default: false
            }
        guard allowed else {
            throw RuleError(.type, "\(aType.chineseName)不支持 \(op.rawValue) (no \(op.rawValue) on \(aType))", at: offset)
        }
        return (.arithmetic(op, a, b, aType), aType)
    }

    private func membership(_ left: Expression, _ right: Expression) throws(RuleError) -> CheckedExpression {
        let (value, type) = try check(left)
        if case .select(let base, let field) = right.kind, case .identifier("params") = base.kind,
            case .list(let element)? = schema.parameters[field]
        {
            guard element == type else {
                throw RuleError(
                    .type, "in 两侧类型不同：\(type.chineseName)与\(element.chineseName)列表 (\(type) in list(\(element)))",
                    at: right.offset)
            }
            return .membershipInParameter(value, field, element)
        }
        guard case .list(let items) = right.kind else {
            throw RuleError(.type, "in 的右侧应为 [..] 列表或列表参数 (in needs a [..] list or a list parameter)", at: right.offset)
        }
        guard type != .bool else {
            throw RuleError(.type, "in 不用于布尔值 (in is not for bools)", at: left.offset)
        }
        var checkedItems: [CheckedExpression] = []
        for item in items {
            let (checked, itemType) = try check(item)
            switch checked {
            case .literal, .parameter: break
            default:
                throw RuleError(.type, "列表中只能写常量或参数 (list items must be literals or parameters)", at: item.offset)
            }
            guard itemType == type else {
                throw RuleError(
                    .type, "列表元素应为\(type.chineseName)，实为\(itemType.chineseName) (expected \(type), found \(itemType))",
                    at: item.offset, hint: Self.mixHint(expected: type, actual: itemType))
            }
            checkedItems.append(checked)
        }
        return .membership(value, checkedItems)
    }

    func call(
        _ name: String, target: Expression?, arguments: [Expression], at offset: Int
    ) throws(RuleError) -> (CheckedExpression, ScreeningType) {
        let all = (target.map { [$0] } ?? []) + arguments
        func arity(_ count: Int, _ signature: String) throws(RuleError) {
            guard all.count == count else {
                throw RuleError(.unknownFunction, "\(name) 的参数个数不对，应为 \(signature) (wrong number of arguments)", at: offset)
            }
        }
        switch (name, target == nil) {
        case ("size", _):
            try arity(1, "size(文本)")
            return (.size(try expect(.string, all[0], role: "size 的参数 (the argument of size)")), .int)
        case ("startsWith", false), ("contains", false):
            try arity(2, "文本.\(name)(文本)")
            let a = try expect(.string, all[0], role: "\(name) 的对象 (the receiver of \(name))")
            let b = try expect(.string, all[1], role: "\(name) 的参数 (the argument of \(name))")
            return (name == "contains" ? .contains(a, b) : .startsWith(a, b), .bool)
        case ("date", true):
            try arity(1, "date(\"YYYY-MM-DD\")")
            guard case .literal(.string(let text)) = all[0].kind, let date = CalendarDate(parsing: text) else {
                throw RuleError(.type, "date() 需要 \"YYYY-MM-DD\" 形式的日期常量 (date() needs a literal YYYY-MM-DD)", at: all[0].offset)
            }
            return (.literal(.date(date)), .date)
        case ("today", true):
            try arity(0, "today()")
            return (.today, .date)
        case ("age", true):
            try arity(1, "age(日期)")
            return (.age(try expect(.date, all[0], role: "age 的参数 (the argument of age)")), .int)
        case ("months_between", true):
            try arity(2, "months_between(起始日期, 截止日期)")
            let from = try expect(.date, all[0], role: "months_between 的第一个参数 (the first argument)")
            let to = try expect(.date, all[1], role: "months_between 的第二个参数 (the second argument)")
            return (.monthsBetween(from, to), .int)
        default:
            throw RuleError(
                .unknownFunction, "不支持的函数 \(name) (unknown function)", at: offset,
                hint: "可用 (available): size, startsWith, contains, date, today, age, months_between")
        }
    }
}
