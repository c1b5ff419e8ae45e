import DixianCore
import DixianScreening
import Foundation

/// One cell of a generated demo table (演示数据), typed so that the CSV text and the rule language's value
/// come from the same number: money is held in fen (分) and written with two decimals.
public enum DemoValue: Sendable, Hashable {
    case text(String)
    case integer(Int)
    /// Yuan, as a whole number of fen: `780000` is 7800.00.
    case money(fen: Int)
    case boolean(Bool)
    case date(CalendarDate)

    /// As the CSV cell reads (the import accepts it): 是/否, `2026-07-01`, `7800.00`.
    public var csvText: String {
        switch self {
        case .text(let text): text
        case .integer(let value): String(value)
        case .money(let fen): Self.yuan(fen)
        case .boolean(let value): value ? "是" : "否"
        case .date(let date): date.description
        }
    }

    /// The value a rule sees for it; money is an exact decimal, as PostgreSQL's `numeric` holds it.
    public var screeningValue: ScreeningValue {
        switch self {
        case .text(let text): .string(text)
        case .integer(let value): .int(Int64(value))
        case .money(let fen): .double(Decimal(fen) / 100)
        case .boolean(let value): .bool(value)
        case .date(let date): .date(date)
        }
    }

    /// `7800.00`, `-12.05`.
    static func yuan(_ fen: Int) -> String {
        let sign = fen < 0 ? "-" : ""
        let cents = abs(fen) % 100
        return "\(sign)\(abs(fen) / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}
