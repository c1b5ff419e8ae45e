import DixianCore
import DixianDirectory
import DixianPlugins
import DixianScheduling
import Foundation
import Testing

@Suite("The opening reminder (notify_on_open, plugins/README.md §8)")
struct OpeningReminderTests {
    static let village = Fixtures.directory.units(at: .village)[5]
    static let verification = Fixtures.plugins.duty(qualifiedID: "governance.alert_verification")!

    static func alert(at instant: Date) -> ScheduleEvent {
        ScheduleEvent(event: .alertRaised, unitCode: village, occurredAt: instant, clockID: "7")
    }

    static func slot(_ duty: Duty, alertAt instant: Date, context: ScheduleContext = Fixtures.context) throws -> DutySlot {
        try #require(EventClock(context: context).slot(for: duty, event: alert(at: instant)))
    }

    /// The shipped plugins with `notify_on_open` of one duty set to `flag`.
    static func plugins(_ qualifiedID: String, notifyOnOpen flag: Bool) throws -> PluginSet {
        var plugins = Fixtures.plugins
        let duty = try #require(plugins.duty(qualifiedID: qualifiedID))
        let index = try #require(plugins.plugins.firstIndex { $0.id == duty.pluginID })
        let dutyIndex = try #require(plugins.plugins[index].duties.firstIndex { $0.id == duty.id })
        plugins.plugins[index].duties[dutyIndex].notifyOnOpen = flag
        return plugins
    }

    @Test("an alert in working hours: the village is told at once, and reminded again on the due date")
    func atTheEvent() throws {
        #expect(Self.verification.notifyOnOpen)
        // Friday 3 July 10:15; due 7 days later, Friday 10 July 18:00 (keep).
        let slot = try Self.slot(Self.verification, alertAt: Fixtures.at("2026-07-03", 10, 15))
        #expect(slot.opensAt == Fixtures.at("2026-07-03", 10, 15))
        #expect(slot.reminders.map(\.id) == ["r-open", "r0"])
        #expect(slot.reminders.map(\.sendAt) == [Fixtures.at("2026-07-03", 10, 15), Fixtures.at("2026-07-10", 9)])
        #expect(slot.escalations.map(\.id) == ["e0", "e1"])
    }

    @Test("an alert at night or on a rest day: moved into the delivery window, not by the rest-day rule")
    func atNight() throws {
        // Monday 22:40 → Tuesday at the start of office hours.
        let monday = try Self.slot(Self.verification, alertAt: Fixtures.at("2026-07-06", 22, 40))
        #expect(monday.reminders.first?.id == "r-open")
        #expect(monday.reminders.first?.sendAt == Fixtures.at("2026-07-07", 8, 30))
        // Saturday 21:00: with `shift` the window is workdays only → Monday 08:30 (not Monday 21:00's next day).
        let saturday = try Self.slot(Self.verification, alertAt: Fixtures.at("2026-07-04", 21))
        #expect(saturday.reminders.first?.sendAt == Fixtures.at("2026-07-06", 8, 30))
        // `send` allows rest days: Sunday 08:30. Without a window: the alert's own instant.
        var send = Self.verification
        send.notifyOnRestDay = .send
        #expect(try Self.slot(send, alertAt: Fixtures.at("2026-07-04", 21)).reminders.first?.sendAt == Fixtures.at("2026-07-05", 8, 30))
        let always = try Self.slot(Self.verification, alertAt: Fixtures.at("2026-07-04", 21), context: SlotRuleTests.plain)
        #expect(always.reminders.first?.sendAt == Fixtures.at("2026-07-04", 21))
    }

    @Test("dropped when the delivery window would put it after the due instant")
    func droppedAfterDue() throws {
        var sameDay = Self.verification
        sameDay.recurrence = .afterEvent(EventTrigger(event: .alertRaised, delay: .days(0), alertsFrom: .any))
        sameDay.dueTime = TimeOfDay(hour: 8, minute: 0)!
        // 07:00 → 08:30 would pass the 08:00 deadline; there is no allowed moment between opening and due.
        let slot = try Self.slot(sameDay, alertAt: Fixtures.at("2026-07-03", 7))
        #expect(slot.dueAt == Fixtures.at("2026-07-03", 8))
        #expect(slot.reminders.map(\.id) == ["r0"])
    }

