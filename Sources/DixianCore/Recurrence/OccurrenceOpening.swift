/// When an occurrence opens (开放): from then on it accepts confirmation and reminders are sent.
///
/// Written `period_start` (the default) or a negative offset without a time, e.g. `-10d`, `-5wd`
/// (00:00 that many days before the effective due date).
public enum OccurrenceOpening: Sendable, Hashable, CustomStringConvertible {
    /// 00:00 of the first day of the occurrence's period.
    case periodStart
    /// 00:00, `amount` (≥ 1) days or workdays before the effective due date.
    case before(amount: Int, unit: ScheduleOffset.Unit)

    /// The spelling of ``periodStart``.
    public static let periodStartKeyword = "period_start"

    /// Parses `period_start` or `-N(d|wd)` with N = 1…999.
    public init(parsing text: some StringProtocol) throws(RecurrenceSyntaxError) {
        if text == Self.periodStartKeyword {
            self = .periodStart
            return
        }
        var scanner = RecurrenceScanner(text)
        guard scanner.take("-") else {
            throw RecurrenceSyntaxError(
                .malformed, at: 0, "无效的开放时间 '\(text)' (invalid opening)", hint: Self.syntaxHint)
        }
        let amount = try scanner.number(upTo: 999, allowingZero: false, what: "开放提前天数 (opening amount)")
        guard let unit = scanner.takeUnit(), scanner.isAtEnd else {
            throw scanner.failure("无效的开放时间 '\(text)' (invalid opening)", hint: Self.syntaxHint)
        }
        self = .before(amount: amount, unit: unit)
    }

    /// A hint that shows the syntax.
    public static let syntaxHint = "period_start 或负偏移 / or a negative offset: \"-10d\", \"-5wd\""

    /// As written in plugins.
    public var description: String {
        switch self {
        case .periodStart: Self.periodStartKeyword
        case .before(let amount, let unit): "-\(amount)\(unit.rawValue)"
        }
    }
}
