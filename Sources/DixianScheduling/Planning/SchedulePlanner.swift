import DixianCore
import DixianDirectory
import DixianPlugins
import Foundation

/// Turns duties into occurrences and planned messages (排期): duties × units × periods → ``SchedulePlan``.
///
/// Pure: plugins, directory and calendar come in as values, the plan goes out as a value, and the store
/// persists it idempotently by key. Each duty's timetable (dates, instants, shifted reminders) is computed
/// once and then crossed with its units, so a county-year plans in well under a second.
///
/// ```swift
/// let planner = SchedulePlanner(plugins: set, directory: DirectoryIndex(units: units, officials: officials),
///                               context: ScheduleContext(calendar: calendar))
/// let plan = planner.plan(from: now, through: SchedulePlanner.horizonEnd(after: now, zone: zone))
/// ```
public struct SchedulePlanner: Sendable {
    /// The loaded plugins; only enabled duties are planned.
    public var plugins: PluginSet
    /// Who holds which role where.
    public var directory: DirectoryIndex
    /// Calendar, zone and delivery window.
    public var context: ScheduleContext
    let rolesByID: [String: Role]

    /// Creates a planner.
    public init(plugins: PluginSet, directory: DirectoryIndex, context: ScheduleContext) {
        self.plugins = plugins
        self.directory = directory
        self.context = context
        self.rolesByID = Dictionary(plugins.roles.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Creates a planner from its parts.
    public init(
        plugins: PluginSet, directory: DirectoryIndex, calendar: WorkCalendar,
        zone: TimeZone = ScheduleContext.defaultZone, deliveryWindow: DeliveryWindow = .officeHours
    ) {
        self.init(
            plugins: plugins, directory: directory,
            context: ScheduleContext(calendar: calendar, zone: zone, deliveryWindow: deliveryWindow))
    }

    /// Plans every enabled calendar duty (not `after_event`: those are event clocks, ``plan(event:)``).
    ///
    /// An occurrence is planned **iff** its due instant is after `enabledSince[duty]` (the qualified id
    /// `<plugin>.<duty>`; default `from`) **and** its nominal due date is on or before `through` (and inside
    /// the duty's `window`). There is no back-fill: the caller passes, per duty, the moment it was enabled or
    /// the moment up to which occurrences are already stored; `from` only serves as that moment's default.
    ///
    /// - Returns: Occurrences sorted by due instant then key, one notification per (occurrence, step,
    ///   recipient, channel) sorted by send instant then key, and warnings in Chinese (years without a holiday
    ///   calendar, roles without a holder — summarised per role, unassigned occurrences per duty).
    public func plan(from: Date, through: CalendarDate, enabledSince: [String: Date] = [:]) -> SchedulePlan {
        var slices = slices(from: from, through: through, enabledSince: enabledSince)
        var occurrences: [(key: String, value: PlannedOccurrence)] = []
        var notifications: [(key: String, value: PlannedNotification)] = []
        while let slice = slices.next() {
            occurrences += slice.occurrences.map { ($0.key, $0) }
            notifications += slice.notifications.map { ($0.key, $0) }
        }
        var plan = slices.finish()
        plan.occurrences = occurrences.sorted { ($0.value.dueAt, $0.key) < ($1.value.dueAt, $1.key) }.map(\.value)
        plan.notifications = notifications.sorted { ($0.value.sendAt, $0.key) < ($1.value.sendAt, $1.key) }.map(\.value)
        return plan
    }

    /// The default planning horizon: the last day of the quarter after the one `instant` falls in (local date
    /// in `zone`), e.g. 2026-12-31 for any day of July–September 2026.
    public static func horizonEnd(after instant: Date, zone: TimeZone) -> CalendarDate {
        let today = instant.localDate(in: zone)
        var (year, quarter) = (today.year, today.quarter + 1)
        if quarter == 5 { (year, quarter) = (year + 1, 1) }
        return CalendarDate(year: year, month: quarter * 3, day: 1)!.lastOfMonth
    }

    /// One warning per year of `years` without a holiday calendar.
    static func calendarWarnings(_ calendar: WorkCalendar, years: ClosedRange<Int>) -> [String] {
        years.filter { !calendar.isCovered(year: $0) }.map {
            "\($0)年节假日安排未配置（config/holidays/cn-\($0).yaml），该年按普通周末计算工作日，提醒可能落在法定节假日"
        }
    }
}
