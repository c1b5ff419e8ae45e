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
}
