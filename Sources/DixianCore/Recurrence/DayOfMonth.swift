/// A day of the month (月内日期) as duties name it: `1…31` counted from the start, `-1…-31` from the end
/// (`-1` is the last day). A positive day beyond a month's length means that month's last day.
public struct DayOfMonth: Sendable, Hashable, CustomStringConvertible {
    /// 1…31 or -31…-1; never 0.
    public let value: Int

    /// Creates a day, or nil for 0 or beyond ±31.
    public init?(_ value: Int) {
        guard value != 0, (-31...31).contains(value) else { return nil }
        self.value = value
    }

    /// Whether the day exists in every month of `month`'s kind in every year: `31` does not exist in
    /// April, `29` and `-29` not in every February.
    public func existsEveryYear(inMonth month: Int) -> Bool {
        abs(value) <= MonthDay.shortestLength(ofMonth: month)
    }

    /// The number as written.
    public var description: String {
        String(value)
    }
}

/// A date in every year (某月某日), e.g. `{month: 10, day: 31}`, for `yearly` and `twice_a_year` duties.
public struct MonthDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// 1–12.
    public let month: Int
    /// The day within the month.
    public let day: DayOfMonth

    /// Creates a month-day, or nil when the month is not 1–12.
    public init?(month: Int, day: DayOfMonth) {
        guard (1...12).contains(month) else { return nil }
        self.month = month
        self.day = day
    }

    /// Whether the date exists every year (`{month: 2, day: 29}` does not; write `day: -1` for month end).
    public var existsEveryYear: Bool {
        day.existsEveryYear(inMonth: month)
    }

    /// The fewest days `month` ever has (February: 28).
    public static func shortestLength(ofMonth month: Int) -> Int {
        month == 2 ? 28 : CalendarDate.daysIn(month: month, year: 2001)
    }

    /// `10月31日`, or `2月倒数第1日` for a day counted from the end.
    public var description: String {
        day.value > 0 ? "\(month)月\(day.value)日" : "\(month)月倒数第\(-day.value)日"
    }

    /// Orders by month, then by day as written (within one half year this is calendar order for
    /// positive days; negative days sort before positive ones).
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.month, lhs.day.value) < (rhs.month, rhs.day.value)
    }
}
