import DixianCore
import Testing

@Suite("The working calendar's canonical text (what the planning fingerprint hashes)")
struct WorkCalendarCanonicalTests {
    static func day(_ text: String) -> CalendarDate {
        CalendarDate(parsing: text)!
    }

    static let newYear = PublicHoliday(
        name: "元旦", from: day("2027-01-01"), through: day("2027-01-02"), extraWorkdays: [day("2027-01-03")])
    static let mayDay = PublicHoliday(
        name: "劳动节", from: day("2027-05-01"), through: day("2027-05-03"), extraWorkdays: [day("2027-04-25")])

    @Test("every day off with its name and every adjusted workday, by date")
    func text() {
        let calendar = WorkCalendar(years: [HolidayYear(year: 2027, holidays: [Self.mayDay, Self.newYear], source: "通知")])
        #expect(calendar.canonicalDescription == """
            years 2027
            off 2027-01-01 元旦
            off 2027-01-02 元旦
            off 2027-05-01 劳动节
            off 2027-05-02 劳动节
            off 2027-05-03 劳动节
            worked 2027-01-03
            worked 2027-04-25
            """)
        #expect(WorkCalendar.plainWeekends.canonicalDescription == "years ")
    }

    @Test("equal calendars built in any order give the same text; a different one does not")
    func orderIndependent() {
        let later = HolidayYear(year: 2028, holidays: [Self.newYear], source: "b")
        let forwards = WorkCalendar(years: [HolidayYear(year: 2027, holidays: [Self.newYear, Self.mayDay], source: "a"), later])
        let backwards = WorkCalendar(years: [later, HolidayYear(year: 2027, holidays: [Self.mayDay, Self.newYear], source: "a")])
        #expect(forwards.canonicalDescription == backwards.canonicalDescription)
        let fewer = WorkCalendar(years: [HolidayYear(year: 2027, holidays: [Self.newYear], source: "a"), later])
        #expect(fewer.canonicalDescription != forwards.canonicalDescription)
    }
}
