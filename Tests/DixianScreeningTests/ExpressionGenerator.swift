import DixianCore
import DixianScreening
import Foundation

/// Random well-typed expressions and rows for the differential tests. Values are kept where every engine is
/// exact: integers within ±20 and doubles that are multiples of 0.25 (binary floats hold them exactly, so
/// cel-python's doubles agree with PostgreSQL's numeric), nesting shallow enough that nothing overflows.
struct ExpressionGenerator {
    var random: SeededRandom
    /// Whether to use dates, which cel-python does not have (the SQL-vs-memory check uses them).
    var includeDates: Bool

    static let schema = RuleSchema(
        columns: [
            .init(name: "i1", type: .int), .init(name: "i2", type: .int),
            .init(name: "d1", type: .double), .init(name: "d2", type: .double),
            .init(name: "s1", type: .string), .init(name: "s2", type: .string),
            .init(name: "b1", type: .bool), .init(name: "b2", type: .bool),
            .init(name: "t1", type: .date), .init(name: "t2", type: .date),
        ],
        parameters: ["p_int": .int, "p_dbl": .double, "p_str": .string, "p_list": .list(.string), "p_date": .date])

    static let parameters: [String: ScreeningValue] = [
        "p_int": .int(3), "p_dbl": .double(Decimal(string: "2.5")!), "p_str": .string("岚"),
        "p_list": .list([.string("a"), .string("岚川")]), "p_date": .date(CalendarDate(year: 2024, month: 2, day: 29)!),
    ]

    static let strings = ["", "a", "ab", "b", "A", "岚", "岚川", "川", "a'b"]

    mutating func expression(_ type: ScreeningType, depth: Int) -> String {
        let leaf = depth <= 0 || random.below(3) == 0
        switch type {
        case .bool: return leaf ? boolLeaf() : boolNode(depth - 1)
        case .int: return leaf ? intLeaf() : intNode(depth - 1)
        case .double: return leaf ? doubleLeaf() : doubleNode(depth - 1)
        case .string: return leaf ? stringLeaf() : stringNode(depth - 1)
        case .date: return dateLeaf()
        case .list: return "[]"
        }
    }

    private mutating func boolLeaf() -> String {
        random.pick(["b1", "b2", "true", "false", "!b1"])
    }

    private mutating func boolNode(_ depth: Int) -> String {
        var choices = 9
        if includeDates { choices += 2 }
        switch random.below(choices) {
        case 0: return "(\(expression(.bool, depth: depth)) && \(expression(.bool, depth: depth)))"
        case 1: return "(\(expression(.bool, depth: depth)) || \(expression(.bool, depth: depth)))"
        case 2: return "!(\(expression(.bool, depth: depth)))"
        case 3: return compare(.int, depth)
        case 4: return compare(.double, depth)
        case 5: return compare(.string, depth)
        case 6:
            let items = (0..<random.below(3)).map { _ in "'\(random.pick(Self.strings).replacingOccurrences(of: "'", with: "\\'"))'" }
            return random.below(3) == 0
                ? "(\(expression(.string, depth: depth)) in params.p_list)"
                : "(\(expression(.string, depth: depth)) in [\(items.joined(separator: ", "))])"
        case 7:
            let method = random.pick(["startsWith", "contains"])
            return "\(expression(.string, depth: depth)).\(method)(\(expression(.string, depth: depth)))"
        case 8:
            return "(\(expression(.bool, depth: depth)) ? \(expression(.bool, depth: depth)) : \(expression(.bool, depth: depth)))"
        default:
            return compare(.date, depth)
        }
    }

    private mutating func compare(_ type: ScreeningType, _ depth: Int) -> String {
        let op = random.pick(["==", "!=", "<", "<=", ">", ">="])
        return "(\(expression(type, depth: depth)) \(op) \(expression(type, depth: depth)))"
    }

    private mutating func intLeaf() -> String {
        switch random.below(5) {
        case 0: return String(random.below(41) - 20)
        case 1: return "params.p_int"
        default: return random.pick(["i1", "i2"])
        }
    }

