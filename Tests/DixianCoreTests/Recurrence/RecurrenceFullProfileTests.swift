import DixianCore
import Testing

/// The full RRULE profile (`COUNT`, `UNTIL`) and the two-line `DTSTART` + `RRULE` form.
@Suite struct RecurrenceFullProfileTests {
    @Test func countAndUntil() throws {
        #expect(try RecurrenceRule(parsing: "FREQ=DAILY;COUNT=5", profile: .full).count == 5)
        #expect(try RecurrenceRule(parsing: "freq=daily;count=3", profile: .full).count == 3)  // case-insensitive
        let local = try RecurrenceRule(parsing: "FREQ=DAILY;UNTIL=20261231T180000", profile: .full)
        #expect(local.until?.description == "2026-12-31T18:00:00")
        #expect(!local.untilIsUTC)
        let utc = try RecurrenceRule(parsing: "FREQ=DAILY;UNTIL=20261231T100000Z", profile: .full)
        #expect(utc.until?.description == "2026-12-31T10:00:00")
        #expect(utc.untilIsUTC)
        #expect(utc.description == "FREQ=DAILY;UNTIL=20261231T100000Z")
        let date = try RecurrenceRule(parsing: "FREQ=DAILY;UNTIL=20261231", profile: .full)
        #expect(date.until?.description == "2026-12-31T00:00:00")
        #expect(try RecurrenceRule(parsing: "FREQ=WEEKLY;BYDAY=MO;COUNT=3;INTERVAL=2", profile: .full).description
            == "FREQ=WEEKLY;INTERVAL=2;COUNT=3;BYDAY=MO")
    }

    static let badFullRules: [(text: String, code: RecurrenceSyntaxError.Code, offset: Int)] = [
        ("FREQ=DAILY;COUNT=3;UNTIL=20261231", .countWithUntil, 19),
        ("FREQ=DAILY;UNTIL=20261231;COUNT=3", .countWithUntil, 26),
        ("FREQ=DAILY;COUNT=0", .valueOutOfRange, 17),
        ("FREQ=DAILY;COUNT=-1", .malformed, 17),
        ("FREQ=DAILY;UNTIL=20260231", .valueOutOfRange, 17),
        ("FREQ=DAILY;UNTIL=2026-12-31", .malformed, 17),
        ("FREQ=DAILY;UNTIL=20261231T250000", .valueOutOfRange, 17),
        ("FREQ=DAILY;DTSTART=20260101", .partNotAllowed, 11),
        ("FREQ=DAILY;BYHOUR=9", .partNotAllowed, 11),
        ("FREQ=YEARLY;BYWEEKNO=1", .partNotAllowed, 12),
        ("FREQ=WEEKLY;BYDAY=1MO", .ordinalWeekdayNotAllowed, 18),
    ]

    @Test(arguments: badFullRules)
    func badFullRulesFailWithCodeAndOffset(_ bad: (text: String, code: RecurrenceSyntaxError.Code, offset: Int)) {
        #expect {
            try RecurrenceRule(parsing: bad.text, profile: .full)
        } throws: { error in
            guard let error = error as? RecurrenceSyntaxError else { return false }
            return error.code == bad.code && error.offset == bad.offset
        }
    }

    @Test func pluginsStillMayNotBoundARule() {
        #expect(throws: RecurrenceSyntaxError.self) { try RecurrenceRule(parsing: "FREQ=DAILY;COUNT=3") }
        #expect(throws: RecurrenceSyntaxError.self) { try RecurrenceRule(parsing: "FREQ=DAILY;UNTIL=20261231") }
    }

    @Test func twoLineForm() throws {
        let text = "DTSTART;TZID=Asia/Shanghai:20260701T090000\nRRULE:FREQ=MONTHLY;BYDAY=-1FR"
        let specification = try RecurrenceSpecification(parsing: text)
        #expect(specification.start?.description == "2026-07-01T09:00:00")
        #expect(specification.timeZoneID == "Asia/Shanghai")
        #expect(specification.rule == (try RecurrenceRule(parsing: "FREQ=MONTHLY;BYDAY=-1FR")))
        #expect(specification.description == text)
        #expect(try RecurrenceSpecification(parsing: specification.description) == specification)

        let utc = try RecurrenceSpecification(parsing: "RRULE:FREQ=DAILY;COUNT=2 DTSTART:20260701T010000Z")
        #expect(utc.timeZoneID == "UTC")
        #expect(utc.start?.hour == 1)
        let floating = try RecurrenceSpecification(parsing: "DTSTART;VALUE=DATE:20260701\r\nRRULE:FREQ=DAILY")
        #expect(floating.timeZoneID == nil)
        #expect(floating.start?.description == "2026-07-01T00:00:00")
        let bare = try RecurrenceSpecification(parsing: "  FREQ=DAILY;COUNT=2\n")
        #expect(bare.start == nil)
        #expect(bare.rule.count == 2)
        #expect(try RecurrenceSpecification(parsing: "RRULE:FREQ=DAILY").rule.frequency == .daily)
    }

    static let badSpecifications: [(text: String, code: RecurrenceSyntaxError.Code, offset: Int)] = [
        ("", .empty, 0),
        ("DTSTART:20260701T090000", .empty, 23),
        ("DTSTART:20260701T090000\nRRULE:FREQ=MONTHLY;BYDAY=-1XX", .valueOutOfRange, 51),
        ("DTSTART:20260701T090000\nFREQ=MONTHLY;COUNT=1;UNTIL=20270101", .countWithUntil, 45),
        ("DTSTART;TZID=Asia/Shanghai:20260231T090000\nRRULE:FREQ=DAILY", .malformed, 27),
        ("DTSTART;TZONE=Asia/Shanghai:20260701T090000\nRRULE:FREQ=DAILY", .malformed, 8),
        ("DTSTART 20260701T090000\nRRULE:FREQ=DAILY", .malformed, 0),
        ("DTSTART;TZID=Asia/Shanghai:20260701T090000Z\nRRULE:FREQ=DAILY", .malformed, 42),
        ("DTSTART:20260701\nDTSTART:20260702\nRRULE:FREQ=DAILY", .repeatedPart, 17),
        ("RRULE:FREQ=DAILY\nRRULE:FREQ=WEEKLY", .repeatedPart, 17),
        ("FREQ=DAILY; COUNT=2", .malformed, 11),
    ]

    @Test(arguments: badSpecifications)
    func badSpecificationsFailWithCodeAndOffset(_ bad: (text: String, code: RecurrenceSyntaxError.Code, offset: Int)) {
        #expect {
            try RecurrenceSpecification(parsing: bad.text)
        } throws: { error in
            guard let error = error as? RecurrenceSyntaxError else { return false }
            return error.code == bad.code && error.offset == bad.offset
        }
    }

    @Test func formattedFullRulesParseBackUnchanged() throws {
        var generator = SeededRandom(seed: 0x5EED_0011)
        for _ in 0..<5_000 {
            let (rule, start) = RecurrenceRuleGenerator.randomRule(using: &generator)
            #expect(try RecurrenceRule(parsing: rule.description, profile: .full) == rule, "\(rule)")
            let specification = RecurrenceSpecification(
                start: start, timeZoneID: generator.pick([nil, "UTC", "Asia/Shanghai", "America/New_York"]),
                rule: rule)
            #expect(try RecurrenceSpecification(parsing: specification.description) == specification)
        }
    }

    @Test func dateTimeForms() {
        #expect(LocalDateTime(iso: "2026-07-01T09:00")?.description == "2026-07-01T09:00:00")
        #expect(LocalDateTime(iso: "2026-07-01 09:00:30")?.description == "2026-07-01T09:00:30")
        #expect(LocalDateTime(iso: "2026-07-01")?.description == "2026-07-01T00:00:00")
        #expect(LocalDateTime(iso: "2026-07-01T24:00") == nil)
        #expect(LocalDateTime(iso: "2026-07-01T9:00") == nil)
        #expect(LocalDateTime(iso: "2026-02-30T09:00") == nil)
        #expect(LocalDateTime(basicFormat: "20260701T090000")?.basicFormat == "20260701T090000")
        #expect(LocalDateTime(basicFormat: "20260701T0900") == nil)
    }
}
