/// An RFC 5545 recurrence rule (RRULE) of the subset dixian evaluates; expansion is in
/// `RecurrenceRule+Expansion.swift`.
///
/// `FREQ` is one of DAILY, WEEKLY, MONTHLY, YEARLY; the optional parts are `INTERVAL`, `BYMONTH`,
/// `BYMONTHDAY` (negative counts from the month's end), `BYDAY` (with ordinals such as `1MO` or `-1FR`
/// only for MONTHLY and YEARLY), `BYSETPOS` (only with another `BY…` part) and `WKST`. Plugins
/// (plugins/README.md §7, ``Profile/plugin``) may use nothing else: a duty's `window` gives start and
/// end, its `due_time` the hour. The ``Profile/full`` profile (`dixian recur`) also takes `COUNT` or
/// `UNTIL`. `DTSTART` goes on its own line (``RecurrenceSpecification``); `BYHOUR`, `BYMINUTE`,
/// `BYSECOND`, `BYWEEKNO` and `BYYEARDAY` are never accepted.
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
    /// `COUNT`: how many occurrences the rule yields at most; nil when absent (full profile only).
    public var count: Int?
    /// `UNTIL`, inclusive, on the same wall clock as DTSTART; nil when absent (full profile only).
    ///
    /// A date-only `UNTIL=20261231` means `2026-12-31T00:00:00`, as python-dateutil reads it, so an
    /// occurrence at 09:00 that day is past it. When ``untilIsUTC`` is set the value is a UTC wall
    /// clock that the caller, who knows the zone, must convert before expanding.
    public var until: LocalDateTime?
    /// Whether `UNTIL` was written in UTC (`…T235959Z`). Expansion compares ``until`` as local time
    /// regardless, which keeps the core free of time zones.
    public var untilIsUTC: Bool

    /// Creates a rule. Use ``init(parsing:)`` for text; this initializer does not validate.
    public init(
        frequency: Frequency,
        interval: Int = 1,
        byMonth: [Int] = [],
        byMonthDay: [Int] = [],
        byDay: [WeekdayNumber] = [],
        bySetPosition: [Int] = [],
        weekStart: Weekday? = nil,
        count: Int? = nil,
        until: LocalDateTime? = nil,
        untilIsUTC: Bool = false
    ) {
        self.frequency = frequency
        self.interval = interval
        self.byMonth = byMonth
        self.byMonthDay = byMonthDay
        self.byDay = byDay
        self.bySetPosition = bySetPosition
        self.weekStart = weekStart
        self.count = count
        self.until = until
        self.untilIsUTC = untilIsUTC
    }

    /// Whether any `BY…` part other than `BYSETPOS` is present (what `BYSETPOS` selects from).
    public var hasSelector: Bool {
        !byMonth.isEmpty || !byMonthDay.isEmpty || !byDay.isEmpty
    }

    /// The rule in canonical order: `FREQ;INTERVAL;COUNT;UNTIL;BYMONTH;BYMONTHDAY;BYDAY;BYSETPOS;WKST`,
    /// absent parts and `INTERVAL=1` left out, `UNTIL` always as `YYYYMMDDTHHMMSS[Z]`. Parsing the
    /// result (with the ``Profile/full`` profile when `COUNT` or `UNTIL` is present) gives back an
    /// equal rule.
    public var description: String {
        var parts = ["FREQ=\(frequency.rawValue)"]
        if interval != 1 { parts.append("INTERVAL=\(interval)") }
        if let count { parts.append("COUNT=\(count)") }
        if let until { parts.append("UNTIL=\(until.basicFormat)" + (untilIsUTC ? "Z" : "")) }
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
