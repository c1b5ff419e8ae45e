import DixianCore
import DixianPlugins
import DixianScheduling
import Foundation
import Testing

@Suite("Due dates, opening, reminders and escalation on rest days (§8)")
struct SlotRuleTests {
    static let day = Fixtures.day
    static func at(_ date: String, _ hour: Int, _ minute: Int = 0) -> Date {
        Fixtures.at(date, hour, minute)
    }
    /// Rest-day rules alone, without working hours.
    static let plain = ScheduleContext(calendar: Fixtures.calendar, zone: Fixtures.shanghai, deliveryWindow: .always)

    static func slot(_ duty: Duty, _ nominal: String, context: ScheduleContext = plain) -> DutySlot {
        let period = duty.recurrence.periods(
            from: day(nominal), through: day(nominal), enabledAt: at("2026-01-01", 0), ruleStart: day("2026-01-01"))
        return context.slot(for: duty, period: period[0])
    }

    @Test("a due date on a holiday moves by due_on_rest_day; the label stays with the nominal date")
    func dueDate() {
        let monthly = Recurrence.monthly(DayOfMonth(3)!)
        let previous = Self.slot(Fixtures.duty(recurrence: monthly), "2026-10-03")
        #expect(previous.dueDate == Self.day("2026-09-30"))
        #expect(previous.dueAt == Self.at("2026-09-30", 18))
        #expect(previous.period.label == "2026年10月")
        let next = Self.slot(Fixtures.duty(recurrence: monthly, dueOnRestDay: .nextWorkday), "2026-10-03")
        #expect(next.dueDate == Self.day("2026-10-08"))
        let keep = Self.slot(Fixtures.duty(recurrence: monthly, dueOnRestDay: .keep), "2026-10-03")
        #expect(keep.dueDate == Self.day("2026-10-03"))
    }

