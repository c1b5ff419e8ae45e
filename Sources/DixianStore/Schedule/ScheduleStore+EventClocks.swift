import DixianDirectory
import DixianScheduling
import Foundation
import Logging
import PostgresNIO

/// An event of the monitoring procedure (监测帮扶事件) that starts clocks, e.g. a household included in
/// monitoring (纳入监测) starts "help plan within 10 days" and "measures within 30 days".
public struct EventClockStart: Sendable, Hashable {
    /// The event id, e.g. `household_included` (`EventTrigger.Event.rawValue`).
    public var event: String
    /// The household's village.
    public var unitCode: DivisionCode
    /// The monitoring case number (no personal data).
    public var caseNumber: String
    /// The plugin whose rule raised an alert, nil for cadre reports and self-declarations.
    public var sourcePlugin: String?
    /// When the event happened.
    public var at: Date

    public init(event: String, unitCode: DivisionCode, caseNumber: String, sourcePlugin: String? = nil, at: Date) {
        self.event = event
        self.unitCode = unitCode
        self.caseNumber = caseNumber
        self.sourcePlugin = sourcePlugin
        self.at = at
    }
}

extension ScheduleStore {
    /// Records the event and writes the occurrences and messages `plan` returns for the clock's id — in
    /// one transaction. Recording the same event (event, case, instant) again changes nothing and
    /// returns the existing clock.
    public func startEventClock(
        _ start: EventClockStart,
        targets: [String: OccurrenceTarget] = [:],
        plan: @Sendable (Int64) throws -> SchedulePlan
    ) async throws -> (clockID: Int64, application: PlanApplication) {
        try await self.transaction { connection in
            try await Self.recordClock(start, targets: targets, plan: plan, connection, logger: self.logger)
        }
    }

    /// ``startEventClock(_:targets:plan:)`` for many events in one transaction: a screening that raises hundreds
    /// of alerts commits once, not once per alert. Returns the clock ids in the order of `starts`.
    public func startEventClocks(
        _ starts: [EventClockStart], plan: @Sendable (Int, Int64) throws -> SchedulePlan
    ) async throws -> [Int64] {
        guard !starts.isEmpty else { return [] }
        return try await self.transaction { connection in
            var clockIDs: [Int64] = []
            clockIDs.reserveCapacity(starts.count)
            for (index, start) in starts.enumerated() {
                let (clockID, _) = try await Self.recordClock(
                    start, targets: [:], plan: { try plan(index, $0) }, connection, logger: self.logger)
                clockIDs.append(clockID)
            }
            return clockIDs
        }
    }

    /// The clock, then its plan's occurrences and messages per duty, on `connection` (inside a transaction).
    static func recordClock(
        _ start: EventClockStart, targets: [String: OccurrenceTarget], plan: (Int64) throws -> SchedulePlan,
        _ connection: PostgresConnection, logger: Logger
    ) async throws -> (clockID: Int64, application: PlanApplication) {
        let clockID = try await insertClock(start, connection, logger: logger)
        let planned = try plan(clockID)
        var result = PlanApplication()
        for (dutyID, occurrences) in Dictionary(grouping: planned.occurrences, by: \.dutyID).sorted(by: { $0.key < $1.key }) {
            let keys = Set(occurrences.map(\.key))
            let messages = planned.notifications.filter { keys.contains($0.occurrenceKey) }
            result += try await write(
                occurrences, messages, target: targets[dutyID], eventClockID: clockID, connection, logger: logger)
        }
        return (clockID, result)
    }

    static func insertClock(_ start: EventClockStart, _ connection: PostgresConnection, logger: Logger) async throws -> Int64 {
        let unit = start.unitCode.description
        let rows = try await connection.query(
            """
            WITH inserted AS (
                INSERT INTO event_clocks (event, unit_code, case_number, source_plugin, event_at)
                VALUES (\(start.event), \(unit), \(start.caseNumber), \(start.sourcePlugin), \(start.at))
                ON CONFLICT (event, case_number, event_at) DO NOTHING
                RETURNING id
            )
            SELECT id FROM inserted
            UNION ALL
            SELECT id FROM event_clocks
             WHERE event = \(start.event) AND case_number = \(start.caseNumber) AND event_at = \(start.at)
            LIMIT 1
            """,
            logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        // Another transaction inserted the clock and committed while this statement waited on it: the INSERT did
        // nothing and the statement's snapshot predates that commit. A new statement sees it (the demo import's
        // screening and the planner's met so).
        let again = try await connection.query(
            """
            SELECT id FROM event_clocks
             WHERE event = \(start.event) AND case_number = \(start.caseNumber) AND event_at = \(start.at)
            """,
            logger: logger)
        for try await id in again.decode(Int64.self) { return id }
        throw StoreError(.scheduleFailed, "事件时钟写入失败 (event clock not recorded)")
    }
}
