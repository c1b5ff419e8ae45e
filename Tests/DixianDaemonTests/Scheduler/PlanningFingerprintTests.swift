import DixianCore
import DixianPlugins
import DixianTestSupport
import Foundation
import Testing

@testable import DixianDaemon

/// The planning fingerprint must be the same for the same inputs in every process: a restart, or a replica
/// taking over, with nothing changed plans nothing (the end-to-end half is in SchedulerEndToEndTests).
@Suite("The planning fingerprint is canonical")
struct PlanningFingerprintTests {
    static func day(_ text: String) -> CalendarDate {
        CalendarDate(parsing: text)!
    }

    static let newYear = PublicHoliday(
        name: "元旦", from: day("2026-01-01"), through: day("2026-01-03"), extraWorkdays: [day("2026-01-04")])
    static let nationalDay = PublicHoliday(
        name: "国庆节", from: day("2026-10-01"), through: day("2026-10-07"), extraWorkdays: [day("2026-09-20"), day("2026-10-10")])
    static let nextYear = HolidayYear(year: 2027, holidays: [newYear], source: "b")

    /// 2026-07-01T00:00:00+08:00.
    static let july1 = Date(timeIntervalSince1970: 1_782_835_200)

    static func inputs(
        calendar: WorkCalendar, schedule: Configuration.Schedule = .init(), plugins: PluginSet = PluginSet(plugins: [], roles: [])
    ) -> PlanningInputs {
        let loaded = LoadedConfiguration(configuration: Configuration(schedule: schedule), source: .embeddedDefaults)
        let running = RunningConfiguration(loaded: loaded, plugins: plugins, calendar: calendar)
        return PlanningInputs(running: running, now: july1, directoryStamp: "42/1782835200000000/1000/1782835200000000")
    }

    static let calendar = WorkCalendar(years: [HolidayYear(year: 2026, holidays: [newYear, nationalDay], source: "a"), nextYear])

    /// The value changes only when what the fingerprint covers changes (it gained the channels' reach).
    @Test("a fixed input gives a fixed value, whatever this process's hash seed")
    func pinned() {
        #expect(Self.inputs(calendar: Self.calendar).fingerprint
            == "953dc2e87b74e3270bf50eb55f9b3f6e23b2ffe0255bcb9643cb62b64b53f426")
    }

    @Test("equal calendars built in another order, and settings that do not change the plan, give the same value")
    func equalInputs() {
        let reordered = WorkCalendar(years: [Self.nextYear, HolidayYear(year: 2026, holidays: [Self.nationalDay, Self.newYear], source: "a")])
        let elsewhere = Configuration.Schedule(enabled: false, holidaysDirectory: "/usr/local/share/dixian/holidays", tickInterval: .seconds(5))
        #expect(Self.inputs(calendar: reordered, schedule: elsewhere).fingerprint == Self.inputs(calendar: Self.calendar).fingerprint)
    }

    @Test("a different calendar or delivery window gives another value")
    func differentInputs() {
        let base = Self.inputs(calendar: Self.calendar).fingerprint
        #expect(Self.inputs(calendar: .plainWeekends).fingerprint != base)
        let evenings = Configuration.Schedule(workingHoursEnd: TimeOfDay(hour: 20, minute: 0)!)
        #expect(Self.inputs(calendar: Self.calendar, schedule: evenings).fingerprint != base)
        #expect(Self.inputs(calendar: Self.calendar, schedule: .init(workdaysOnly: false)).fingerprint != base)
    }

    @Test("a duty's hash does not depend on the order of its parameters dictionary")
    func dutyHash() throws {
        let set = try PluginLoader.load(pluginsDirectory: DixianBinary.packageRoot + "/plugins")
        var duty = try #require(set.enabledDuties.first)
        let names = (1...24).map { "parameter_\($0)" }
        var small: [String: String] = [:]
        for name in names { small[name] = "value of \(name)" }
        var large = [String: String](minimumCapacity: 4_096)
        for name in names.reversed() { large[name] = "value of \(name)" }
        // Equal dictionaries that iterate in different orders: what a fresh process may give.
        #expect(small == large)
        #expect(Array(small.keys) != Array(large.keys))
        duty.parameterReferences = small
        let first = PlanningInputs.hash(of: duty)
        duty.parameterReferences = large
        #expect(PlanningInputs.hash(of: duty) == first)
        duty.parameterReferences["parameter_1"] = "changed"
        #expect(PlanningInputs.hash(of: duty) != first)
    }
}
