/// The types of the rule language: CEL's `bool`, `int`, `double`, `string`, plus `date` (an extension) and
/// lists for `in`. `int` and `double` never mix, as in CEL: write `5000.0` to compare with a money column.
public indirect enum ScreeningType: Sendable, Hashable, CustomStringConvertible {
    case bool, int, double, string, date
    case list(ScreeningType)

    public var description: String {
        switch self {
        case .bool: "bool"
        case .int: "int"
        case .double: "double"
        case .string: "string"
        case .date: "date"
        case .list(let element): "list(\(element))"
        }
    }

    /// The Chinese name used in error messages.
    var chineseName: String {
        switch self {
        case .bool: "布尔值"
        case .int: "整数"
        case .double: "小数"
        case .string: "文本"
        case .date: "日期"
        case .list(let element): "\(element.chineseName)列表"
        }
    }

    var isNumeric: Bool { self == .int || self == .double }
}
