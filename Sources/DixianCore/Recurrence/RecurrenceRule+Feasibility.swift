extension RecurrenceRule {
    /// The most days each month can have (February in a leap year).
    static let longestMonths = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

    /// Why the rule can never produce an occurrence, Chinese first with English in parentheses; nil when it
    /// produces at least one.
    ///
    /// First the combinations that never meet whatever the year (`BYMONTH=2;BYMONTHDAY=30`, `BYMONTH=4;
    /// BYMONTHDAY=31`), then a bounded search: the expansion from `start` ends after one 400-year calendar
    /// cycle of empty periods (``occurrences(from:)``), so a rule such as `FREQ=YEARLY;INTERVAL=4;BYMONTH=2;
    /// BYMONTHDAY=29` from a year after a leap year is found too. `COUNT` and `UNTIL` are left out of the
    /// search: a rule they end early still has occurrences.
    public func impossibility(from start: LocalDateTime) -> String? {
        if let reason = impossibleMonthDays() { return reason }
        var unbounded = self
        unbounded.count = nil
        unbounded.until = nil
        if unbounded.occurrences(from: start).first(where: { _ in true }) == nil {
            return "规则从 \(start.date) 起在 400 年内没有任何发生时间 (the rule never occurs within 400 years of \(start.date))"
        }
        return nil
    }

    /// A reason when no month of `BYMONTH` (every month when absent) has any day of `BYMONTHDAY`.
    public func impossibleMonthDays() -> String? {
        guard !byMonthDay.isEmpty else { return nil }
        let months = byMonth.isEmpty ? Array(1...12) : byMonth
        let meets = months.contains { month in
            byMonthDay.contains { day in abs(day) <= Self.longestMonths[month - 1] }
        }
        guard !meets else { return nil }
        let monthList = months.map(String.init).joined(separator: ",")
        let dayList = byMonthDay.map(String.init).joined(separator: ",")
        let longest = months.map { Self.longestMonths[$0 - 1] }.max() ?? 31
        return "BYMONTH=\(monthList) 与 BYMONTHDAY=\(dayList) 永不同时成立：这些月份最多 \(longest) 天，规则从不发生"
            + " (BYMONTH=\(monthList) and BYMONTHDAY=\(dayList) never meet: those months have at most \(longest) days,"
            + " the rule never occurs)"
    }
}
