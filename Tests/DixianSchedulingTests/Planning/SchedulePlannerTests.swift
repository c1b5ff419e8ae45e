import DixianCore
import DixianDirectory
import DixianPlugins
import DixianScheduling
import Foundation
import Testing

@Suite("Planning the demo county with the shipped plugins")
struct SchedulePlannerTests {
    static let from = Fixtures.at("2026-07-01", 0)
    static let through = Fixtures.day("2026-09-30")
    static let planner = SchedulePlanner(plugins: Fixtures.plugins, directory: Fixtures.directory, context: Fixtures.context)
    static let plan = planner.plan(from: from, through: through)

    @Test("every village-level monthly duty has one occurrence per village per month")
    func villageMonthly() throws {
        let villages = Fixtures.directory.units(at: .village)
        #expect(villages.count == 184)
        let duties = Fixtures.plugins.enabledDuties.filter {
            guard case .monthly = $0.recurrence, let role = Fixtures.plugins.role(id: $0.owner.role) else { return false }
            return role.level == .village && role.isEveryUnit && $0.owner.per == .unit
        }
        #expect(duties.map(\.qualifiedID).contains("employment.employment_data_update"))
        for duty in duties {
            // Rural-only duties skip the 11 urban 社区 (UnitScopeTests).
            let expected = villages.filter { Fixtures.directory.admits($0, duty.units) }
            #expect(expected.count == (duty.units == .rural ? 173 : 184), "\(duty.qualifiedID)")
            let occurrences = Self.plan.occurrences.filter { $0.dutyID == duty.qualifiedID }
            #expect(occurrences.count == expected.count * 3, "\(duty.qualifiedID)")
            #expect(Set(occurrences.map(\.unitCode)) == Set(expected))
            #expect(Set(occurrences.map(\.periodKey)) == ["2026-07", "2026-08", "2026-09"])
        }
    }

    @Test("employment data: due by the 3rd (keep), opens 10 days before, reminders to the village cadre")
    func employmentData() throws {
        let occurrences = Self.plan.occurrences.filter { $0.dutyID == "employment.employment_data_update" }
        #expect(Set(occurrences.map(\.dueDate)) == Set(["2026-07-03", "2026-08-03", "2026-09-03"].map(Fixtures.day)))
        let july = try #require(occurrences.first { $0.periodKey == "2026-07" })
        #expect(july.periodLabel == "2026年7月")
        #expect(july.dueAt == Fixtures.at("2026-07-03", 18))
        #expect(july.opensAt == Fixtures.at("2026-06-23", 0))
        #expect(!july.isUnassigned)
        let messages = Self.plan.notifications.filter { $0.occurrenceKey == july.key }
        #expect(Set(messages.filter { $0.kind == .reminder }.map(\.roleID)) == ["village_cadre"])
        #expect(Set(messages.filter { $0.kind == .escalation }.map(\.step)) == ["e0", "e1", "e2"])
        // -5d is Sunday 28 June → Friday 26 June; -1d 2 July; 0d 3 July.
        let reminders = Set(messages.filter { $0.kind == .reminder }.map { Fixtures.local($0.sendAt).date })
        #expect(reminders == Set(["2026-06-26", "2026-07-02", "2026-07-03"].map(Fixtures.day)))
    }

    @Test("quarterly and county duties appear; September's month-end rules hold")
    func quarterly() {
        let meeting = Self.plan.occurrences.filter { $0.dutyID == "governance.quarterly_progress_meeting" }
        #expect(meeting.count == 1)
        #expect(meeting.first?.periodKey == "2026-Q3")
        #expect(meeting.first?.periodLabel == "2026年第三季度")
        #expect(meeting.first?.unitCode == DemoCounty.countyCode)
        #expect(meeting.first?.dueDate == Fixtures.day("2026-09-30"))
        let towns = Fixtures.directory.units(at: .town).count
        #expect(Self.plan.occurrences.filter { $0.dutyID == "housing.housing_safety_screening" }.count == towns)
        // Weekly reports: one per town per ISO week whose due date falls in the range.
        #expect(Self.plan.occurrences.contains { $0.dutyID == "governance.weekly_statistical_report" && $0.periodKey == "2026-W31" })
    }

