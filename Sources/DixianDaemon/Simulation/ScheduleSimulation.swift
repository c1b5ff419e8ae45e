import DixianCore
import DixianDirectory
import DixianPlugins
import DixianScheduling
import Foundation

/// `dixian simulate`: the daemon's planner run in memory over a span of days, as if every duty were
/// enabled at the first day's midnight and nobody confirmed anything. Nothing is stored or sent.
public struct ScheduleSimulation: Sendable {
    /// How far past the last day occurrences are planned, so reminders sent inside the range for
    /// occurrences due after it (a `-5d` reminder in late September for a 3 October deadline) appear.
    static let lookahead = 120

    let running: RunningConfiguration
    let units: [OrgUnit]
    let officials: [Official]
    /// The plugins planned: the running set, or one plugin of it (with every role, which any duty may name).
    var plugins: PluginSet
    /// Days planned past the last day: ``lookahead``, or less for one plugin whose reminders start closer.
    var lookahead = Self.lookahead

    public init(running: RunningConfiguration, units: [OrgUnit], officials: [Official]) {
        self.running = running
        self.units = units
        self.officials = officials
        self.plugins = running.plugins
    }

    /// The same simulation planning only `pluginID`'s duties: a plugin's preview need not plan the others.
    public func restricted(toPlugin pluginID: String) -> ScheduleSimulation {
        var copy = self
        copy.plugins = PluginSet(plugins: running.plugins.plugins.filter { $0.id == pluginID }, roles: running.plugins.roles)
        // The earliest reminder's lead, doubled for workdays and holidays, and two weeks for a due date moved
        // off a holiday: enough for every message of the range, and planning fewer months keeps the page fast.
        let lead = copy.plugins.plugins.flatMap(\.duties).flatMap(\.reminders).map { -$0.amount }.max() ?? 0
        copy.lookahead = min(Self.lookahead, 2 * max(lead, 0) + 14)
        return copy
    }

    /// The messages planned to go out from `first` 00:00 to the end of `last`, in time order; only for
    /// occurrences in the subtree of `unit` and of `duty` when given. With `event`, instead of the calendar: the
    /// clocks one procedure event at `first` 09:00 in `event.village` starts (a case included, an alert raised),
    /// as if nobody acted on them.
    public func run(
        from first: CalendarDate, through last: CalendarDate, unit: DivisionCode? = nil, duty: String? = nil,
        event: (event: EventTrigger.Event, village: DivisionCode)? = nil
    ) -> SimulationReport {
        let prefix = unit?.significantPrefix
        return run(from: first, through: last, event: event) { _, occurrence in
            if let prefix, !occurrence.unitCode.rawValue.hasPrefix(prefix) { return false }
            return duty == nil || occurrence.dutyID == duty
        }
    }

    /// The messages planned to go out from `first` 00:00 to the end of `last` that `include` keeps, in time order.
    public func run(
        from first: CalendarDate, through last: CalendarDate, event: (event: EventTrigger.Event, village: DivisionCode)? = nil,
        including include: (PlannedNotification, PlannedOccurrence) -> Bool
    ) -> SimulationReport {
        let zone = running.configuration.zone
        let context = running.configuration.scheduleContext(calendar: running.calendar)
        let start = LocalDateTime(date: first, time: TimeOfDay(hour: 0, minute: 0)!).instant(in: zone)
        let end = LocalDateTime(date: last.adding(days: 1), time: TimeOfDay(hour: 0, minute: 0)!).instant(in: zone)
        let planner = SchedulePlanner(plugins: plugins, directory: DirectoryIndex(units: units, officials: officials), context: context)
        let plan = event.map { event in
            planner.plan(event: ScheduleEvent(
                event: event.event, unitCode: event.village, occurredAt: start.addingTimeInterval(9 * 3600), clockID: "0"))
        } ?? planner.plan(from: start, through: last.adding(days: lookahead))
        let occurrences = Dictionary(plan.occurrences.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let messages = plan.notifications.compactMap { message -> (PlannedNotification, PlannedOccurrence)? in
            guard message.sendAt >= start, message.sendAt < end, let occurrence = occurrences[message.occurrenceKey],
                  include(message, occurrence) else { return nil }
            return (message, occurrence)
        }
        let names = Names(running: running, units: units, officials: officials)
        let formatter = LocalTimeFormatter(zone: zone)
        return SimulationReport(
            from: first.description, to: last.description, timeZone: zone.identifier, warnings: plan.warnings,
            messages: messages.map { SimulationReport.Message($0.0, $0.1, names: names, time: formatter) })
    }
}

extension ScheduleSimulation {
    /// Chinese names for ids, for people reading the preview.
    struct Names {
        var duties: [String: String] = [:]
        var roles: [String: String] = [:]
        var units: [DivisionCode: String] = [:]
        var officials: [String: String] = [:]

        init(running: RunningConfiguration, units: [OrgUnit], officials: [Official]) {
            for duty in running.plugins.plugins.flatMap(\.duties) { self.duties[duty.qualifiedID] = duty.title }
            for role in running.plugins.roles { self.roles[role.id] = role.name }
            for unit in units { self.units[unit.code] = unit.name }
            for official in officials { self.officials[official.id] = official.name }
        }
    }

    /// `2026-07-03 09:00` in the schedule's zone, and ISO 8601 with the zone's offset.
    struct LocalTimeFormatter {
        let zone: TimeZone

        func local(_ date: Date) -> String {
            let local = date.localDateTime(in: zone)
            return "\(local.date) \(local.timeOfDay)"
        }

        func iso(_ date: Date) -> String {
            let formatter = ISO8601DateFormatter()
            formatter.timeZone = zone
            return formatter.string(from: date)
        }
    }
}
