/// A point in time relative to an occurrence's effective due date (偏移), used by reminders and escalation:
/// `-3d@09:00`, `0d`, `+1wd@08:30`.
///
/// Grammar (plugins/README.md §8): `[+|-] N (d|wd) [@HH:MM]`, `N` = 0…999 without leading zeros. A missing
/// time means 09:00. `d` counts calendar days; `wd` the N-th workday before or after the due date.
public struct ScheduleOffset: Sendable, Hashable, CustomStringConvertible {
    /// What `N` counts.
    public enum Unit: String, Sendable, Hashable, CaseIterable {
        /// Calendar days (自然日).
        case days = "d"
        /// Workdays (工作日), per the holiday calendar.
        case workdays = "wd"
    }

    /// The time used when an offset names none.
    public static let defaultTime = TimeOfDay(hour: 9, minute: 0)!

    /// Signed number of units: negative before the due date.
    public var amount: Int
    /// Calendar days or workdays.
    public var unit: Unit
    /// The local time of day as written, nil when the text had no `@HH:MM`.
    public var explicitTime: TimeOfDay?

    /// Creates an offset.
    public init(amount: Int, unit: Unit, time: TimeOfDay? = nil) {
        self.amount = amount
        self.unit = unit
        self.explicitTime = time
    }

    /// The time of day, 09:00 unless the text named one.
    public var time: TimeOfDay {
        explicitTime ?? Self.defaultTime
    }

    /// Parses an offset.
    public init(parsing text: some StringProtocol) throws(RecurrenceSyntaxError) {
        var scanner = RecurrenceScanner(text)
        guard !scanner.isAtEnd else {
            throw RecurrenceSyntaxError(.empty, at: 0, "偏移为空 (empty offset)", hint: Self.syntaxHint)
        }
        let negative = scanner.take("-")
        if !negative { _ = scanner.take("+") }
        let amount = try scanner.number(upTo: 999, allowingZero: true, what: "偏移天数 (offset amount)")
        guard let unit = scanner.takeUnit() else {
            throw scanner.failure("应为单位 d 或 wd (expected unit d or wd)", hint: Self.syntaxHint)
        }
        var time: TimeOfDay?
        if scanner.take("@") {
            let start = scanner.offset
            let clock = scanner.rest()
            guard let parsed = TimeOfDay(parsing: clock) else {
                throw RecurrenceSyntaxError(
                    .malformed, at: start, "无效的时刻 '\(clock)' (invalid time of day)", hint: "HH:MM, 00:00–23:59")
            }
            time = parsed
        }
        guard scanner.isAtEnd else {
            throw scanner.failure("偏移后有多余的内容 (unexpected text after the offset)", hint: Self.syntaxHint)
        }
        self.init(amount: negative ? -amount : amount, unit: unit, time: time)
    }

    /// A hint that shows the syntax.
    public static let syntaxHint = "格式 / format: -3d@09:00, 0d, +1wd@08:30"

    /// The offset as plugins write it, e.g. `-3d@09:00`, `+1wd`.
    public var description: String {
        let sign = amount < 0 ? "-" : (amount > 0 ? "+" : "")
        let clock = explicitTime.map { "@\($0)" } ?? ""
        return "\(sign)\(abs(amount))\(unit.rawValue)\(clock)"
    }
}
