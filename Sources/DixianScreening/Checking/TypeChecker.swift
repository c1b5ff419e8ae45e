/// Resolves names and checks types against a ``RuleSchema``. Each error points at the offending node, so the
/// loader can report the column inside the `when` string.
struct TypeChecker {
    let schema: RuleSchema

    func check(_ expression: Expression) throws(RuleError) -> (CheckedExpression, ScreeningType) {
        switch expression.kind {
        case .literal(let value):
            return (.literal(value), value.type)
        case .identifier(let name):
            return try column(name, at: expression.offset)
        case .select(let base, let field):
            return try select(base, field)
        case .call(let name, let target, let arguments):
            return try call(name, target: target, arguments: arguments, at: expression.offset)
        case .list:
            throw RuleError(.type, "列表只能出现在 in 的右侧 (a list may only follow in)", at: expression.offset)
        case .unary(let op, let operand):
            return try unary(op, operand, at: expression.offset)
        case .binary(let op, let left, let right):
            return try binary(op, left, right, at: expression.offset)
        case .conditional(let condition, let then, let otherwise):
            let checkedCondition = try expect(.bool, condition, role: "?: 的条件 (the condition of ?:)")
            let (a, aType) = try check(then)
            let (b, bType) = try check(otherwise)
            guard aType == bType else {
                throw RuleError(
                    .type, "?: 两个分支类型不同：\(aType.chineseName)与\(bType.chineseName) (branches differ: \(aType) and \(bType))",
                    at: otherwise.offset)
            }
            return (.conditional(checkedCondition, a, b, aType), aType)
        }
    }

    func expect(_ type: ScreeningType, _ expression: Expression, role: String) throws(RuleError) -> CheckedExpression {
        let (checked, actual) = try check(expression)
        guard actual == type else {
            throw RuleError(
                .type, "\(role)应为\(type.chineseName)，实为\(actual.chineseName) (expected \(type), found \(actual))",
                at: expression.offset, hint: Self.mixHint(expected: type, actual: actual))
        }
        return checked
    }

    static func mixHint(expected: ScreeningType, actual: ScreeningType) -> String? {
        guard expected.isNumeric, actual.isNumeric else { return nil }
        return "整数与小数不能混用：小数写作 5000.0，或改用同类型的列与参数 (int and double do not mix: write 5000.0)"
    }

    private func column(_ name: String, at offset: Int) throws(RuleError) -> (CheckedExpression, ScreeningType) {
        if let column = schema.column(name) { return (.column(name, column.type), column.type) }
        if ["params", "person", "household"].contains(name) {
            throw RuleError(.syntax, "'\(name)' 后应接 .字段名 (expected \(name).NAME)", at: offset)
        }
        throw RuleError(
            .unknownName, "未知的列 '\(name)' (unknown column)", at: offset,
            hint: Self.suggestion(for: name, among: schema.columns.map(\.name)))
    }

    private func select(_ base: Expression, _ field: String) throws(RuleError) -> (CheckedExpression, ScreeningType) {
        guard case .identifier(let root) = base.kind else {
            throw RuleError(.syntax, "只能读取 params.、person.、household. 的字段 (only params., person. and household. have fields)", at: base.offset)
        }
        let fieldOffset = base.offset + root.unicodeScalars.count + 1
        switch root {
        case "params":
            guard let type = schema.parameters[field] else {
                throw RuleError(
                    .unknownName, "未声明的参数 params.\(field) (unknown parameter)", at: fieldOffset,
                    hint: Self.suggestion(for: field, among: schema.parameters.keys.sorted()))
            }
            return (.parameter(field, type), type)
        case "person", "household":
            let table = RegisterField.Table(rawValue: root)!
            guard schema.joinsRegister else {
                throw RuleError(
                    .unknownName, "数据集没有 resident_id 列，不能读取人口台账 \(root).\(field) (the dataset has no resident_id to join the register on)",
                    at: base.offset)
            }
            guard let registerField = RegisterField.field(table, field) else {
                throw RuleError(
                    .unknownName, "人口台账没有字段 \(root).\(field) (unknown register field)", at: fieldOffset,
                    hint: Self.suggestion(for: field, among: RegisterField.all.filter { $0.table == table }.map(\.name)))
            }
            return (.register(registerField), registerField.type)
        default:
            throw RuleError(
                .unknownName, "未知的名称 '\(root)' (unknown name)", at: base.offset,
                hint: "字段只能来自 params.、person.、household. (fields come from params., person., household.)")
        }
    }

    static func suggestion(for name: String, among names: [String]) -> String? {
        guard !names.isEmpty else { return nil }
        let close = names.filter { $0.hasPrefix(String(name.prefix(3))) || name.hasPrefix(String($0.prefix(3))) }
        let shown = (close.isEmpty ? names : close).prefix(12).joined(separator: ", ")
        return "可用 (available): \(shown)"
    }
}
