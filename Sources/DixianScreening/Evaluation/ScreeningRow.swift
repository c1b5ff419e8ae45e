import DixianCore

/// One row a rule is evaluated on in memory: a dataset row with, when it joins the register, the person's
/// and household's fields. A missing value is nil.
public protocol ScreeningRow {
    func value(ofColumn name: String) -> ScreeningValue?
    func value(of field: RegisterField) -> ScreeningValue?
}

/// What a whole screening run shares: the as-of date and the parameters after bureau overrides.
public struct ScreeningContext: Sendable, Hashable {
    /// `today()` and the date `age()` counts to.
    public var asOf: CalendarDate
    /// `params.NAME` values.
    public var parameters: [String: ScreeningValue]

    public init(asOf: CalendarDate, parameters: [String: ScreeningValue]) {
        self.asOf = asOf
        self.parameters = parameters
    }
}

/// A row held in dictionaries: for `rules test`, tests and the evaluator's users that have no table.
public struct DictionaryRow: ScreeningRow, Sendable, Hashable {
    public var columns: [String: ScreeningValue]
    public var register: [RegisterField: ScreeningValue]

    public init(columns: [String: ScreeningValue], register: [RegisterField: ScreeningValue] = [:]) {
        self.columns = columns
        self.register = register
    }

    public func value(ofColumn name: String) -> ScreeningValue? { columns[name] }
    public func value(of field: RegisterField) -> ScreeningValue? { register[field] }
}
