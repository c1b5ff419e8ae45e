import DixianCore
import DixianPlugins
import DixianScheduling
import Foundation
import Testing

@Suite("Random duties and dates: every computed instant obeys the rules")
struct SlotPropertyTests {
    static func randomOffset(_ random: inout SeededRandom, after: Bool) -> String {
        let unit = random.below(3) == 0 ? "wd" : "d"
        let amount = after ? 1 + random.below(10) : random.below(15)
        let time = String(format: "%02d:%02d", random.below(24), random.below(4) * 15)
        return (after ? "+" : "-") + "\(amount)\(unit)@\(time)"
    }

    @Test("rest-day rules, opening, delivery window", arguments: [1, 2, 3, 4] as [UInt64])
    func invariants(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let context = Fixtures.context
        let calendar = context.calendar
        for _ in 0..<400 {
            let notify: Duty.NotificationRule = random.below(4) == 0 ? .send : .shift
            let dueRule = random.pick(Duty.RestDayRule.allCases)
            let opens: OccurrenceOpening =
                random.below(2) == 0 ? .periodStart : .before(amount: 1 + random.below(12), unit: random.below(2) == 0 ? .days : .workdays)
            let reminders = Set((0..<(1 + random.below(4))).map { _ in Self.randomOffset(&random, after: random.below(4) == 0) })
            let escalation = (0..<random.below(3)).map { _ in Self.randomOffset(&random, after: true) }
            var duty = Fixtures.duty(
                recurrence: .monthly(DayOfMonth(random.below(2) == 0 ? 1 + random.below(28) : -1 - random.below(5))!),
                dueTime: String(format: "%02d:00", 8 + random.below(11)), dueOnRestDay: dueRule, notify: notify, opens: opens,
                reminders: Array(reminders).sorted(), escalation: escalation)
            duty.notifyOnOpen = random.below(2) == 0
            let month = 1 + random.below(12)
            let periods = duty.recurrence.periods(
                from: CalendarDate(year: 2026, month: month, day: 1)!, through: CalendarDate(year: 2026, month: month, day: 1)!.lastOfMonth,
                enabledAt: Fixtures.at("2026-01-01", 0), ruleStart: Fixtures.day("2026-01-01"))
            let slot = context.slot(for: duty, period: periods[0])
            if dueRule != .keep { #expect(calendar.isWorkday(slot.dueDate)) }
            #expect(slot.opensAt <= slot.dueAt)
            #expect(Set(slot.reminders.map(\.sendAt)).count == slot.reminders.count)
            for step in slot.reminders + slot.escalations {
                let local = Fixtures.local(step.sendAt)
                #expect(context.deliveryWindow.allows(local, calendar: calendar, restDays: notify == .send), "\(duty.reminders) \(local)")
                if step.index == DutySlot.Step.openingIndex {
                    #expect(duty.notifyOnOpen && step.kind == .reminder)
                    #expect(step.sendAt >= slot.opensAt && step.sendAt <= slot.dueAt)
                    continue
                }
                let offset = step.kind == .reminder ? duty.reminders[step.index] : duty.escalation[step.index].after
                let raw = LocalDateTime(date: calendar.date(slot.dueDate, offsetBy: offset.amount, unit: offset.unit), time: offset.time)
                    .instant(in: Fixtures.shanghai)
                if step.kind == .reminder {
                    #expect(step.sendAt >= slot.opensAt)
                    // A reminder meant for before the deadline never ends up after it.
                    if raw <= slot.dueAt { #expect(step.sendAt <= slot.dueAt) } else { #expect(step.sendAt >= raw) }
                } else {
                    #expect(step.sendAt >= raw)
                }
            }
        }
    }
}
