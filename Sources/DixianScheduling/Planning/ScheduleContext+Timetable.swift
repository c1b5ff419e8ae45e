import DixianCore
import DixianPlugins
import Foundation

extension ScheduleContext {
    /// How far before the range the planner looks for nominal due dates: `next_workday` can move a due date
    /// past the longest rest stretch (春节, 9 days plus a weekend) into the range.
    static let lookBehindDays = 31

    /// A calendar duty's slots (plugins/README.md §7–8), independent of units: every period whose due instant
    /// is after `enabledSince` and whose nominal due date is on or before `through` and inside the duty's
    /// `window`. `after_event` duties have none (``EventClock``).
    ///
    /// For an `rrule` duty DTSTART is `window.from`, else 1 January of the year of the first date looked at
    /// (`enabledSince`'s local date minus ``lookBehindDays``); without `INTERVAL` the expansion does not depend
    /// on it, and `INTERVAL` > 1 requires `window.from` (§7).
    public func timetable(for duty: Duty, enabledSince: Date, through: CalendarDate) -> [DutySlot] {
        var lower = enabledSince.localDate(in: zone).adding(days: -Self.lookBehindDays)
        var upper = through
        if let from = duty.window?.from { lower = max(lower, from) }
        if let until = duty.window?.until { upper = min(upper, until) }
        let ruleStart = duty.window?.from ?? CalendarDate(year: lower.year, month: 1, day: 1)!
        return duty.recurrence.periods(from: lower, through: upper, enabledAt: enabledSince, ruleStart: ruleStart)
            .map { slot(for: duty, period: $0) }
            .filter { $0.dueAt > enabledSince }
    }
}
