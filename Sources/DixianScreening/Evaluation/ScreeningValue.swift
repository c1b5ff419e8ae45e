import DixianCore
import Foundation

/// A value a rule works with: a cell of a dataset, a register field, a parameter or a literal. A missing
/// cell is not a value: the evaluator carries it as `nil`, which is SQL's NULL and CEL's error.
public enum ScreeningValue: Sendable, Hashable, CustomStringConvertible {
    case bool(Bool)
    /// CEL `int`: 64-bit.
    case int(Int64)
    /// CEL `double`, kept as an exact decimal (money, percentages) as PostgreSQL's `numeric` keeps it.
    case double(Decimal)
    case string(String)
    /// The `date` extension type.
    case date(CalendarDate)
    /// A list parameter, only on the right of `in`.
    case list([ScreeningValue])

    /// The value's type.
    public var type: ScreeningType {
        switch self {
        case .bool: .bool
        case .int: .int
        case .double: .double
        case .string: .string
        case .date: .date
        case .list(let items): .list(items.first?.type ?? .string)
        }
    }

    /// Parses a decimal literal exactly (`0.1`, `7.8e3`).
    static func decimal(parsing text: String) -> ScreeningValue? {
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), value.isFinite else {
            return nil
        }
        return .double(value)
    }

    /// The literal with its sign flipped, for `-2` written in a rule.
    var negatedLiteral: ScreeningValue? {
        switch self {
        case .int(let value) where value != .min: .int(-value)
        case .double(let value): .double(-value)
        default: nil
        }
    }

    public var description: String {
        switch self {
        case .bool(let value): value ? "true" : "false"
        case .int(let value): String(value)
        case .double(let value): "\(value)"
        case .string(let value): value
        case .date(let value): value.description
        case .list(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        }
    }
}
