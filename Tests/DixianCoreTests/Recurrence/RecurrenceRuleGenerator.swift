import DixianCore

/// Random full-profile rules and starts for the property and oracle tests, built only from
/// `SeededRandom.below` and `pick` so that a seed gives the same rules on every Swift release.
///
/// What it leaves out, on purpose (see `RecurrenceOracleTests`):
/// - BYDAY lists that mix plain and ordinal weekdays (`MO,1FR`): dateutil 2.9 intersects the two
///   kinds and so never matches, where RFC 5545 (and dixian) take the union;
/// - ordinals beyond ±7 counted within a month (MONTHLY, or YEARLY with BYMONTH): no month has an
///   8th Monday, and dateutil raises IndexError on them.
enum RecurrenceRuleGenerator {
    static func randomRule(using random: inout SeededRandom) -> (RecurrenceRule, LocalDateTime) {
        let frequency = random.pick(RecurrenceRule.Frequency.allCases)
        let start = randomStart(using: &random)
        var rule = RecurrenceRule(frequency: frequency)
        rule.interval = random.below(2) == 0 ? 1 : 1 + random.below(4)

        func some<T>(_ most: Int, _ make: (inout SeededRandom) -> T) -> [T] {
            (0...random.below(most)).map { _ in make(&random) }
        }
        func signed(_ magnitude: Int, _ random: inout SeededRandom) -> Int {
            (1 + random.below(magnitude)) * (random.below(2) == 0 ? 1 : -1)
        }
        if random.below(10) < 3 { rule.byMonth = some(3) { 1 + $0.below(12) } }
        if random.below(10) < 3 {
            rule.byMonthDay = some(3) { random in
                // Month ends are where the bugs live.
                random.below(3) == 0 ? random.pick([31, 30, 29, 28, -1, -2, -29, -30, -31]) : signed(31, &random)
            }
        }
        if random.below(10) < 4 {
            let withinMonth = frequency == .monthly || !rule.byMonth.isEmpty
            let ordinals = (frequency == .monthly || frequency == .yearly) && random.below(2) == 0
            rule.byDay = some(3) { random in
                let weekday = random.pick(Weekday.allCases)
                guard ordinals else { return RecurrenceRule.WeekdayNumber(weekday: weekday) }
                let ordinal = withinMonth ? signed(random.below(8) == 0 ? 7 : 5, &random) : signed(53, &random)
                return RecurrenceRule.WeekdayNumber(ordinal: ordinal, weekday: weekday)
            }
        }
        if rule.hasSelector, random.below(4) == 0 {
            // A DAILY period has one day and a WEEKLY one at most seven, so larger positions select
            // nothing: a few such rules test that, more would only be rules without occurrences.
            rule.bySetPosition = some(2) { random in
                switch (frequency, random.below(8)) {
                case (.daily, 1...): random.pick([1, -1])
                case (.weekly, 1...): random.pick([1, 2, -1, -2])
                case (_, 0): signed(random.below(4) == 0 ? 366 : 10, &random)
                default: random.pick([1, 2, 3, -1, -2])
                }
            }
        }
        if random.below(10) < 3 { rule.weekStart = random.pick(Weekday.allCases) }
        switch random.below(20) {
        case 0...2:
            rule.count = 1 + random.below(60)
        case 3...5:
            // Half of them at DTSTART's time of day, so that UNTIL often falls exactly on an occurrence.
            let date = start.date.adding(days: random.below(3_000))
            rule.until =
                random.below(2) == 0
                ? LocalDateTime(date: date, hour: start.hour, minute: start.minute, second: start.second)
                : LocalDateTime(date: date, hour: random.below(24), minute: random.below(60), second: 0)
            rule.untilIsUTC = random.below(8) == 0
        default:
            break
        }
        return (rule, start)
    }

    /// Starts between 1995 and 2044, often at a month's end, on 29 February or on the 31st.
    static func randomStart(using random: inout SeededRandom) -> LocalDateTime {
        let year = 1995 + random.below(50)
        let month = 1 + random.below(12)
        let length = CalendarDate.daysIn(month: month, year: year)
        let day: Int
        switch random.below(10) {
        case 0: day = length
        case 1: day = min(31, length)
        default: day = 1 + random.below(length)
        }
        var date = CalendarDate(year: year, month: month, day: day)!
        if random.below(20) == 0 {
            let leap = year - year % 4  // 2000 is a leap year, and 1996…2044 has no century
            date = CalendarDate(year: leap, month: 2, day: 29)!
        }
        let second = random.below(5) == 0 ? random.below(60) : 0
        return LocalDateTime(
            date: date, hour: random.below(24), minute: random.pick([0, 30, random.below(60)]), second: second)!
    }
}