    @Test("no message on a holiday or outside office hours unless the duty says send")
    func deliveryRules() {
        let sendDuties = Set(Fixtures.plugins.enabledDuties.filter { $0.notifyOnRestDay == .send }.map(\.qualifiedID))
        let window = DeliveryWindow.officeHours
        for notification in Self.plan.notifications {
            let local = Fixtures.local(notification.sendAt)
            let duty = String(notification.occurrenceKey.prefix { $0 != "/" })
            #expect(window.allows(local, calendar: Fixtures.calendar, restDays: sendDuties.contains(duty)), "\(notification.key) at \(local)")
            if !sendDuties.contains(duty) { #expect(Fixtures.calendar.holidayName(on: local.date) == nil) }
        }
    }

    @Test("occurrences are planned iff due after enabledSince and nominally due by the horizon; keys unique")
    func boundsAndKeys() throws {
        let plan = Self.plan
        #expect(plan.occurrences.allSatisfy { $0.dueAt > Self.from && $0.nominalDueDate <= Self.through })
        #expect(Set(plan.occurrences.map(\.key)).count == plan.occurrences.count)
        #expect(Set(plan.notifications.map(\.key)).count == plan.notifications.count)
        let keys = Set(plan.occurrences.map(\.key))
        #expect(plan.notifications.allSatisfy { keys.contains($0.occurrenceKey) })
        #expect(plan.occurrences.allSatisfy { $0.opensAt <= $0.dueAt })
        #expect(plan.occurrences == plan.occurrences.sorted { ($0.dueAt, $0.key) < ($1.dueAt, $1.key) })
        #expect(plan.notifications == plan.notifications.sorted { ($0.sendAt, $0.key) < ($1.sendAt, $1.key) })
        #expect(!plan.occurrences.contains { $0.dutyID.hasPrefix("governance.campaign") })  // disabled
        #expect(!plan.occurrences.contains { $0.periodKey.isEventClock })  // event clocks
        // A duty enabled later plans nothing before that moment.
        let later = Self.planner.plan(
            from: Self.from, through: Self.through,
            enabledSince: ["employment.employment_data_update": Fixtures.at("2026-08-10", 0)])
        #expect(Set(later.occurrences.filter { $0.dutyID == "employment.employment_data_update" }.map(\.periodKey)) == ["2026-09"])
        #expect(plan.warnings.isEmpty, "\(plan.warnings)")
    }

    @Test("planning twice gives the same plan")
    func deterministic() {
        #expect(Self.planner.plan(from: Self.from, through: Self.through) == Self.plan)
    }

    @Test("an unassigned owner: reminders go to the first escalation step; warnings are summarised")
    func unassigned() throws {
        let officials = Fixtures.county.officials.map { official -> Official in
            var official = official
            if official.roles.contains("village_cadre") { official.active = false }
            return official
        }
        let planner = SchedulePlanner(
            plugins: Fixtures.plugins, directory: DirectoryIndex(units: Fixtures.county.units, officials: officials),
            context: Fixtures.context)
        let plan = planner.plan(from: Self.from, through: Self.through)
        let occurrence = try #require(plan.occurrences.first { $0.dutyID == "employment.employment_data_update" })
        #expect(occurrence.isUnassigned)
        let reminders = plan.notifications.filter { $0.occurrenceKey == occurrence.key && $0.kind == .reminder }
        #expect(!reminders.isEmpty && reminders.allSatisfy { $0.roleID == "town_working_group" })
        // The village cadre's duties are rural-only: the 11 urban 社区 never ask for one.
        #expect(plan.warnings.contains { $0.contains("village_cadre") && $0.contains("173 个单位") })
        #expect(plan.warnings.filter { $0.contains("village_cadre") }.count == 1)
        #expect(plan.warnings.contains { $0.contains("employment.employment_data_update") && $0.contains("督办第一级") })
    }

    @Test("an uncovered year is warned about; the horizon is the end of the next quarter")
    func horizonAndCoverage() {
        #expect(SchedulePlanner.horizonEnd(after: Fixtures.at("2026-07-15", 12), zone: Fixtures.shanghai) == Fixtures.day("2026-12-31"))
        #expect(SchedulePlanner.horizonEnd(after: Fixtures.at("2026-11-02", 12), zone: Fixtures.shanghai) == Fixtures.day("2027-03-31"))
        #expect(SchedulePlanner.horizonEnd(after: Fixtures.at("2026-03-31", 23, 59), zone: Fixtures.shanghai) == Fixtures.day("2026-06-30"))
        let plan = Self.planner.plan(from: Fixtures.at("2026-12-01", 0), through: Fixtures.day("2027-01-31"))
        #expect(plan.warnings.first?.hasPrefix("2027年节假日安排未配置") == true)
        #expect(!plan.warnings.contains { $0.hasPrefix("2026年") })
    }
}