    @Test("opening: period start, -N d, -N wd, and never after the due instant")
    func opening() {
        let monthly = Recurrence.monthly(DayOfMonth(3)!)
        #expect(Self.slot(Fixtures.duty(recurrence: monthly), "2026-07-03").opensAt == Self.at("2026-07-01", 0))
        #expect(Self.slot(Fixtures.duty(recurrence: monthly, opens: .before(amount: 10, unit: .days)), "2026-07-03").opensAt
            == Self.at("2026-06-23", 0))
        #expect(Self.slot(Fixtures.duty(recurrence: .monthly(DayOfMonth(6)!), opens: .before(amount: 2, unit: .workdays)), "2026-07-06").opensAt
            == Self.at("2026-07-02", 0))
        // Due 1 October moves to 30 September, before its period (October) starts: it opens that day.
        let first = Self.slot(Fixtures.duty(recurrence: .monthly(DayOfMonth(1)!)), "2026-10-01")
        #expect(first.dueDate == Self.day("2026-09-30"))
        #expect(first.opensAt == Self.at("2026-09-30", 0))
    }

    @Test("a before-due reminder on a rest day moves to the previous workday")
    func reminderEarlier() {
        // Due Tuesday 2026-07-07; -3d is Saturday 4 July → Friday 3 July 09:00.
        let slot = Self.slot(Fixtures.duty(recurrence: .monthly(DayOfMonth(7)!)), "2026-07-07")
        #expect(slot.reminders.map(\.id) == ["r0", "r1", "r2"])
        #expect(slot.reminders.map(\.sendAt) == [Self.at("2026-07-03", 9), Self.at("2026-07-06", 9), Self.at("2026-07-07", 9)])
        #expect(slot.escalations.map(\.sendAt) == [Self.at("2026-07-08", 9)])
    }

    @Test("never before the opening: then the next workday, dropped when that is after the due instant")
    func reminderAfterOpening() {
        // Due Monday 2026-08-03 (keep), opens 1 August (Saturday): -1d is Sunday 2 August; the previous
        // workday (31 July) is before the opening, the next workday is 3 August 09:00, before the due time.
        let duty = Fixtures.duty(recurrence: .monthly(DayOfMonth(3)!), dueOnRestDay: .keep, reminders: ["-1d@09:00"])
        #expect(Self.slot(duty, "2026-08-03").reminders.map(\.sendAt) == [Self.at("2026-08-03", 9)])
        // With a due time of 08:00 the next workday's 09:00 is after the due instant: dropped.
        let early = Fixtures.duty(recurrence: .monthly(DayOfMonth(3)!), dueTime: "08:00", dueOnRestDay: .keep, reminders: ["-1d@09:00"])
        #expect(Self.slot(early, "2026-08-03").reminders.isEmpty)
        // A reminder before the opening on a workday is dropped, and the others keep their indexes.
        let before = Fixtures.duty(recurrence: .monthly(DayOfMonth(7)!), reminders: ["-10d", "-1d"])
        #expect(Self.slot(before, "2026-07-07").reminders.map(\.id) == ["r1"])
    }

    @Test("after-due reminders and escalation steps on rest days move to the next workday; send keeps them")
    func afterDue() {
        // Due Wednesday 2026-09-30; +1d is 1 October (国庆节) → 8 October.
        let duty = Fixtures.duty(recurrence: .monthly(DayOfMonth(-1)!), reminders: ["+2d@10:00"], escalation: ["+1d@09:00", "+2wd@09:00"])
        let slot = Self.slot(duty, "2026-09-30")
        #expect(slot.reminders.map(\.sendAt) == [Self.at("2026-10-08", 10)])
        // Mixed units only to exercise both here (the loader forbids mixing in one ladder).
        #expect(slot.escalations.map(\.sendAt) == [Self.at("2026-10-08", 9), Self.at("2026-10-09", 9)])
        let send = Fixtures.duty(recurrence: .monthly(DayOfMonth(-1)!), notify: .send, reminders: ["+2d@10:00"], escalation: ["+1d@09:00"])
        let sent = Self.slot(send, "2026-09-30")
        #expect(sent.reminders.map(\.sendAt) == [Self.at("2026-10-02", 10)])
        #expect(sent.escalations.map(\.sendAt) == [Self.at("2026-10-01", 9)])
    }

    @Test("reminders landing on one instant are sent once, under the lowest index")
    func merged() {
        // Due Monday 2026-07-06: -2d (Saturday) and -3d (Friday) both become Friday 09:00.
        let duty = Fixtures.duty(recurrence: .monthly(DayOfMonth(6)!), reminders: ["-3d", "-2d", "0d"])
        let slot = Self.slot(duty, "2026-07-06")
        #expect(slot.reminders.map(\.id) == ["r0", "r2"])
    }

    @Test("never at 03:00 on a holiday: office hours move it to the next allowed moment")
    func officeHours() {
        let context = Fixtures.context
        // An escalation at +1d@03:00 after a due date of 30 September lands on 1 October (holiday).
        let duty = Fixtures.duty(recurrence: .monthly(DayOfMonth(-1)!), reminders: ["0d@07:00", "+1d@03:00"], escalation: ["+1d@03:00"])
        let slot = Self.slot(duty, "2026-09-30", context: context)
        #expect(slot.reminders.map(\.sendAt) == [Self.at("2026-09-30", 8, 30), Self.at("2026-10-08", 8, 30)])
        #expect(slot.escalations.map(\.sendAt) == [Self.at("2026-10-08", 8, 30)])
        // With send the rest day stays, but the hour still moves into office hours.
        let send = Fixtures.duty(recurrence: .monthly(DayOfMonth(-1)!), notify: .send, reminders: ["+1d@03:00"], escalation: [])
        #expect(Self.slot(send, "2026-09-30", context: context).reminders.map(\.sendAt) == [Self.at("2026-10-01", 8, 30)])
        // A before-due reminder pushed past a 08:00 deadline moves back to the previous workday's end.
        let early = Fixtures.duty(recurrence: .monthly(DayOfMonth(7)!), dueTime: "08:00", reminders: ["0d@07:00"])
        #expect(Self.slot(early, "2026-07-07", context: context).reminders.map(\.sendAt) == [Self.at("2026-07-06", 17, 30)])
    }

    @Test("delivery window moves forward and backward")
    func deliveryWindow() {
        let window = DeliveryWindow.officeHours
        let calendar = Fixtures.calendar
        func local(_ date: String, _ hour: Int, _ minute: Int = 0) -> LocalDateTime {
            LocalDateTime(date: Self.day(date), hour: hour, minute: minute)!
        }
        #expect(window.nextAllowed(onOrAfter: local("2026-07-03", 7), calendar: calendar) == local("2026-07-03", 8, 30))
        #expect(window.nextAllowed(onOrAfter: local("2026-07-03", 18), calendar: calendar) == local("2026-07-06", 8, 30))
        #expect(window.nextAllowed(onOrAfter: local("2026-07-03", 17, 30), calendar: calendar) == local("2026-07-03", 17, 30))
        #expect(window.nextAllowed(onOrAfter: local("2026-09-30", 20), calendar: calendar) == local("2026-10-08", 8, 30))
        #expect(window.nextAllowed(onOrAfter: local("2026-10-04", 3), calendar: calendar, restDays: true) == local("2026-10-04", 8, 30))
        #expect(window.previousAllowed(onOrBefore: local("2026-10-08", 7), calendar: calendar) == local("2026-09-30", 17, 30))
        #expect(window.allows(local("2026-10-10", 9), calendar: calendar))
        #expect(!window.allows(local("2026-10-01", 9), calendar: calendar))
        #expect(DeliveryWindow.always.allows(local("2026-10-01", 3), calendar: calendar))
    }
}