    private mutating func intNode(_ depth: Int) -> String {
        switch random.below(includeDates ? 6 : 5) {
        case 0, 1: return "(\(expression(.int, depth: depth)) \(random.pick(["+", "-", "*", "/", "%"])) \(expression(.int, depth: depth)))"
        case 2: return "size(\(expression(.string, depth: depth)))"
        case 3: return "-(\(expression(.int, depth: depth)))"
        case 4: return "(\(expression(.bool, depth: depth)) ? \(expression(.int, depth: depth)) : \(expression(.int, depth: depth)))"
        default:
            return random.below(2) == 0
                ? "age(\(dateLeaf()))" : "months_between(\(dateLeaf()), \(dateLeaf()))"
        }
    }

    private mutating func doubleLeaf() -> String {
        switch random.below(5) {
        case 0: return Self.quarterText(random.below(161) - 80)
        case 1: return "params.p_dbl"
        default: return random.pick(["d1", "d2"])
        }
    }

    private mutating func doubleNode(_ depth: Int) -> String {
        switch random.below(3) {
        case 0, 1: return "(\(expression(.double, depth: depth)) \(random.pick(["+", "-", "*"])) \(expression(.double, depth: depth)))"
        default: return "(\(expression(.bool, depth: depth)) ? \(expression(.double, depth: depth)) : \(expression(.double, depth: depth)))"
        }
    }

    private mutating func stringLeaf() -> String {
        switch random.below(4) {
        case 0: return "'\(random.pick(Self.strings).replacingOccurrences(of: "'", with: "\\'"))'"
        case 1: return "params.p_str"
        default: return random.pick(["s1", "s2"])
        }
    }

    private mutating func stringNode(_ depth: Int) -> String {
        random.below(2) == 0
            ? "(\(expression(.string, depth: depth)) + \(expression(.string, depth: depth)))"
            : "(\(expression(.bool, depth: depth)) ? \(expression(.string, depth: depth)) : \(expression(.string, depth: depth)))"
    }

    private mutating func dateLeaf() -> String {
        switch random.below(5) {
        case 0: return "date('\(randomDate())')"
        case 1: return "today()"
        case 2: return "params.p_date"
        default: return random.pick(["t1", "t2"])
        }
    }

    /// Dates that stress month ends and 29 February.
    mutating func randomDate() -> CalendarDate {
        let year = random.pick([2020, 2023, 2024, 2025, 2026])
        let month = random.below(12) + 1
        let last = CalendarDate.daysIn(month: month, year: year)
        let day = random.pick([1, 15, 28, last, random.below(last) + 1])
        return CalendarDate(year: year, month: month, day: min(day, last))!
    }

    /// `n` quarters as a decimal literal, always with a point (`-2.25`, `3.0`): CEL's double syntax.
    static func quarterText(_ quarters: Int) -> String {
        let value = Decimal(quarters) / 4
        let text = "\(value)"
        return text.contains(".") ? text : text + ".0"
    }

    /// A row with about one value in five missing.
    mutating func row() -> DictionaryRow {
        var columns: [String: ScreeningValue] = [:]
        func maybe(_ name: String, _ value: ScreeningValue) {
            if random.below(5) != 0 { columns[name] = value }
        }
        maybe("i1", .int(Int64(random.below(41) - 20)))
        maybe("i2", .int(Int64(random.below(7) - 3)))
        maybe("d1", .double(Decimal(random.below(161) - 80) / 4))
        maybe("d2", .double(Decimal(random.below(21) - 10) / 4))
        maybe("s1", .string(random.pick(Self.strings)))
        maybe("s2", .string(random.pick(Self.strings)))
        maybe("b1", .bool(random.below(2) == 0))
        maybe("b2", .bool(random.below(2) == 0))
        if includeDates {
            maybe("t1", .date(randomDate()))
            maybe("t2", .date(randomDate()))
        }
        return DictionaryRow(columns: columns)
    }
}
