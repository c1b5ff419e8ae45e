import DixianCore
import Testing

/// Named cases of RRULE expansion, each checked against python-dateutil 2.9 by hand; the oracle test
/// (`RecurrenceOracleTests`) covers the rest.
@Suite struct RecurrenceExpansionTests {
    /// The first `limit` occurrences of `rule` from `start` (`YYYY-MM-DDTHH:MM:SS`), as text.
    func expand(_ rule: String, from start: String, limit: Int = 6) throws -> [String] {
        let rule = try RecurrenceRule(parsing: rule, profile: .full)
        let start = try #require(LocalDateTime(iso: start))
        return rule.occurrences(from: start).prefix(limit).map(\.description)
    }

    @Test func monthDay31SkipsShortMonths() throws {
        #expect(
            try expand("FREQ=MONTHLY;BYMONTHDAY=31", from: "2026-01-31T09:00:00") == [
                "2026-01-31T09:00:00", "2026-03-31T09:00:00", "2026-05-31T09:00:00", "2026-07-31T09:00:00",
                "2026-08-31T09:00:00", "2026-10-31T09:00:00",
            ])
        // Without BYMONTHDAY a MONTHLY rule takes DTSTART's day, with the same effect.
        #expect(try expand("FREQ=MONTHLY", from: "2026-01-31T09:00:00", limit: 2) == [
            "2026-01-31T09:00:00", "2026-03-31T09:00:00",
        ])
    }

    @Test func lastFridayOfTheMonth() throws {
        #expect(
            try expand("FREQ=MONTHLY;BYDAY=-1FR", from: "2026-07-01T09:00:00") == [
                "2026-07-31T09:00:00", "2026-08-28T09:00:00", "2026-09-25T09:00:00", "2026-10-30T09:00:00",
                "2026-11-27T09:00:00", "2026-12-25T09:00:00",
            ])
    }

    @Test func lastWorkdayOfTheMonthWithSetPosition() throws {
        #expect(
            try expand("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", from: "2026-01-01T18:00:00") == [
                "2026-01-30T18:00:00", "2026-02-27T18:00:00", "2026-03-31T18:00:00", "2026-04-30T18:00:00",
                "2026-05-29T18:00:00", "2026-06-30T18:00:00",
            ])
    }

    @Test func leapDays() throws {
        #expect(
            try expand("FREQ=YEARLY", from: "2024-02-29T09:00:00", limit: 3) == [
                "2024-02-29T09:00:00", "2028-02-29T09:00:00", "2032-02-29T09:00:00",
            ])
        #expect(
            try expand("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1", from: "2024-01-01T09:00:00", limit: 3) == [
                "2024-02-29T09:00:00", "2025-02-28T09:00:00", "2026-02-28T09:00:00",
            ])
        // 2100 is not a leap year.
        #expect(
            try expand("FREQ=YEARLY;INTERVAL=4", from: "2096-02-29T00:00:00", limit: 2) == [
                "2096-02-29T00:00:00", "2104-02-29T00:00:00",
            ])
    }

    /// RFC 5545 §3.3.10's example of how WKST changes an every-other-week rule.
    @Test func intervalWeeksDependOnWeekStart() throws {
        #expect(
            try expand("FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO", from: "1997-08-05T09:00:00") == [
                "1997-08-05T09:00:00", "1997-08-10T09:00:00", "1997-08-19T09:00:00", "1997-08-24T09:00:00",
            ])
        #expect(
            try expand("FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU", from: "1997-08-05T09:00:00") == [
                "1997-08-05T09:00:00", "1997-08-17T09:00:00", "1997-08-19T09:00:00", "1997-08-31T09:00:00",
            ])
    }

    @Test func countCountsWhatIsYielded() throws {
        // DTSTART (the 20th) does not match; COUNT=2 still gives two occurrences.
        #expect(
            try expand("FREQ=MONTHLY;BYMONTHDAY=15;COUNT=2", from: "2026-07-20T09:00:00") == [
                "2026-08-15T09:00:00", "2026-09-15T09:00:00",
            ])
    }

    @Test func untilIsInclusiveAndADateMeansMidnight() throws {
        #expect(
            try expand("FREQ=DAILY;UNTIL=20260703T090000", from: "2026-07-01T09:00:00") == [
                "2026-07-01T09:00:00", "2026-07-02T09:00:00", "2026-07-03T09:00:00",
            ])
        #expect(
            try expand("FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20261231", from: "2026-10-01T09:00:00") == [
                "2026-10-31T09:00:00", "2026-11-30T09:00:00",
            ])
    }

    @Test func ordinalsCountInTheYearOrInEachMonthOfBYMONTH() throws {
        #expect(
            try expand("FREQ=YEARLY;BYDAY=20MO", from: "2026-01-01T09:00:00", limit: 3) == [
                "2026-05-18T09:00:00", "2027-05-17T09:00:00", "2028-05-15T09:00:00",
            ])
        #expect(
            try expand("FREQ=YEARLY;BYMONTH=3,9;BYDAY=1MO,-1SU", from: "2026-01-01T09:00:00", limit: 5) == [
                "2026-03-02T09:00:00", "2026-03-29T09:00:00", "2026-09-07T09:00:00", "2026-09-27T09:00:00",
                "2027-03-01T09:00:00",
            ])
    }

    /// dateutil starts the first week at DTSTART, so BYSETPOS counts from there.
    @Test func theFirstWeekStartsAtTheStart() throws {
        #expect(
            try expand("FREQ=WEEKLY;BYDAY=MO,FR;BYSETPOS=1", from: "2026-01-07T09:00:00", limit: 3) == [
                "2026-01-09T09:00:00", "2026-01-12T09:00:00", "2026-01-19T09:00:00",
            ])
    }

    /// RFC 5545 reads a BYDAY list as a union; python-dateutil 2.9 intersects plain weekdays with
    /// ordinal ones and so never matches `MO,1FR`. We follow the RFC (the oracle test avoids such lists).
    @Test func mixedPlainAndOrdinalWeekdaysAreAUnion() throws {
        #expect(
            try expand("FREQ=MONTHLY;BYDAY=MO,1FR", from: "2026-07-01T09:00:00", limit: 4) == [
                "2026-07-03T09:00:00", "2026-07-06T09:00:00", "2026-07-13T09:00:00", "2026-07-20T09:00:00",
            ])
    }

    @Test func rulesThatNeverMatchEndQuickly() throws {
        for rule in [
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31",
            "FREQ=WEEKLY;BYMONTH=2;BYMONTHDAY=30", "FREQ=MONTHLY;BYDAY=6MO", "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6",
            "FREQ=MONTHLY;INTERVAL=7;BYMONTHDAY=1;BYDAY=2MO", "FREQ=DAILY;INTERVAL=999;BYMONTH=2;BYMONTHDAY=30",
        ] {
            // A rule that never matches must end (the search is bounded), and with nothing.
            let occurrences = try expand(rule, from: "2026-07-01T09:00:00")
            #expect(occurrences.isEmpty, "\(rule)")
        }
    }

    @Test func expansionEndsInTheYear9999() throws {
        #expect(
            try expand("FREQ=YEARLY", from: "9998-03-01T09:00:00") == ["9998-03-01T09:00:00", "9999-03-01T09:00:00"])
        #expect(try expand("FREQ=WEEKLY", from: "9999-12-24T09:00:00").count == 2)
        #expect(try expand("FREQ=DAILY", from: "9999-12-30T00:00:00", limit: 9).count == 2)
    }

    @Test func endlessRulesAreLazy() throws {
        let rule = try RecurrenceRule(parsing: "FREQ=DAILY")
        let start = try #require(LocalDateTime(iso: "2026-01-01T08:30:15"))
        var iterator = rule.occurrences(from: start).makeIterator()
        var last: LocalDateTime?
        for _ in 0..<100_000 { last = iterator.next() }
        #expect(last?.description == "2299-10-16T08:30:15")
    }

    @Test func theSequenceCanBeWalkedTwice() throws {
        let occurrences = try RecurrenceRule(parsing: "FREQ=MONTHLY;BYMONTHDAY=15,-1")
            .occurrences(from: try #require(LocalDateTime(iso: "2026-02-20T09:00")))
        #expect(Array(occurrences.prefix(3)) == Array(occurrences.prefix(3)))
        #expect(occurrences.prefix(3).map(\.description) == [
            "2026-02-28T09:00:00", "2026-03-15T09:00:00", "2026-03-31T09:00:00",
        ])
    }
}
