import DixianCore
import DixianScreening

extension PluginValidator {
    /// Parses and type-checks a rule's `when` against its dataset's columns and the plugin's parameters; an
    /// error points at the column inside the `when` string.
    func checkCondition(
        _ rule: PluginManifest.RuleDeclaration, over dataset: Dataset, _ context: inout PluginContext
    ) -> RuleCondition? {
        // A parameter whose type is itself in error (reported there) would only add a second, misleading error.
        let untyped = context.parameters.filter { $0.value.kind == nil }.keys
        if untyped.contains(where: { rule.when.text.contains("params.\($0)") }) { return nil }
        let schema = RuleSchema(
            columns: dataset.columns.map { RuleSchema.Column(name: $0.name, type: $0.kind.screeningType) },
            parameters: context.parameters.compactMapValues { declaration in
                declaration.kind.flatMap { Parameter.screeningType(of: $0, item: declaration.itemKind) }
            })
        do {
            let condition = try RuleCondition(rule.when.text, schema: schema)
            context.usedParameters.formUnion(condition.expression.parameters)
            return condition
        } catch {
            fields.error(
                "筛查条件有误：\(error.message) (rule condition)", at: rule.when.locate(error.offset), hint: error.hint)
            return nil
        }
    }
}

extension Dataset.Column.Kind {
    /// The rule language's type of a column: money, percentages and decimals are `double`, identifiers text.
    public var screeningType: ScreeningType {
        switch self {
        case .text, .enum, .residentID, .divisionCode: .string
        case .integer: .int
        case .decimal, .money, .percent: .double
        case .boolean: .bool
        case .date: .date
        }
    }
}

extension Parameter {
    /// The rule language's type of a parameter of `kind`, nil for a list without an item kind.
    public static func screeningType(of kind: Kind, item: Kind?) -> ScreeningType? {
        switch kind {
        case .integer, .days: .int
        case .money, .percent: .double
        case .date: .date
        case .text, .enum: .string
        case .list: item.flatMap { screeningType(of: $0, item: nil) }.map { .list($0) }
        }
    }
}
