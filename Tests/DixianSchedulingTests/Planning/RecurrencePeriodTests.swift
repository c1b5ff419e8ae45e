import DixianCore
import DixianScheduling
import Foundation
import Testing

@Suite("Recurrence forms: nominal dates, period keys and labels (§7)")
struct RecurrencePeriodTests {
    static let day = Fixtures.day
    static let enabled = Fixtures.at("2026-07-01", 0)

    static func periods(_ recurrence: Recurrence, _ from: String = "2026-07-01", _ through: String = "2026-12-31") -> [NominalPeriod] {
        recurrence.periods(from: day(from), through: day(through), enabledAt: enabled, ruleStart: day("2026-01-01"))
    }

    @Test("weekly: ISO weeks, Monday start")
    func weekly() {
        let periods = Self.periods(.weekly(.friday), "2026-07-27", "2026-08-09")
        #expect(periods.map(\.nominalDueDate) == [Self.day("2026-07-31"), Self.day("2026-08-07")])
        #expect(periods.map(\.key) == ["2026-W31", "2026-W32"])
        #expect(periods.map(\.label) == ["2026年第31周", "2026年第32周"])
        #expect(periods.first?.start == .date(Self.day("2026-07-27")))
        // 2027-01-01 is a Friday of ISO week 2026-W53.
        #expect(Self.periods(.weekly(.friday), "2026-12-28", "2027-01-03").map(\.label) == ["2026年第53周"])
    }

    @Test("monthly: day 3, day -1 and day 31 in short months")
    func monthly() {
        let third = Self.periods(.monthly(DayOfMonth(3)!), "2026-07-01", "2026-09-30")
        #expect(third.map(\.nominalDueDate) == ["2026-07-03", "2026-08-03", "2026-09-03"].map(Self.day))
        #expect(third.map(\.key) == ["2026-07", "2026-08", "2026-09"])
        #expect(third.map(\.label) == ["2026年7月", "2026年8月", "2026年9月"])
        #expect(third[1].start == .date(Self.day("2026-08-01")))
        #expect(Self.periods(.monthly(DayOfMonth(-1)!), "2026-02-01", "2026-04-30").map(\.nominalDueDate)
            == ["2026-02-28", "2026-03-31", "2026-04-30"].map(Self.day))
        #expect(Self.periods(.monthly(DayOfMonth(31)!), "2026-04-01", "2026-04-30").map(\.nominalDueDate) == [Self.day("2026-04-30")])
        #expect(Self.periods(.monthly(DayOfMonth(-2)!), "2026-02-01", "2026-02-28").map(\.nominalDueDate) == [Self.day("2026-02-27")])
    }

    @Test("quarterly, yearly, twice a year")
    func longer() {
        let quarterly = Self.periods(.quarterly(monthOfQuarter: 3, day: DayOfMonth(-1)!), "2026-01-01", "2026-12-31")
        #expect(quarterly.map(\.nominalDueDate) == ["2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31"].map(Self.day))
        #expect(quarterly.map(\.key) == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"])
        #expect(quarterly.map(\.label) == ["2026年第一季度", "2026年第二季度", "2026年第三季度", "2026年第四季度"])
        #expect(quarterly[2].start == .date(Self.day("2026-07-01")))
        let firstMonth = Self.periods(.quarterly(monthOfQuarter: 1, day: DayOfMonth(15)!), "2026-07-01", "2026-12-31")
        #expect(firstMonth.map(\.nominalDueDate) == ["2026-07-15", "2026-10-15"].map(Self.day))

        let yearly = Self.periods(.yearly(MonthDay(month: 10, day: DayOfMonth(31)!)!), "2026-07-01", "2027-12-31")
        #expect(yearly.map(\.key) == ["2026", "2027"])
        #expect(yearly.map(\.label) == ["2026年度", "2027年度"])
        #expect(yearly[0].start == .date(Self.day("2026-01-01")))

        let twice = Self.periods(
            .twiceAYear(first: MonthDay(month: 6, day: DayOfMonth(30)!)!, second: MonthDay(month: 12, day: DayOfMonth(31)!)!),
            "2026-01-01", "2026-12-31")
        #expect(twice.map(\.key) == ["2026-H1", "2026-H2"])
        #expect(twice.map(\.label) == ["2026年上半年", "2026年下半年"])
        #expect(twice[1].start == .date(Self.day("2026-07-01")))
    }

    @Test("once: the date, its own key, the period starts when enabled; nothing outside the range")
    func once() {
        let periods = Self.periods(.once(Self.day("2026-08-15")))
        #expect(periods.count == 1)
        #expect(periods[0].key == "2026-08-15")
        #expect(periods[0].label == "2026年8月15日")
        #expect(periods[0].start == .instant(Self.enabled))
        #expect(Self.periods(.once(Self.day("2026-06-30"))).isEmpty)
    }

    @Test("after_event has no calendar periods")
    func afterEvent() {
        #expect(Self.periods(.afterEvent(EventTrigger(event: .householdIncluded, delay: .days(10)))).isEmpty)
    }

    @Test("rrule: FREQ period, 第N期 when a period holds several, starting the day after the previous one")
    func rrule() throws {
        let rule = try RecurrenceRule(parsing: "FREQ=MONTHLY;BYMONTHDAY=15,-1")
        let periods = Self.periods(.rule(rule), "2026-07-01", "2026-08-31")
        #expect(periods.map(\.nominalDueDate) == ["2026-07-15", "2026-07-31", "2026-08-15", "2026-08-31"].map(Self.day))
        #expect(periods.map(\.key) == ["2026-07-15", "2026-07-31", "2026-08-15", "2026-08-31"])
        #expect(periods.map(\.label) == ["2026年7月第1期", "2026年7月第2期", "2026年8月第1期", "2026年8月第2期"])
        #expect(periods.map(\.start) == ["2026-07-01", "2026-07-16", "2026-08-01", "2026-08-16"].map { NominalPeriod.Start.date(Self.day($0)) })
        let single = Self.periods(.rule(try RecurrenceRule(parsing: "FREQ=MONTHLY;BYDAY=-1FR")), "2026-07-01", "2026-07-31")
        #expect(single.map(\.label) == ["2026年7月"])
    }

    @Test("a daily rule gives one period a day")
    func rruleDaily() throws {
        let rule = try RecurrenceRule(parsing: "FREQ=DAILY")
        let periods = Self.periods(.rule(rule), "2026-07-01", "2026-07-03")
        #expect(periods.map(\.nominalDueDate) == ["2026-07-01", "2026-07-02", "2026-07-03"].map(Self.day))
    }
}
