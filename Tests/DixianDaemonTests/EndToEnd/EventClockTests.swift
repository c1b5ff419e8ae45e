import DixianCore
import DixianDaemon
import DixianDirectory
import DixianScheduling
import DixianStore
import DixianTestSupport
import Foundation
import Testing

@Suite("Event clocks: an inclusion starts the 10-day and 30-day deadlines")
struct EventClockTests {
    @Test("a household included on 3 July: help plan due 13 July, measures due 2 August, recorded once")
    func householdIncluded() async throws {
        let running = try DaemonOptions().loadRunningConfiguration()
        try await TestDatabase.withFreshDatabase { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                try await Migrator().migrate(client: client, logger: TestDatabase.logger)
                try await DirectoryStore.importDemoIfEmpty(
                    client: client, demoDirectory: "config/demo", knownRoles: running.roleCatalogue, logger: TestDatabase.logger)
                let directory = DirectoryStore(client: client, logger: TestDatabase.logger)
                let units = try await directory.units()
                let officials = try await directory.officials()
                let village = try #require(units.first { $0.level == .village })
                let helpers = officials.filter { $0.orgUnitCode == village.code && $0.roles.contains("helper") }.map(\.id)
                let zone = TimeZone(identifier: "Asia/Shanghai")!
                let planner = SchedulePlanner(
                    plugins: running.plugins, directory: DirectoryIndex(units: units, officials: officials),
                    context: ScheduleContext(calendar: running.calendar, zone: zone))
                // 2026-07-03 10:00 +08:00
                let at = Date(timeIntervalSince1970: 1_783_044_000)
                let start = EventClockStart(event: "household_included", unitCode: village.code, caseNumber: "JC-2026-0001", at: at)
                let store = ScheduleStore(client: client, logger: TestDatabase.logger)
                let (clockID, first) = try await store.startEventClock(start) { id in
                    planner.plan(event: ScheduleEvent(
                        event: .householdIncluded, unitCode: village.code, occurredAt: at, clockID: String(id), helperIDs: helpers))
                }
                #expect(first.occurrencesAdded == 2)
                #expect(first.notificationsAdded > 0)
                let occurrences = try await store.occurrences(OccurrenceFilter(), now: at)
                let byDuty = Dictionary(uniqueKeysWithValues: occurrences.map { ($0.dutyID, $0) })
                #expect(byDuty["governance.help_plan_within_deadline"]?.dueDate.description == "2026-07-13")
                #expect(byDuty["governance.measures_within_deadline"]?.dueDate.description == "2026-08-02")
                #expect(occurrences.allSatisfy { $0.periodKey.rawValue == "E\(clockID)" && $0.periodLabel.contains("纳入监测") })
                #expect(byDuty["governance.measures_within_deadline"]?.isUnassigned == helpers.isEmpty)

                let (again, second) = try await store.startEventClock(start) { id in
                    planner.plan(event: ScheduleEvent(
                        event: .householdIncluded, unitCode: village.code, occurredAt: at, clockID: String(id), helperIDs: helpers))
                }
                #expect(again == clockID)
                #expect(second.isEmpty)
                // Planning ticks never withdraw event occurrences.
                let withdrawn = try await store.apply(
                    SchedulePlan(), scope: PlanScope(dutyIDs: [], after: at, through: CalendarDate(year: 2026, month: 12, day: 31)!))
                #expect(withdrawn.occurrencesWithdrawn == 0)
            }
        }
    }
}
