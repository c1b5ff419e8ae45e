import DixianCore
import Testing

@Suite struct RecurrenceRuleTests {
    @Test func parsesTheShippedAndDocumentedRules() throws {
        let twice = try RecurrenceRule(parsing: "FREQ=MONTHLY;BYMONTHDAY=15,-1")
        #expect(twice.frequency == .monthly)
        #expect(twice.byMonthDay == [15, -1])
        let lastFriday = try RecurrenceRule(parsing: "FREQ=MONTHLY;BYDAY=-1FR")
        #expect(lastFriday.byDay == [.init(ordinal: -1, weekday: .friday)])
        let lastWorkday = try RecurrenceRule(parsing: "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;WKST=MO")
        #expect(lastWorkday.bySetPosition == [-1])
        #expect(lastWorkday.weekStart == .monday)
        #expect(
            try RecurrenceRule(parsing: "FREQ=YEARLY;INTERVAL=2;BYMONTH=3;BYDAY=+1MO").description
                == "FREQ=YEARLY;INTERVAL=2;BYMONTH=3;BYDAY=1MO")
    }

    /// Each bad rule with the error code and the offset of the offending text.
    static let badRules: [(text: String, code: RecurrenceSyntaxError.Code, offset: Int)] = [
        ("", .empty, 0),
        ("BYDAY=MO;FREQ=WEEKLY", .frequencyNotFirst, 0),
        ("FREQ=HOURLY", .valueOutOfRange, 5),
        ("FREQ=MONTHLY;COUNT=3", .partNotAllowed, 13),
        ("FREQ=MONTHLY;UNTIL=20261231", .partNotAllowed, 13),
        ("FREQ=DAILY;DTSTART=20260101", .partNotAllowed, 11),
        ("FREQ=DAILY;BYHOUR=9", .partNotAllowed, 11),
        ("FREQ=YEARLY;BYWEEKNO=1", .partNotAllowed, 12),
        ("FREQ=YEARLY;BYYEARDAY=1", .partNotAllowed, 12),
        ("FREQ=MONTHLY;BYMONTHDAY=1;BYMONTHDAY=2", .repeatedPart, 26),
        ("FREQ=MONTHLY;FREQ=DAILY", .repeatedPart, 13),
        ("FREQ=WEEKLY;BYDAY=MO,1FR", .ordinalWeekdayNotAllowed, 21),
        ("FREQ=DAILY;BYDAY=-1MO", .ordinalWeekdayNotAllowed, 17),
        ("FREQ=MONTHLY;BYSETPOS=1", .setPositionWithoutSelector, 13),
        ("FREQ=MONTHLY;BYMONTHDAY=0", .valueOutOfRange, 24),
        ("FREQ=MONTHLY;BYMONTHDAY=32", .valueOutOfRange, 24),
        ("FREQ=MONTHLY;BYMONTHDAY=+1", .malformed, 24),
        ("FREQ=MONTHLY;BYMONTHDAY=01", .malformed, 24),
        ("FREQ=MONTHLY;BYMONTHDAY=1,,2", .malformed, 26),
        ("FREQ=MONTHLY;BYMONTH=13", .valueOutOfRange, 21),
        ("FREQ=MONTHLY;BYDAY=54MO", .valueOutOfRange, 19),
        ("FREQ=MONTHLY;BYDAY=0MO", .valueOutOfRange, 19),
        ("FREQ=MONTHLY;BYDAY=1XX", .valueOutOfRange, 20),
        ("FREQ=MONTHLY;INTERVAL=0", .valueOutOfRange, 22),
        ("FREQ=MONTHLY;INTERVAL=1000", .valueOutOfRange, 22),
        ("FREQ=MONTHLY;", .malformed, 13),
        ("FREQ=MONTHLY;BYDAY", .malformed, 13),
        ("FREQ=MONTHLY;X-NAME=1", .unknownPart, 13),
        ("FREQ=MONTHLY;WKST=XX", .valueOutOfRange, 18),
    ]

    @Test(arguments: badRules)
    func badRulesFailWithCodeAndOffset(_ bad: (text: String, code: RecurrenceSyntaxError.Code, offset: Int)) {
        #expect {
            try RecurrenceRule(parsing: bad.text)
        } throws: { error in
            guard let error = error as? RecurrenceSyntaxError else { return false }
            return error.code == bad.code && error.offset == bad.offset
        }
    }

    @Test func namesAndValuesAreCaseInsensitive() throws {
        #expect(try RecurrenceRule(parsing: "freq=monthly") == RecurrenceRule(parsing: "FREQ=MONTHLY"))
        #expect(
            try RecurrenceRule(parsing: "Freq=Monthly;byDay=-1fr;Wkst=su")
                == RecurrenceRule(parsing: "FREQ=MONTHLY;BYDAY=-1FR;WKST=SU"))
        #expect(
            try RecurrenceRule(parsing: "freq=yearly;until=20301231t000000z", profile: .full)
                == RecurrenceRule(parsing: "FREQ=YEARLY;UNTIL=20301231T000000Z", profile: .full))
        let specification = try RecurrenceSpecification(parsing: "dtstart;tzid=Asia/Shanghai:20260701t090000 rrule:freq=weekly")
        #expect(specification.timeZoneID == "Asia/Shanghai")
        #expect(specification.rule == (try RecurrenceRule(parsing: "FREQ=WEEKLY")))
    }

    @Test func lowerCaseUnknownPartIsStillUnknownAtItsOffset() {
        #expect {
            try RecurrenceRule(parsing: "freq=monthly;bymonthdai=1")
        } throws: { error in
            guard let error = error as? RecurrenceSyntaxError else { return false }
            return error.code == .unknownPart && error.offset == 13 && error.message.contains("BYMONTHDAI")
        }
    }
}
