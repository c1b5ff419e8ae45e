/// An RFC 5545 recurrence rule of the subset plugins may use (plugins/README.md §7), parsed but not evaluated.
///
/// `FREQ` is one of DAILY, WEEKLY, MONTHLY, YEARLY; the optional parts are `INTERVAL`, `BYMONTH`,
/// `BYMONTHDAY` (negative counts from the month's end), `BYDAY` (with ordinals such as `1MO` or `-1FR`
/// only for MONTHLY and YEARLY), `BYSETPOS` (only with another `BY…` part) and `WKST`. `COUNT`, `UNTIL`,
/// `DTSTART`, `BYHOUR`, `BYMINUTE`, `BYSECOND`, `BYWEEKNO` and `BYYEARDAY` are not allowed: a duty's
/// `window` gives start and end, its `due_time` the hour.
///
/// ```swift
/// let rule = try RecurrenceRule(parsing: "FREQ=MONTHLY;BYDAY=-1FR")
/// rule.byDay   // [WeekdayNumber(ordinal: -1, weekday: .friday)]
/// ```
public struct RecurrenceRule: Sendable, Hashable, CustomStringConvertible {
    /// `FREQ`.
    public enum Frequency: String, Sendable, Hashable, CaseIterable {
        case daily = "DAILY"
        case weekly = "WEEKLY"
        case monthly = "MONTHLY"
        case yearly = "YEARLY"
    }

    /// One `BYDAY` item: a weekday, optionally the n-th (`1MO`) or n-th from the end (`-1FR`) in the period.
    public struct WeekdayNumber: Sendable, Hashable, CustomStringConvertible {
        /// ±1…53, nil for every such weekday of the period.
        public var ordinal: Int?
        /// The weekday.
        public var weekday: Weekday

        /// Creates an item.
        public init(ordinal: Int? = nil, weekday: Weekday) {
            self.ordinal = ordinal
            self.weekday = weekday
        }

        /// `-1FR`, `MO`.
        public var description: String {
            (ordinal.map(String.init) ?? "") + weekday.rawValue
        }
    }

    /// `FREQ`.
    public var frequency: Frequency
    /// `INTERVAL`, 1…999; 1 when absent.
    public var interval: Int
    /// `BYMONTH`, months 1…12; empty when absent.
    public var byMonth: [Int]
    /// `BYMONTHDAY`, ±1…31; empty when absent.
    public var byMonthDay: [Int]
    /// `BYDAY`; empty when absent.
    public var byDay: [WeekdayNumber]
    /// `BYSETPOS`, ±1…366; empty when absent.
    public var bySetPosition: [Int]
    /// `WKST`; nil when absent (RFC 5545 default Monday).
    public var weekStart: Weekday?

    /// Creates a rule. Use ``init(parsing:)`` for text; this initializer does not validate.
    public init(
        frequency: Frequency,
        interval: Int = 1,
        byMonth: [Int] = [],
        byMonthDay: [Int] = [],
        byDay: [WeekdayNumber] = [],
        bySetPosition: [Int] = [],
        weekStart: Weekday? = nil
    ) {
        self.frequency = frequency
        self.interval = interval
        self.byMonth = byMonth
        self.byMonthDay = byMonthDay
        self.byDay = byDay
        self.bySetPosition = bySetPosition
        self.weekStart = weekStart
    }

    /// Whether any `BY…` part other than `BYSETPOS` is present (what `BYSETPOS` selects from).
    public var hasSelector: Bool {
        !byMonth.isEmpty || !byMonthDay.isEmpty || !byDay.isEmpty
    }

    /// The rule in canonical order: `FREQ;INTERVAL;BYMONTH;BYMONTHDAY;BYDAY;BYSETPOS;WKST`, absent parts
    /// and `INTERVAL=1` left out. Parsing the result gives back an equal rule.
    public var description: String {
        var parts = ["FREQ=\(frequency.rawValue)"]
        if interval != 1 { parts.append("INTERVAL=\(interval)") }
        func list(_ name: String, _ values: [some CustomStringConvertible]) {
            if !values.isEmpty { parts.append("\(name)=" + values.map(\.description).joined(separator: ",")) }
        }
        list("BYMONTH", byMonth)
        list("BYMONTHDAY", byMonthDay)
        list("BYDAY", byDay)
        list("BYSETPOS", bySetPosition)
        if let weekStart { parts.append("WKST=\(weekStart.rawValue)") }
        return parts.joined(separator: ";")
    }
}
