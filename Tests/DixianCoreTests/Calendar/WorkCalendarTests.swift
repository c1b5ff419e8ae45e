import DixianCore
import Testing

@Suite("The working calendar (工作日历)")
struct WorkCalendarTests {
    static func day(_ text: String) -> CalendarDate {
        CalendarDate(parsing: text)!
    }

    /// The 2026 arrangement of DOMAIN.md, as config/holidays/cn-2026.yaml also states it.
    static let calendar = WorkCalendar(years: [
        HolidayYear(
            year: 2026,
            holidays: [
                PublicHoliday(name: "元旦", from: day("2026-01-01"), through: day("2026-01-03"), extraWorkdays: [day("2026-01-04")]),
                PublicHoliday(
                    name: "春节", from: day("2026-02-15"), through: day("2026-02-23"),
                    extraWorkdays: [day("2026-02-14"), day("2026-02-28")]),
                PublicHoliday(name: "清明节", from: day("2026-04-04"), through: day("2026-04-06")),
                PublicHoliday(name: "劳动节", from: day("2026-05-01"), through: day("2026-05-05"), extraWorkdays: [day("2026-05-09")]),
                PublicHoliday(name: "端午节", from: day("2026-06-19"), through: day("2026-06-21")),
                PublicHoliday(name: "中秋节", from: day("2026-09-25"), through: day("2026-09-27")),
                PublicHoliday(
                    name: "国庆节", from: day("2026-10-01"), through: day("2026-10-07"),
                    extraWorkdays: [day("2026-09-20"), day("2026-10-10")]),
            ],
            source: "国务院办公厅关于2026年部分节假日安排的通知")
    ])

    @Test("holidays are rest days, adjusted weekend days are workdays", arguments: [
        ("2026-10-01", false), ("2026-10-07", false), ("2026-10-08", true), ("2026-10-10", true),
        ("2026-09-20", true), ("2026-09-19", false), ("2026-02-14", true), ("2026-02-16", false),
        ("2026-01-04", true), ("2026-05-09", true), ("2026-05-04", false), ("2026-07-03", true), ("2026-07-04", false),
    ])
    func workdays(date: String, isWorkday: Bool) {
        #expect(Self.calendar.isWorkday(Self.day(date)) == isWorkday)
    }

    @Test("names, coverage and the plain-weekend fallback")
    func coverage() {
        #expect(Self.calendar.holidayName(on: Self.day("2026-02-17")) == "春节")
        #expect(Self.calendar.holidayName(on: Self.day("2026-10-10")) == nil)
        #expect(Self.calendar.isAdjustedWorkday(Self.day("2026-10-10")))
        #expect(Self.calendar.isCovered(year: 2026) && !Self.calendar.isCovered(year: 2027))
        #expect(Self.calendar.covered == [2026])
        // 2027 is not published: only weekends rest, 1 January 2027 (a Friday) counts as a workday.
        #expect(Self.calendar.isWorkday(Self.day("2027-01-01")))
        #expect(!Self.calendar.isWorkday(Self.day("2027-01-02")))
        #expect(WorkCalendar.plainWeekends.isWorkday(Self.day("2026-10-01")))
    }

    @Test("previous and next workday")
    func neighbours() {
        #expect(Self.calendar.previousWorkday(onOrBefore: Self.day("2026-10-03")) == Self.day("2026-09-30"))
        #expect(Self.calendar.nextWorkday(onOrAfter: Self.day("2026-10-03")) == Self.day("2026-10-08"))
        #expect(Self.calendar.previousWorkday(onOrBefore: Self.day("2026-07-03")) == Self.day("2026-07-03"))
        #expect(Self.calendar.nextWorkday(onOrAfter: Self.day("2026-02-15")) == Self.day("2026-02-24"))
        #expect(Self.calendar.previousWorkday(onOrBefore: Self.day("2026-02-22")) == Self.day("2026-02-14"))
    }

    @Test("n-th workday before and after; 0 is the date itself")
    func counting() {
        let calendar = Self.calendar
        #expect(calendar.workday(0, after: Self.day("2026-10-03")) == Self.day("2026-10-03"))
        #expect(calendar.workday(1, after: Self.day("2026-09-30")) == Self.day("2026-10-08"))
        #expect(calendar.workday(3, after: Self.day("2026-10-08")) == Self.day("2026-10-12"))  // 9 Fri, 10 Sat worked, 12 Mon
        #expect(calendar.workday(1, before: Self.day("2026-10-08")) == Self.day("2026-09-30"))
        #expect(calendar.workday(2, before: Self.day("2026-09-21")) == Self.day("2026-09-18"))  // 20 Sun worked, 18 Fri
        #expect(calendar.date(Self.day("2026-07-06"), offsetBy: -1, unit: .workdays) == Self.day("2026-07-03"))
        #expect(calendar.date(Self.day("2026-07-06"), offsetBy: -3, unit: .days) == Self.day("2026-07-03"))
    }

    @Test("counting back and forth agree over the whole year")
    func inverse() {
        var date = Self.day("2026-01-05")
        while date.year == 2026 {
            if Self.calendar.isWorkday(date) {
                for n in 1...5 {
                    #expect(Self.calendar.workday(n, before: Self.calendar.workday(n, after: date)) == date)
                }
            }
            date = date.adding(days: 1)
        }
    }
}
