/// What a rule may name: the columns of its dataset, the plugin's parameters (`params.NAME`) and the population
/// register's fields (`person.NAME`, `household.NAME`), each with its type.
public struct RuleSchema: Sendable, Hashable {
    /// A column of the rule's dataset.
    public struct Column: Sendable, Hashable {
        public var name: String
        public var type: ScreeningType
        public init(name: String, type: ScreeningType) {
            self.name = name
            self.type = type
        }
    }

    public var columns: [Column]
    /// Parameter name → type.
    public var parameters: [String: ScreeningType]
    /// Whether the dataset has a `resident_id` column, which `person.` and `household.` join on.
    public var joinsRegister: Bool {
        columns.contains { $0.name == RegisterField.joinColumn }
    }

    public init(columns: [Column], parameters: [String: ScreeningType]) {
        self.columns = columns
        self.parameters = parameters
    }

    func column(_ name: String) -> Column? {
        columns.first { $0.name == name }
    }
}
