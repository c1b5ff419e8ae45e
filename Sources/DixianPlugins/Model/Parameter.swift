import DixianCore

/// A value a bureau may tune (参数) in its override file, e.g. the day of the month data are due.
///
/// Duties refer to it as `$name` in the value fields of plugins/README.md §5, templates as `{{param.name}}`.
public struct Parameter: Sendable, Hashable, Identifiable {
    /// A parameter's type.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// 整数, may be negative (a day of month `-1`).
        case integer
        /// 金额 (元), ≥ 0, at most two decimals.
        case money
        /// 天数, an integer ≥ 0.
        case days
        /// 百分数, 0–100 percentage points, at most two decimals.
        case percent
        /// 日期 `YYYY-MM-DD`.
        case date
        /// 文本.
        case text
        /// 枚举, one of ``Parameter/allowedValues``.
        case `enum`
        /// 列表 of ``Parameter/itemKind`` values.
        case list

        /// Whether values are numbers (`integer`, `money`, `days`, `percent`).
        public var isNumeric: Bool {
            [.integer, .money, .days, .percent].contains(self)
        }
    }

    /// Name, e.g. `employment_data_day`; `id` for `Identifiable`.
    public var name: String
    /// The type.
    public var kind: Kind
    /// For ``Kind/list``: the item type.
    public var itemKind: Kind?
    /// Short Chinese label (标题).
    public var title: String
    /// Meaning, basis, and whether the default is seed-given or a local choice.
    public var description: String
    /// The plugin's default.
    public var defaultValue: ParameterValue
    /// The effective value: the bureau override's if it sets one, else the default.
    public var value: ParameterValue
    /// Inclusive lower bound (numbers, dates; for lists each item).
    public var minimum: ParameterValue?
    /// Inclusive upper bound.
    public var maximum: ParameterValue?
    /// Display unit (户, 个村, 元, %).
    public var unit: String?
    /// Allowed values of `enum` (and `list` of `enum`).
    public var allowedValues: [String]?
    /// Where the default comes from.
    public var source: SourceReference?
    /// Where the parameter is declared.
    public var location: Diagnostic.Location
    /// Where the effective value is written when an override sets it.
    public var overrideLocation: Diagnostic.Location?

    public var id: String { name }

    /// Whether a bureau override sets the value.
    public var isOverridden: Bool {
        overrideLocation != nil
    }

    /// The effective value as messages show it, e.g. `80` for a percentage, `7800.50` for money.
    public var formattedValue: String {
        value.formatted(as: itemKind ?? kind)
    }
}

extension Parameter: Encodable {
    private enum CodingKeys: String, CodingKey {
        case name
        case kind = "type"
        case itemKind = "item_type"
        case title, description
        case defaultValue = "default"
        case value
        case minimum = "min"
        case maximum = "max"
        case unit
        case allowedValues = "values"
        case source
        case isOverridden = "overridden"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(kind, forKey: .kind)
        try container.encodeIfPresent(itemKind, forKey: .itemKind)
        try container.encode(title, forKey: .title)
        try container.encode(description, forKey: .description)
        try container.encode(defaultValue, forKey: .defaultValue)
        try container.encode(value, forKey: .value)
        try container.encodeIfPresent(minimum, forKey: .minimum)
        try container.encodeIfPresent(maximum, forKey: .maximum)
        try container.encodeIfPresent(unit, forKey: .unit)
        try container.encodeIfPresent(allowedValues, forKey: .allowedValues)
        try container.encodeIfPresent(source, forKey: .source)
        try container.encode(isOverridden, forKey: .isOverridden)
    }
}

extension Parameter.Kind: Encodable {}
