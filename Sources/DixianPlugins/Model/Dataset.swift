import DixianCore
import DixianScreening

/// A sector dataset (行业数据集): a typed table a bureau imports each period, which rules screen.
public struct Dataset: Sendable, Hashable, Identifiable, Encodable {
    /// One column.
    public struct Column: Sendable, Hashable, Encodable {
        /// A column's type.
        public enum Kind: String, Sendable, Hashable, CaseIterable {
            case text, integer, decimal, money, percent, boolean, date
            case residentID = "resident_id"
            case divisionCode = "division_code"
            case `enum`
        }

        /// How sensitive a column is.
        public enum Sensitivity: String, Sendable, Hashable, CaseIterable {
            /// Not personal data.
            case none
            /// Personal data (default).
            case personal
            /// Health data: never reaches chat.
            case health
        }

        public var name: String
        public var title: String
        public var kind: Kind
        /// For `enum` columns.
        public var values: [String]?
        public var isRequired: Bool
        public var sensitivity: Sensitivity

        public init(
            name: String, title: String, kind: Kind, values: [String]? = nil, isRequired: Bool = false,
            sensitivity: Sensitivity = .personal
        ) {
            self.name = name
            self.title = title
            self.kind = kind
            self.values = values
            self.isRequired = isRequired
            self.sensitivity = sensitivity
        }
    }

    public var id: String
    public var title: String
    public var description: String?
    public var source: SourceReference?
    /// Unique key columns.
    public var key: [String]
    public var columns: [Column]
    /// Where the dataset is declared (its id in the plugin file); nil for the register's built-in tables.
    public var location: Diagnostic.Location?

    public init(
        id: String, title: String, description: String? = nil, source: SourceReference? = nil, key: [String],
        columns: [Column]
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.source = source
        self.key = key
        self.columns = columns
        self.location = nil
    }
}

/// A screening rule (筛查规则): a condition over one dataset that raises an alert (预警) for each row it holds on.
public struct ScreeningRule: Sendable, Hashable, Identifiable, Encodable {
    /// Alert severity (预警级别).
    public enum Severity: String, Sendable, Hashable, CaseIterable {
        case high, medium, low
    }

    public var id: String
    public var title: String
    public var description: String?
    /// A dataset of the same plugin.
    public var dataset: String
    /// The condition as written (`when`), in the CEL subset of docs/RULES.md.
    public var condition: String
    /// The condition parsed and type-checked by the loader; nil only before validation.
    public var compiledCondition: RuleCondition?
    public var severity: Severity
    public var isEnabled: Bool
    public var source: SourceReference
}

extension Dataset {
    private enum CodingKeys: String, CodingKey {
        case id, title, description, source, key, columns
    }
}

extension Dataset.Column {
    private enum CodingKeys: String, CodingKey {
        case name, title
        case kind = "type"
        case values
        case isRequired = "required"
        case sensitivity
    }
}

extension ScreeningRule {
    private enum CodingKeys: String, CodingKey {
        case id, title, description, dataset
        case condition = "when"
        case severity
        case isEnabled = "enabled"
        case source
    }
}
extension Dataset.Column.Kind: Encodable {}
extension Dataset.Column.Sensitivity: Encodable {}
extension ScreeningRule.Severity: Encodable {}
