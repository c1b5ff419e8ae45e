import DixianCore
import DixianDirectory
import DixianDispatch
import DixianPlugins
import DixianScheduling
import DixianStore
import Foundation
import PostgresNIO

/// A small schedule around the real clock, for end-to-end tests of `dixian duty` and the duty API
/// (the CLI and the daemon read the wall clock, so fixed dates would drift into the past).
///
/// Over the demo county (migrated and imported into the given database):
/// - `test.visits` (target ≥ 12) at a village of the first town: one occurrence overdue (due
///   yesterday), one open (due in 10 days), one not yet open (opens in 20 days);
/// - `test.report` at a village of another town: open, due in 5 days.
/// Every occurrence has pending email reminders to the village's cadres.
public struct ScheduleTestPlan: Sendable {
    public var firstTown: DivisionCode
    public var otherTown: DivisionCode
    public var overdueID: Int64
    public var openID: Int64
    public var notYetOpenID: Int64
    public var otherTownID: Int64
    /// A village cadre of the first village, an official in the directory.
    public var cadreID: String

    /// Migrates, imports the demo county, applies the plan; returns the ids to test with.
    public static func install(client: PostgresClient, now: Date = Date()) async throws -> ScheduleTestPlan {
        let logger = TestDatabase.logger
        try await Migrator().migrate(client: client, logger: logger)
        let root = DixianBinary.packageRoot
        let roles = try PluginLoader.load(pluginsDirectory: root + "/plugins").roleCatalogue
        _ = try await DirectoryStore.importDemoIfEmpty(
            client: client, demoDirectory: root + "/config/demo", knownRoles: roles, logger: logger)
        let directory = DirectoryStore(client: client, logger: logger)
        let villages = try await directory.units().filter { $0.level == .village }
        guard let first = villages.first,
              let other = villages.first(where: { $0.parentCode != first.parentCode }),
              let firstTown = first.parentCode, let otherTown = other.parentCode
        else { throw TestSupportError("the demo county has no villages in two towns") }
        let firstCadres = try await directory.officials(under: first.code, role: "village_cadre").map(\.id)
        let otherCadres = try await directory.officials(under: other.code, role: "village_cadre").map(\.id)
        guard let cadre = firstCadres.first else { throw TestSupportError("no village cadre at \(first.code)") }

        let day: TimeInterval = 86_400
        var plan = SchedulePlan()
        func add(_ duty: String, _ unit: DivisionCode, _ period: String, due: Date, opens: Date, cadres: [String]) -> String {
            let date = Self.calendarDate(due)
            let occurrence = PlannedOccurrence(
                dutyID: duty, unitCode: unit, officialID: nil, periodKey: PeriodKey(rawValue: period), periodLabel: "测试期 \(period)",
                nominalDueDate: date, dueDate: date, dueAt: due, opensAt: opens, isUnassigned: false)
            plan.occurrences.append(occurrence)
            for (step, sendAt) in [("r0", due - 2 * day), ("r1", due - day)] {
                for recipient in cadres {
                    plan.notifications.append(
                        PlannedNotification(
                            occurrenceKey: occurrence.key, step: step, kind: .reminder, sendAt: sendAt,
                            recipientID: recipient, roleID: "village_cadre", channel: "email"))
                }
            }
            return occurrence.key
        }
        let overdue = add("test.visits", first.code, "P1", due: now - day, opens: now - 10 * day, cadres: firstCadres)
        let open = add("test.visits", first.code, "P2", due: now + 10 * day, opens: now - 5 * day, cadres: firstCadres)
        let future = add("test.visits", first.code, "P3", due: now + 40 * day, opens: now + 20 * day, cadres: firstCadres)
        let report = add("test.report", other.code, "P1", due: now + 5 * day, opens: now - 3 * day, cadres: otherCadres)

        let store = ScheduleStore(client: client, logger: logger)
        _ = try await store.apply(
            plan,
            scope: PlanScope(
                dutyIDs: ["test.visits", "test.report"], after: now - 30 * day,
                through: Self.calendarDate(now + 60 * day)),
            targets: ["test.visits": OccurrenceTarget(value: 12, comparison: "at_least")])
        let stored = try await store.occurrences(OccurrenceFilter(), now: now)
        func id(_ key: String) throws -> Int64 {
            guard let record = stored.first(where: { $0.key == key }) else { throw TestSupportError("not stored: \(key)") }
            return record.id
        }
        return ScheduleTestPlan(
            firstTown: firstTown, otherTown: otherTown, overdueID: try id(overdue), openID: try id(open),
            notYetOpenID: try id(future), otherTownID: try id(report), cadreID: cadre)
    }

    /// The date of `instant` in Asia/Shanghai, the zone of the demo configuration.
    static func calendarDate(_ instant: Date) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        return CalendarDate(year: c.year!, month: c.month!, day: c.day!)!
    }
}

extension OutboxStore {
    /// Claims the fixture's due email messages one by one, without digests, as a dispatcher would
    /// (`claimer` is not a live session: nothing here reclaims).
    public func claimEach(now: Date, limit: Int) async throws -> [OutboxMessage] {
        let request = OutboxClaimRequest(
            channel: "email", groupsAllRecipients: false, now: now, limit: limit, digestWindow: 0, digestMaxItems: 1,
            lease: 600, claimer: "test")
        return try await claim(request).flatMap(\.messages)
    }

    /// Records a claimed message as delivered on its own.
    public func markSent(_ message: OutboxMessage, at: Date) async throws {
        try await markDelivered(ids: [message.id], deliveredAs: message.key, at: at)
    }
}
