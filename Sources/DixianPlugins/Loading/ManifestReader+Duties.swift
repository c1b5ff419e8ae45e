import DixianCore
import DixianYAML
import Foundation

extension ManifestReader {
    /// One entry of `duties`.
    func readDuty(_ value: YAMLValue) -> PluginManifest.DutyDeclaration? {
        guard var reader = value.mapping() else { return nil }
        defer { reader.finish() }
        var duty = PluginManifest.DutyDeclaration(location: value.location)
        duty.id = fields.identifier(reader.value("id", required: true), what: "任务 id (duty id)")
        duty.title = fields.text(reader.value("title", required: true))?.value
        duty.description = fields.text(reader.value("description", required: true))?.value
        duty.source = readSourceReference(reader.value("source", required: true))
        duty.enabled = fields.bool(reader.value("enabled"))?.value
        if let owner = reader.value("owner", required: true), var ownerReader = owner.mapping() {
            duty.ownerRole = fields.identifier(ownerReader.value("role", required: true), what: "角色 id (role id)")
            duty.ownerScope = fields.oneOf(ownerReader.value("per"), Duty.OwnerScope.self)
            ownerReader.finish()
        }
        if let recurrence = reader.value("recurrence", required: true) {
            duty.recurrence = readRecurrence(recurrence).map { Located($0, at: recurrence.location) }
        }
        if let window = reader.value("window") {
            duty.window = readWindow(window)
        }
        if let quantity = reader.value("quantity") {
            duty.quantity = readQuantity(quantity)
        }
        duty.evidence = fields.textList(reader.value("evidence"))?.value.map(\.value) ?? []
        duty.localSetting = fields.text(reader.value("local_setting"))?.value
        duty.settings = fields.readSettings(&reader, allowing: .duty)
        return duty
    }

    /// `window: {from?, until?}`, at least one.
    private func readWindow(_ value: YAMLValue) -> PluginManifest.WindowDeclaration? {
        guard var reader = value.mapping() else { return nil }
        defer { reader.finish() }
        if reader.keys.isEmpty {
            value.error("window 至少需要 from 或 until (window needs from or until)")
        }
        return PluginManifest.WindowDeclaration(
            location: value.location,
            from: dateOrParameter(reader.value("from")),
            until: dateOrParameter(reader.value("until")))
    }

    /// `quantity: {measure, target, unit, compare?}`.
    private func readQuantity(_ value: YAMLValue) -> PluginManifest.QuantityDeclaration? {
        guard var reader = value.mapping() else { return nil }
        defer { reader.finish() }
        let measure = fields.text(reader.value("measure", required: true))
        var target: Located<ParameterOr<Decimal>>?
        if let targetValue = reader.value("target", required: true) {
            target = orParameter(targetValue, expected: "应为非负数或 $参数 (expected a number ≥ 0 or a $parameter)") {
                guard let number = $0.number() else { return nil }
                guard number >= 0 else {
                    $0.error("目标值不能为负 (target must be ≥ 0)")
                    return nil
                }
                return number
            }
        }
        let unit = fields.text(reader.value("unit", required: true))
        let comparison = fields.oneOf(reader.value("compare"), Duty.Quantity.Comparison.self)
        guard let measure, let target, let unit else { return nil }
        return PluginManifest.QuantityDeclaration(
            measure: measure.value, target: target, unit: unit, comparison: comparison?.value ?? .atLeast)
    }

    /// A date or `$date_parameter`.
    func dateOrParameter(_ value: YAMLValue?) -> Located<ParameterOr<CalendarDate>>? {
        guard let value else { return nil }
        return orParameter(value, expected: nil) { fields.date($0)?.value }
    }

    /// `$name` as a parameter reference, else a literal read by `literal`. A string starting with `$` that is
    /// not a valid reference is reported as such.
    func orParameter<Value>(
        _ value: YAMLValue,
        expected: String?,
        literal: (YAMLValue) -> Value?
    ) -> Located<ParameterOr<Value>>? {
        if value.kind == .string, let text = value.scalarText, text.hasPrefix("$") {
            guard let name = Patterns.parameterReference(text) else {
                value.error("无效的参数引用 '\(text)' (invalid parameter reference)", hint: "如 / e.g. $help_plan_days")
                return nil
            }
            return Located(.parameter(name), at: value.location)
        }
        // Numeric fields: anything but a number is reported once, naming both accepted forms.
        if let expected, value.kind != .integer, value.kind != .number {
            let written = value.scalarText.map { "：'\($0)'" } ?? ""
            let quotedNumber = value.kind == .string && value.scalarText.flatMap { Double($0) } != nil
            value.error(expected + written, hint: quotedNumber ? "去掉引号 / remove the quotes" : nil)
            return nil
        }
        return literal(value).map { Located(.literal($0), at: value.location) }
    }
}
