import DixianCore
import DixianDirectory
import DixianDispatch
import DixianScheduling
import DixianStore
import DixianTestSupport
import Foundation
import PostgresNIO

/// A migrated database holding the demo county, and hand-made plans over its villages, so store
/// tests do not depend on the planner.
struct ScheduleFixture {
    let client: PostgresClient
    let demo: DemoCounty
    let store: ScheduleStore
    let outbox: OutboxStore

    static func with<R: Sendable>(_ body: @escaping @Sendable (ScheduleFixture) async throws -> R) async throws -> R {
        let catalogue = try PluginRoles.catalogue()
        let demoDirectory = PluginRoles.repositoryRoot.appendingPathComponent("config/demo").path
        return try await TestDatabase.withFreshDatabase { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                try await Migrator().migrate(client: client, logger: TestDatabase.logger)
                try await DirectoryStore.importDemoIfEmpty(
                    client: client, demoDirectory: demoDirectory, knownRoles: catalogue, logger: TestDatabase.logger)
                let fixture = ScheduleFixture(
                    client: client, demo: DemoCounty.generate(roles: catalogue),
                    store: ScheduleStore(client: client, logger: TestDatabase.logger),
                    outbox: OutboxStore(client: client, logger: TestDatabase.logger))
                return try await body(fixture)
            }
        }
    }

    /// The first `count` villages and, per village, its village cadres.
    func villages(_ count: Int) -> [(unit: OrgUnit, cadres: [Official])] {
        demo.units.filter { $0.level == .village }.prefix(count).map { unit in
            (unit, demo.officials.filter { $0.orgUnitCode == unit.code && $0.roles.contains("village_cadre") })
        }
    }

    /// A monthly duty's occurrences in `months` of 2026 at `villageCount` villages, each with reminders at
    /// `reminderDays` before the due date (09:00 +08:00) to every cadre on email.
    func plan(
        duty: String = "test.monthly", months: [Int], villageCount: Int, reminderDays: [Int] = [3, 1],
        dueHour: Int = 18
    ) -> SchedulePlan {
        var plan = SchedulePlan()
        for month in months {
            let due = CalendarDate(year: 2026, month: month, day: 10)!
            for (unit, cadres) in villages(villageCount) {
                let occurrence = PlannedOccurrence(
                    dutyID: duty, unitCode: unit.code, officialID: nil, periodKey: PeriodKey(rawValue: "2026-\(month)"),
                    periodLabel: "2026年\(month)月", nominalDueDate: due, dueDate: due,
                    dueAt: Self.instant(due, hour: dueHour), opensAt: Self.instant(due.firstOfMonth, hour: 0),
                    isUnassigned: false)
                plan.occurrences.append(occurrence)
                for (index, days) in reminderDays.enumerated() {
                    for cadre in cadres {
                        plan.notifications.append(
                            PlannedNotification(
                                occurrenceKey: occurrence.key, step: "r\(index)", kind: .reminder,
                                sendAt: Self.instant(due.adding(days: -days), hour: 9), recipientID: cadre.id,
                                roleID: "village_cadre", channel: "email"))
                    }
                }
            }
        }
        return plan
    }

    static func instant(_ date: CalendarDate, hour: Int, minute: Int = 0) -> Date {
        let seconds = (date.dayNumber * 86_400) + (hour - 8) * 3600 + minute * 60
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    static func scope(_ duties: Set<String> = ["test.monthly"], after: Date) -> PlanScope {
        PlanScope(dutyIDs: duties, after: after, through: CalendarDate(year: 2026, month: 12, day: 31)!)
    }
}