    @Test("a calendar duty: 00:00 of its opening day, in working hours; a list reminder at that instant wins")
    func calendarDuty() throws {
        var duty = Fixtures.duty(recurrence: .monthly(DayOfMonth(3)!), reminders: ["-1d@09:00"])
        duty.notifyOnOpen = true
        // Due Friday 3 July; opens with its period, Wednesday 1 July.
        let slot = SlotRuleTests.slot(duty, "2026-07-03", context: Fixtures.context)
        #expect(slot.reminders.map(\.id) == ["r-open", "r0"])
        #expect(slot.reminders.map(\.sendAt) == [Fixtures.at("2026-07-01", 8, 30), Fixtures.at("2026-07-02", 9)])
        #expect(SlotRuleTests.slot(duty, "2026-07-03").reminders.first?.sendAt == Fixtures.at("2026-07-01", 0))
        // `opens: "-10d"`: Tuesday 23 June.
        duty.opens = .before(amount: 10, unit: .days)
        #expect(SlotRuleTests.slot(duty, "2026-07-03", context: Fixtures.context).reminders.first?.sendAt == Fixtures.at("2026-06-23", 8, 30))
        // A reminder of the list at that very instant is sent once, under its own index.
        duty.reminders = try ["-10d@08:30", "-1d@09:00"].map { try ScheduleOffset(parsing: $0) }
        let merged = SlotRuleTests.slot(duty, "2026-07-03", context: Fixtures.context)
        #expect(merged.reminders.map(\.id) == ["r0", "r1"])
        #expect(merged.reminders.first?.sendAt == Fixtures.at("2026-06-23", 8, 30))
    }

    @Test("off (the default) changes nothing: a shipped event duty keeps its steps, keys and instants")
    func offKeepsAlertKeys() throws {
        let alert = Self.alert(at: Fixtures.at("2026-07-03", 10, 15))
        let on = SchedulePlanner(plugins: Fixtures.plugins, directory: Fixtures.directory, context: Fixtures.context).plan(event: alert)
        let offPlugins = try Self.plugins("governance.alert_verification", notifyOnOpen: false)
        let off = SchedulePlanner(plugins: offPlugins, directory: Fixtures.directory, context: Fixtures.context).plan(event: alert)
        #expect(off.occurrences == on.occurrences)
        #expect(Set(off.notifications.map(\.step)) == ["r0", "e0", "e1"])
        #expect(off.notifications == on.notifications.filter { $0.step != "r-open" })
        #expect(on.notifications.contains { $0.step == "r-open" })
        // The key's form, as stored outbox rows are matched by it.
        let occurrence = "governance.alert_verification/\(Self.village)/-/E7"
        #expect(off.notifications.filter { $0.kind == .reminder }.allSatisfy { $0.key.hasPrefix(occurrence + "/r0/") })
    }

    @Test("switching it on for a shipped calendar duty only adds r-open messages")
    func onOnlyAdds() throws {
        let from = SchedulePlannerTests.from, through = SchedulePlannerTests.through
        let id = "employment.employment_data_update"
        #expect(Fixtures.plugins.duty(qualifiedID: id)?.notifyOnOpen == false)
        let onPlugins = try Self.plugins(id, notifyOnOpen: true)
        let on = SchedulePlanner(plugins: onPlugins, directory: Fixtures.directory, context: Fixtures.context)
            .plan(from: from, through: through)
        let off = SchedulePlannerTests.plan
        #expect(on.occurrences == off.occurrences)
        #expect(on.notifications.filter { $0.step != "r-open" } == off.notifications)
        let opening = on.notifications.filter { $0.step == "r-open" }
        #expect(!opening.isEmpty && opening.allSatisfy { $0.occurrenceKey.hasPrefix(id + "/") })
        // Opens 10 days before the 3rd at 00:00: 23 June (Tuesday) → 08:30.
        let july = try #require(off.occurrences.first { $0.dutyID == id && $0.periodKey == "2026-07" })
        #expect(Set(opening.filter { $0.occurrenceKey == july.key }.map(\.sendAt)) == [Fixtures.at("2026-06-23", 8, 30)])
    }
}
