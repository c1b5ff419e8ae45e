import DixianCore
import Testing

/// Rules that can never produce an occurrence are named, with the reason (issue 18).
@Suite struct RecurrenceFeasibilityTests {
    static let start = LocalDateTime(date: CalendarDate(year: 2026, month: 1, day: 1)!)!

    @Test(arguments: [
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "BYMONTH=2 and BYMONTHDAY=30 never meet: those months have at most 29 days"),
        ("FREQ=YEARLY;BYMONTH=4,6,9,11;BYMONTHDAY=31", "BYMONTH=4,6,9,11 and BYMONTHDAY=31 never meet"),
        ("FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=-30,-31", "BYMONTH=2 and BYMONTHDAY=-30,-31 never meet"),
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31", "never meet"),
    ])
    func impossibleMonthDays(rule: String, reason: String) throws {
        let parsed = try RecurrenceRule(parsing: rule)
        let found = parsed.impossibility(from: Self.start)
        #expect(found?.contains(reason) == true, "\(found ?? "nil")")
        #expect(found?.hasPrefix("BYMONTH=") == true)  // Chinese text follows the parts it names
        #expect(Array(parsed.occurrences(from: Self.start).prefix(1)).isEmpty)
    }

    @Test func intervalThatSkipsEveryLeapYearIsFoundByTheBoundedSearch() throws {
        let rule = try RecurrenceRule(parsing: "FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29")
        #expect(
            rule.impossibility(from: Self.start)
                == "规则从 2026-01-01 起在 400 年内没有任何发生时间 (the rule never occurs within 400 years of 2026-01-01)")
        let leapStart = LocalDateTime(date: CalendarDate(year: 2028, month: 1, day: 1)!)!
        #expect(rule.impossibility(from: leapStart) == nil)
    }

    @Test(arguments: [
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=MONTHLY;BYMONTHDAY=31", "FREQ=YEARLY;BYMONTH=2,3;BYMONTHDAY=30",
        "FREQ=MONTHLY;BYDAY=5FR", "FREQ=WEEKLY", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
    ])
    func possibleRulesHaveNoReason(rule: String) throws {
        #expect(try RecurrenceRule(parsing: rule).impossibility(from: Self.start) == nil)
    }

    @Test func countAndUntilDoNotMakeARuleImpossible() throws {
        let rule = try RecurrenceRule(parsing: "FREQ=YEARLY;COUNT=1;BYMONTH=2;BYMONTHDAY=29", profile: .full)
        #expect(rule.impossibility(from: Self.start) == nil)
    }
}
