import DixianCore
import DixianDirectory
import DixianPlugins
import DixianScheduling
import Foundation

/// The repository's real plugins, holiday calendar and demo county, loaded once for all suites.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    static let calendar: WorkCalendar = try! HolidayCalendarLoader.load(
        directory: root.appendingPathComponent("config/holidays").path)

    static let plugins: PluginSet = try! PluginLoader.load(
        pluginsDirectory: root.appendingPathComponent("plugins").path,
        overridesDirectory: root.appendingPathComponent("config/plugins").path)

    static let county: DemoCounty = DemoCounty.generate(
        roles: RoleCatalogue(
            roles: plugins.roles.map {
                DirectoryRole(id: $0.id, name: $0.name, level: OrgLevel($0.level), perSector: $0.isPerSector)
            },
            sectors: Set(plugins.plugins.map(\.id))))

    static let directory = DirectoryIndex(units: county.units, officials: county.officials)

    static let context = ScheduleContext(calendar: calendar, zone: shanghai, deliveryWindow: .officeHours)

    static func day(_ text: String) -> CalendarDate {
        CalendarDate(parsing: text)!
    }

    /// `2026-07-01T09:00` in Shanghai.
    static func at(_ date: String, _ hour: Int, _ minute: Int = 0) -> Date {
        LocalDateTime(date: day(date), hour: hour, minute: minute)!.instant(in: shanghai)
    }

    static func local(_ instant: Date) -> LocalDateTime {
        instant.localDateTime(in: shanghai)
    }

    /// A duty for pure tests, built from a real plugin duty with fields replaced.
    static func duty(
        recurrence: Recurrence, dueTime: String = "18:00", dueOnRestDay: Duty.RestDayRule = .previousWorkday,
        notify: Duty.NotificationRule = .shift, opens: OccurrenceOpening = .periodStart,
        reminders: [String] = ["-3d@09:00", "-1d@09:00", "0d@09:00"], escalation: [String] = ["+1d@09:00"]
    ) -> Duty {
        var duty = plugins.duty(qualifiedID: "employment.employment_data_update")!
        duty.recurrence = recurrence
        duty.dueTime = TimeOfDay(parsing: dueTime)!
        duty.dueOnRestDay = dueOnRestDay
        duty.notifyOnRestDay = notify
        duty.opens = opens
        duty.reminders = reminders.map { try! ScheduleOffset(parsing: $0) }
        duty.escalation = escalation.map { EscalationStep(after: try! ScheduleOffset(parsing: $0), roles: ["town_working_group"]) }
        duty.window = nil
        return duty
    }
}
