import DixianCore
import DixianScheduling
import Foundation
import Logging
import PostgresNIO

extension MonitoringStore {
    /// Marks the clock's open occurrences (of `dutyID`, or all) done as of the step's effective instant, cancels
    /// their pending reminders and escalations, and audits each, as a confirmation through the same channel
    /// would. A completion before the occurrence opened counts from its opening. Returns how many were met.
    @discardableResult
    static func meetClock(
        _ clockID: Int64, dutyID: String?, entry: CaseEntry, note: String, _ connection: PostgresConnection, logger: Logger
    ) async throws -> Int {
        let rows = try await connection.query(
            """
            UPDATE occurrences
               SET status = 'done', completed_at = GREATEST(\(entry.effectiveAt), opens_at), completed_by = \(entry.actor),
                   completion_channel = \(entry.channel.completionChannel), note = \(note), updated_at = now()
             WHERE event_clock_id = \(clockID) AND status = 'open'
               AND (\(dutyID)::text IS NULL OR duty_id = \(dutyID))
            RETURNING id
            """,
            logger: logger)
        var ids: [Int64] = []
        for try await id in rows.decode(Int64.self) { ids.append(id) }
        for id in ids {
            let cancelled = try await ScheduleStore.cancelPending(id, reason: "completed", connection, logger: logger)
            try await ScheduleStore.audit(
                "done", id, actor: entry.actor, channel: entry.channel.rawValue, at: entry.enteredAt,
                details: ["note": note, "effective_on": entry.effectiveOn.description, "cancelled_messages": String(cancelled)],
                connection, logger: logger)
        }
        return ids.count
    }

    /// Stops every open occurrence of the clocks (风险消除后时钟停止): not applicable any more, messages cancelled.
    static func stopClocks(
        _ clockIDs: [Int64], entry: CaseEntry, reason: String, _ connection: PostgresConnection, logger: Logger
    ) async throws -> Int {
        let rows = try await connection.query(
            """
            UPDATE occurrences SET status = 'not_applicable', note = \(reason), updated_at = now()
             WHERE event_clock_id = ANY(\(clockIDs)::int8[]) AND status = 'open'
            RETURNING id
            """,
            logger: logger)
        var ids: [Int64] = []
        for try await id in rows.decode(Int64.self) { ids.append(id) }
        for id in ids {
            let cancelled = try await ScheduleStore.cancelPending(id, reason: "not_applicable", connection, logger: logger)
            try await ScheduleStore.audit(
                "not_applicable", id, actor: entry.actor, channel: entry.channel.rawValue, at: entry.enteredAt,
                details: ["reason": reason, "cancelled_messages": String(cancelled)], connection, logger: logger)
        }
        return ids.count
    }

    /// Starts an event's clock on `connection`, with the occurrences and messages `plan` returns for its id.
    static func startClock(
        _ start: EventClockStart, plan: (Int64) throws -> SchedulePlan, _ connection: PostgresConnection, logger: Logger
    ) async throws -> Int64 {
        try await ScheduleStore.recordClock(start, targets: [:], plan: plan, connection, logger: logger).clockID
    }

    /// The number a signal's verification clock carries: `XH` and 8 digits, no personal data.
    public static func signalClockNumber(_ signalID: Int64) -> String {
        "XH" + zeroPadded(signalID)
    }

    /// A case's number (案件编号): `JC` and 8 digits.
    public static func caseNumber(_ caseID: Int64) -> String {
        "JC" + zeroPadded(caseID)
    }

    private static func zeroPadded(_ number: Int64) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}
