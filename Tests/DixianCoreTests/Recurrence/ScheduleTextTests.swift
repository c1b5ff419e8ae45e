import DixianCore
import Testing

@Suite struct ScheduleTextTests {
    @Test func offsetsParseAndFormat() throws {
        let offset = try ScheduleOffset(parsing: "-3d@09:00")
        #expect(offset.amount == -3)
        #expect(offset.unit == .days)
        #expect(offset.time == TimeOfDay(hour: 9, minute: 0))
        #expect(try ScheduleOffset(parsing: "+1wd@08:30").description == "+1wd@08:30")
        #expect(try ScheduleOffset(parsing: "0d").time == ScheduleOffset.defaultTime)
        #expect(try ScheduleOffset(parsing: "0d").explicitTime == nil)
        #expect(try ScheduleOffset(parsing: "5wd").description == "+5wd")
    }

    @Test(arguments: [
        ("", 0), ("3", 1), ("-01d", 1), ("1000d", 0), ("-3x", 2), ("-3d@9:00", 4), ("-3d@24:00", 4), ("3d 09:00", 2),
        ("+-3d", 1),
    ])
    func badOffsetsPointAtTheProblem(_ text: String, _ offset: Int) {
        #expect {
            try ScheduleOffset(parsing: text)
        } throws: { error in
            (error as? RecurrenceSyntaxError)?.offset == offset
        }
    }

    @Test func offsetRoundTrip() throws {
        var generator = SeededRandom(seed: 0x0FF5_E700)
        for _ in 0..<3_000 {
            let time =
                Bool.random(using: &generator)
                ? TimeOfDay(
                    hour: Int.random(in: 0...23, using: &generator), minute: Int.random(in: 0...59, using: &generator))
                : nil
            let offset = ScheduleOffset(
                amount: Int.random(in: -999...999, using: &generator),
                unit: ScheduleOffset.Unit.allCases.randomElement(using: &generator)!, time: time)
            #expect(try ScheduleOffset(parsing: offset.description) == offset)
        }
    }

    @Test func openings() throws {
        #expect(try OccurrenceOpening(parsing: "period_start") == .periodStart)
        #expect(try OccurrenceOpening(parsing: "-10d") == .before(amount: 10, unit: .days))
        #expect(try OccurrenceOpening(parsing: "-5wd") == .before(amount: 5, unit: .workdays))
        for bad in ["-0d", "10d", "-10d@09:00", "period-start", "-1000d", ""] {
            #expect(throws: RecurrenceSyntaxError.self) { try OccurrenceOpening(parsing: bad) }
        }
    }

    @Test func datesAndTimes() {
        #expect(CalendarDate(parsing: "2026-08-15")?.description == "2026-08-15")
        #expect(CalendarDate(parsing: "2024-02-29") != nil)
        #expect(CalendarDate(parsing: "2026-02-29") == nil)
        #expect(CalendarDate(parsing: "2026-8-15") == nil)
        #expect(CalendarDate(parsing: "2026-13-01") == nil)
        #expect(CalendarDate(parsing: "２０２６-08-15") == nil)
        #expect(TimeOfDay(parsing: "18:00")?.minutesSinceMidnight == 1080)
        #expect(TimeOfDay(parsing: "9:00") == nil)
        #expect(TimeOfDay(parsing: "24:00") == nil)
        #expect(TimeOfDay(parsing: "12:60") == nil)
    }

    @Test func monthDaysThatExistEveryYear() {
        #expect(MonthDay(month: 2, day: DayOfMonth(28)!)?.existsEveryYear == true)
        #expect(MonthDay(month: 2, day: DayOfMonth(29)!)?.existsEveryYear == false)
        #expect(MonthDay(month: 2, day: DayOfMonth(-28)!)?.existsEveryYear == true)
        #expect(MonthDay(month: 2, day: DayOfMonth(-29)!)?.existsEveryYear == false)
        #expect(MonthDay(month: 4, day: DayOfMonth(31)!)?.existsEveryYear == false)
        #expect(MonthDay(month: 12, day: DayOfMonth(31)!)?.existsEveryYear == true)
        #expect(DayOfMonth(0) == nil)
        #expect(DayOfMonth(-32) == nil)
        #expect(MonthDay(month: 13, day: DayOfMonth(1)!) == nil)
    }
}
