import DixianCore
import DixianDirectory
import DixianPlugins
import DixianScheduling
import Foundation
import Testing

@Suite("Event clocks (after_event)")
struct EventClockTests {
    static let planner = SchedulePlannerTests.planner
    static let village = Fixtures.directory.units(at: .village)[5]

    static func event(_ kind: EventTrigger.Event, source: String? = nil, helpers: [String] = ["H0001"]) -> ScheduleEvent {
        ScheduleEvent(
            event: kind, unitCode: village, occurredAt: Fixtures.at("2026-07-03", 10), clockID: "42", alertSource: source,
            helperIDs: helpers)
    }

    @Test("inclusion starts the 10-day and 30-day clocks at the household's village")
    func inclusion() throws {
        let plan = Self.planner.plan(event: Self.event(.householdIncluded))
        #expect(Set(plan.occurrences.map(\.dutyID)) == ["governance.help_plan_within_deadline", "governance.measures_within_deadline"])
        #expect(plan.occurrences.allSatisfy { $0.periodKey == "E42" && $0.periodLabel == "2026年7月3日纳入监测" && $0.unitCode == Self.village })
        let plan10 = try #require(plan.occurrences.first { $0.dutyID == "governance.help_plan_within_deadline" })
        #expect(plan10.nominalDueDate == Fixtures.day("2026-07-13"))
        #expect(plan10.dueAt == Fixtures.at("2026-07-13", 18))
        #expect(plan10.opensAt == Fixtures.at("2026-07-03", 10))
        #expect(plan10.key == "governance.help_plan_within_deadline/\(Self.village)/-/E42")
        // notify_on_open: at the inclusion itself. -1d (Sunday 12 July) moves to Friday 10 July 09:00, where -3d
        // already is: sent once, as r0.
        let reminders = plan.notifications.filter {
            $0.occurrenceKey == plan10.key && $0.kind == .reminder && $0.channel == "email"
        }.reduce(into: [PlannedNotification]()) { steps, message in
            if !steps.contains(where: { $0.step == message.step }) { steps.append(message) }
        }
        #expect(reminders.map(\.step) == ["r-open", "r0", "r2"])
        #expect(reminders.map(\.sendAt) == [Fixtures.at("2026-07-03", 10), Fixtures.at("2026-07-10", 9), Fixtures.at("2026-07-13", 9)])
        // The helper (household-bound) owns the 30-day clock: due Sunday 2 August (keep).
        let plan30 = try #require(plan.occurrences.first { $0.dutyID == "governance.measures_within_deadline" })
        #expect(plan30.dueDate == Fixtures.day("2026-08-02"))
        let helperMessages = plan.notifications.filter { $0.occurrenceKey == plan30.key && $0.kind == .reminder }
        #expect(Set(helperMessages.map(\.recipientID)) == ["H0001"])
        let escalations = plan.notifications.filter { $0.occurrenceKey == plan30.key && $0.kind == .escalation }
        #expect(Set(escalations.map { Fixtures.local($0.sendAt).date }) == Set(["2026-08-03", "2026-08-05", "2026-08-10"].map(Fixtures.day)))
    }

    @Test("no helper yet: the 30-day clock is unassigned and reminds the first escalation step")
    func noHelper() throws {
        let plan = Self.planner.plan(event: Self.event(.householdIncluded, helpers: []))
        let plan30 = try #require(plan.occurrences.first { $0.dutyID == "governance.measures_within_deadline" })
        #expect(plan30.isUnassigned)
        let reminders = plan.notifications.filter { $0.occurrenceKey == plan30.key && $0.kind == .reminder }
        #expect(!reminders.isEmpty && reminders.allSatisfy { $0.roleID == "village_secretary" })
    }

    @Test("alerts: alerts_from any reacts to every source; other events start nothing")
    func alerts() {
        let fromCadre = Self.planner.plan(event: Self.event(.alertRaised))
        #expect(fromCadre.occurrences.map(\.dutyID) == ["governance.alert_verification"])
        #expect(fromCadre.occurrences.first?.periodLabel == "2026年7月3日预警产生")
        #expect(Self.planner.plan(event: Self.event(.alertRaised, source: "credit")).occurrences.count == 1)
        #expect(Self.planner.plan(event: Self.event(.riskEliminated)).occurrences.isEmpty)
    }

    @Test("workday delays count workdays after the event's date")
    func workdays() {
        let clock = EventClock(context: Fixtures.context)
        let trigger = EventTrigger(event: .householdIncluded, delay: .workdays(5))
        #expect(clock.nominalDueDate(for: trigger, eventDate: Fixtures.day("2026-09-29")) == Fixtures.day("2026-10-12"))
        #expect(clock.nominalDueDate(for: EventTrigger(event: .householdIncluded, delay: .days(10)), eventDate: Fixtures.day("2026-09-29"))
            == Fixtures.day("2026-10-09"))
    }
}
