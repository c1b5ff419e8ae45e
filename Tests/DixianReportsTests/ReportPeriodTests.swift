import DixianCore
import DixianReports
import Testing

@Suite("Report periods: ISO weeks, months, quarters")
struct ReportPeriodTests {
    static func range(_ kind: ReportPeriod.Kind, _ text: String) -> String? {
        ReportPeriod(kind, text).map { "\($0.first)..\($0.last)" }
    }

    @Test("weeks (53-week years), months (leap February), quarters, bad text, and the period before")
    func periods() {
        #expect(Self.range(.weekly, "2026-W31") == "2026-07-27..2026-08-02")
        #expect(Self.range(.weekly, "2026-W53") == "2026-12-28..2027-01-03")
        #expect(Self.range(.weekly, "2027-W53") == nil, "2027 has 52 ISO weeks")
        #expect(Self.range(.monthly, "2028-02") == "2028-02-01..2028-02-29")
        #expect(Self.range(.quarterly, "2026-Q3") == "2026-07-01..2026-09-30")
        #expect(Self.range(.monthly, "2026-13") == nil && Self.range(.quarterly, "2026-Q5") == nil && Self.range(.weekly, "26-W01") == nil)
        #expect(ReportPeriod(.weekly, "2027-W01")?.previous.description == "2026-W53")
        #expect(ReportPeriod(.quarterly, "2026-Q1")?.previous.description == "2025-Q4")
        #expect(ReportPeriod(.monthly, "2026-07")?.chineseDescription == "2026年7月")
        #expect(ReportPeriod(.weekly, "2026-W31")?.chineseDescription == "2026年第31周（7月27日—8月2日）")
    }

    @Test("property: every day of 2020–2030 lies in exactly the week, month and quarter that contain it")
    func containing() {
        var day = CalendarDate(year: 2020, month: 1, day: 1)!
        while day.year <= 2030 {
            for kind in ReportPeriod.Kind.allCases {
                let period = ReportPeriod(kind, containing: day)
                #expect(period.contains(day))
                #expect(!period.previous.contains(day) && period.previous.last.adding(days: 1) == period.first)
            }
            day = day.adding(days: 1)
        }
    }

    @Test("the bulletin is due from its weekday and hour on, for the last complete ISO week; not before")
    func bulletinSchedule() throws {
        func local(_ date: String, _ hour: Int) throws -> LocalDateTime {
            let day = try #require(CalendarDate(parsing: date))
            return try #require(LocalDateTime(date: day, hour: hour))
        }
        let monday = BulletinSchedule.standard
        #expect(monday.dueWeek(at: try local("2026-08-03", 8)) == nil, "Monday before 09:00")
        #expect(monday.dueWeek(at: try local("2026-08-03", 9))?.description == "2026-W31")
        #expect(monday.dueWeek(at: try local("2026-08-09", 23))?.description == "2026-W31", "all week long, until the next")
        #expect(monday.dueWeek(at: try local("2026-01-05", 10))?.description == "2026-W01", "across the new year")
        #expect(monday.dueWeek(at: try local("2027-01-04", 10))?.description == "2026-W53", "2026 has 53 ISO weeks")
        let friday = BulletinSchedule(weekday: .friday, time: try #require(TimeOfDay(hour: 16, minute: 0)))
        #expect(friday.dueWeek(at: try local("2026-08-06", 23)) == nil, "Thursday")
        #expect(friday.dueWeek(at: try local("2026-08-07", 16))?.description == "2026-W31")
    }
}
