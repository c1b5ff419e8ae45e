import DixianCore
import DixianPlugins
import Foundation

/// The clock of an `after_event` duty (事件触发的时限): the monitoring procedure's "10 days after inclusion"
/// and the like (plugins/README.md §7).
///
/// The nominal due date is the event's local date plus `days` calendar days, or the `workdays`-th workday
/// after it; from there the slot follows the same rules as calendar duties (``ScheduleContext/slot(for:period:)``):
/// `due_on_rest_day`, `due_time`, opening (`period_start` = the event instant), reminders, escalation.
public struct EventClock: Sendable {
    /// Calendar, zone and delivery window.
    public var context: ScheduleContext

    /// Creates a clock.
    public init(context: ScheduleContext) {
        self.context = context
    }

    /// The nominal due date for an event on `eventDate` (local).
    public func nominalDueDate(for trigger: EventTrigger, eventDate: CalendarDate) -> CalendarDate {
        switch trigger.delay {
        case .days(let count): eventDate.adding(days: count)
        case .workdays(let count): context.calendar.workday(count, after: eventDate)
        }
    }

    /// The period an event opens: key `E<clock id>`, label `2026年7月3日纳入监测`, starting at the event.
    public func period(for trigger: EventTrigger, event: ScheduleEvent) -> NominalPeriod {
        let eventDate = event.occurredAt.localDate(in: context.zone)
        return NominalPeriod(
            nominalDueDate: nominalDueDate(for: trigger, eventDate: eventDate), key: "E\(event.clockID)",
            label: eventDate.chineseDescription + event.event.chineseName, start: .instant(event.occurredAt))
    }

    /// The duty's slot for the event, nil when the duty does not react to it (another event, an alert from
    /// another plugin for `alerts_from: own`, an event date outside its `window`).
    public func slot(for duty: Duty, event: ScheduleEvent) -> DutySlot? {
        guard Self.reacts(duty, to: event), let trigger = duty.recurrence.eventTrigger else { return nil }
        let eventDate = event.occurredAt.localDate(in: context.zone)
        if let from = duty.window?.from, eventDate < from { return nil }
        if let until = duty.window?.until, eventDate > until { return nil }
        return context.slot(for: duty, period: period(for: trigger, event: event))
    }

    /// Whether an enabled `after_event` duty reacts to the event: same event, and for alert events an alert of
    /// the duty's own plugin, or any alert with `alerts_from: any`.
    public static func reacts(_ duty: Duty, to event: ScheduleEvent) -> Bool {
        guard duty.isEnabled, let trigger = duty.recurrence.eventTrigger, trigger.event == event.event else { return false }
        guard event.event.isAlertEvent else { return true }
        return trigger.alertsFrom == .any || event.alertSource == duty.pluginID
    }
}

extension SchedulePlanner {
    /// Plans every enabled `after_event` duty that reacts to `event`: one occurrence each, at the event's unit,
    /// period key `E<clock id>`, with its reminders and escalation (the store calls this when it records an
    /// event). No `enabledSince` filter: the event is the start. A duty whose `units` scope does not admit the
    /// event's village plans nothing there.
    public func plan(event: ScheduleEvent) -> SchedulePlan {
        let clock = EventClock(context: context)
        var builder = PlanBuilder(planner: self)
        for duty in plugins.enabledDuties {
            guard let slot = clock.slot(for: duty, event: event), let owner = rolesByID[duty.owner.role],
                directory.admits(event.unitCode, duty.units)
            else { continue }
            for audience in builder.audiences(for: duty, owner: owner, at: event.unitCode, helpers: event.helperIDs) {
                builder.add(duty: duty, slot: slot, unit: event.unitCode, audience: audience)
            }
        }
        var plan = builder.finish()
        let year = event.occurredAt.localDate(in: context.zone).year
        plan.warnings.insert(contentsOf: Self.calendarWarnings(context.calendar, years: year...year), at: 0)
        return plan
    }
}
