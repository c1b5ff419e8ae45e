import DixianCore
import DixianPlugins
import Foundation

extension ScheduleContext {
    /// Computes a duty's slot for one period: effective due date, due instant, opening, and every reminder
    /// and escalation instant (plugins/README.md §8), with the delivery window applied.
    ///
    /// Rules the README leaves open, decided here:
    /// * an opening that would come after the due instant (a `period_start` when `previous_workday` moved the
    ///   due date out of its period, e.g. a duty due on 1 October) is 00:00 of the effective due date;
    /// * `wd` offsets count from the effective due date, which with `keep` may itself be a rest day;
    /// * a reminder dropped for being before the opening keeps its index for the others (`r2` stays `r2`);
    /// * reminders that land on one instant are sent once, under the lowest index;
    /// * the opening reminder (`notify_on_open`) is the opening instant moved into the delivery window, not
    ///   shifted by the rest-day rule (that would push it to the next workday at the event's time of day);
    ///   it yields to a list reminder at the same instant, so turning it on changes no existing step.
    public func slot(for duty: Duty, period: NominalPeriod) -> DutySlot {
        let dueDate = effectiveDueDate(period.nominalDueDate, rule: duty.dueOnRestDay)
        let dueAt = instant(dueDate, duty.dueTime)
        var opensAt: Date
        switch duty.opens {
        case .periodStart:
            switch period.start {
            case .date(let date): opensAt = date.startOfDay(in: zone)
            case .instant(let moment): opensAt = moment
            }
        case .before(let amount, let unit):
            opensAt = calendar.date(dueDate, offsetBy: -amount, unit: unit).startOfDay(in: zone)
        }
        if opensAt > dueAt { opensAt = dueDate.startOfDay(in: zone) }
        let shift = duty.notifyOnRestDay == .shift
        var reminders: [DutySlot.Step] = []
        for (index, offset) in duty.reminders.enumerated() {
            guard let sendAt = reminderInstant(offset, dueDate: dueDate, dueAt: dueAt, opensAt: opensAt, shift: shift),
                !reminders.contains(where: { $0.sendAt == sendAt })
            else { continue }
            reminders.append(DutySlot.Step(kind: .reminder, index: index, sendAt: sendAt, roles: []))
        }
        if duty.notifyOnOpen, let sendAt = openingReminderInstant(dueAt: dueAt, opensAt: opensAt, shift: shift),
            !reminders.contains(where: { $0.sendAt == sendAt })
        {
            reminders.append(DutySlot.Step(kind: .reminder, index: DutySlot.Step.openingIndex, sendAt: sendAt, roles: []))
        }
        reminders.sort { ($0.sendAt, $0.index) < ($1.sendAt, $1.index) }
        let escalations = duty.escalation.enumerated().map { index, step in
            DutySlot.Step(
                kind: .escalation, index: index,
                sendAt: escalationInstant(step.after, dueDate: dueDate, shift: shift), roles: step.roles)
        }
        return DutySlot(
            period: period, dueDate: dueDate, dueAt: dueAt, opensAt: opensAt, reminders: reminders,
            escalations: escalations)
    }

    /// The nominal date moved off a rest day by `due_on_rest_day`.
    public func effectiveDueDate(_ nominal: CalendarDate, rule: Duty.RestDayRule) -> CalendarDate {
        switch rule {
        case .keep: nominal
        case .previousWorkday: calendar.previousWorkday(onOrBefore: nominal)
        case .nextWorkday: calendar.nextWorkday(onOrAfter: nominal)
        }
    }

    /// A reminder's instant, nil when it is dropped (before the opening, or no workday left before the due
    /// instant).
    func reminderInstant(_ offset: ScheduleOffset, dueDate: CalendarDate, dueAt: Date, opensAt: Date, shift: Bool) -> Date? {
        let date = calendar.date(dueDate, offsetBy: offset.amount, unit: offset.unit)
        var local = LocalDateTime(date: date, time: offset.time)
        var moment = instant(local)
        if shift, !calendar.isWorkday(date) {
            if moment <= dueAt {
                // Before the deadline: earlier is the useful direction, but never before the opening.
                local.date = calendar.previousWorkday(onOrBefore: date.adding(days: -1))
                moment = instant(local)
                if moment < opensAt {
                    local.date = calendar.nextWorkday(onOrAfter: date.adding(days: 1))
                    moment = instant(local)
                    if moment > dueAt { return nil }
                }
            } else {
                local.date = calendar.nextWorkday(onOrAfter: date.adding(days: 1))
                moment = instant(local)
            }
        }
        if moment < opensAt { return nil }
        return deliver(moment, restDays: !shift, before: moment <= dueAt ? (dueAt, opensAt) : nil)
    }

    /// The opening reminder's instant (`notify_on_open`): the opening moved forward into the delivery window
    /// (with `shift` also past rest days when the window is workdays only), nil when that is after the due
    /// instant.
    func openingReminderInstant(dueAt: Date, opensAt: Date, shift: Bool) -> Date? {
        deliver(opensAt, restDays: !shift, before: (dueAt, opensAt))
    }

    /// An escalation step's instant: rest days move it to the next workday (`shift`).
    func escalationInstant(_ offset: ScheduleOffset, dueDate: CalendarDate, shift: Bool) -> Date {
        let date = calendar.date(dueDate, offsetBy: offset.amount, unit: offset.unit)
        var local = LocalDateTime(date: date, time: offset.time)
        if shift, !calendar.isWorkday(date) { local.date = calendar.nextWorkday(onOrAfter: date) }
        return deliver(instant(local), restDays: !shift, before: nil) ?? instant(local)
    }

    /// Applies the delivery window. `before` (due instant, opening) marks a reminder that must stay at or
    /// before the due instant: if moving forward would pass it, it moves back to the latest allowed moment,
    /// and is dropped (nil) if that is before the opening.
    func deliver(_ moment: Date, restDays: Bool, before bounds: (dueAt: Date, opensAt: Date)?) -> Date? {
        if deliveryWindow.isUnrestricted { return moment }
        let local = local(moment)
        let forward = instant(deliveryWindow.nextAllowed(onOrAfter: local, calendar: calendar, restDays: restDays))
        guard let bounds, forward > bounds.dueAt else { return forward }
        let backward = instant(deliveryWindow.previousAllowed(onOrBefore: local, calendar: calendar, restDays: restDays))
        return backward >= bounds.opensAt ? backward : nil
    }
}
