import DixianCore
import DixianScheduling
import Foundation
import Logging
import PostgresNIO

/// The outcome of one planning tick, as recorded in `schedule_ticks`.
public struct PlanningTickRecord: Sendable, Hashable {
    public var instanceID: UUID?
    public var clockAt: Date
    public var durationMilliseconds: Int
    public var application: PlanApplication

    public init(instanceID: UUID?, clockAt: Date, durationMilliseconds: Int, application: PlanApplication) {
        self.instanceID = instanceID
        self.clockAt = clockAt
        self.durationMilliseconds = durationMilliseconds
        self.application = application
    }
}

extension ScheduleStore {
    /// The fingerprint, horizon and clock instant of the last completely applied plan, nil before the first.
    public func lastApplied() async throws -> (fingerprint: String, horizonEnd: String, at: Date)? {
        try await self.run { connection in
            let rows = try await connection.query(
                "SELECT fingerprint, horizon_end::text, applied_at FROM schedule_state WHERE id = 1", logger: self.logger)
            for try await (fingerprint, horizon, at) in rows.decode((String, String, Date).self) {
                return (fingerprint, horizon, at)
            }
            return nil
        }
    }

    /// Records that the plan with `fingerprint` through `horizonEnd` is applied.
    public func recordApplied(fingerprint: String, horizonEnd: CalendarDate, at: Date) async throws {
        try await self.run { connection in
            try await connection.query(
                """
                INSERT INTO schedule_state (id, fingerprint, horizon_end, applied_at)
                VALUES (1, \(fingerprint), \(horizonEnd.description)::date, \(at))
                ON CONFLICT (id) DO UPDATE SET fingerprint = EXCLUDED.fingerprint,
                    horizon_end = EXCLUDED.horizon_end, applied_at = EXCLUDED.applied_at
                """,
                logger: self.logger)
        }
    }

    /// When each duty was first seen enabled; duties not yet known are recorded as enabled `at`.
    /// A duty whose `scheduleHash` changed keeps its date (a changed schedule is not a new duty).
    public func enabledSince(_ hashes: [String: String], at: Date) async throws -> [String: Date] {
        let ids = hashes.keys.sorted()
        let values = ids.map { hashes[$0]! }
        return try await self.run { connection in
            let rows = try await connection.query(
                """
                WITH upserted AS (
                    INSERT INTO schedule_duties (duty_id, enabled_since, schedule_hash)
                    SELECT d, \(at), h FROM unnest(\(ids)::text[], \(values)::text[]) AS t(d, h)
                    ON CONFLICT (duty_id) DO UPDATE SET schedule_hash = EXCLUDED.schedule_hash, updated_at = now()
                     WHERE schedule_duties.schedule_hash <> EXCLUDED.schedule_hash
                    RETURNING duty_id, enabled_since
                )
                SELECT duty_id, enabled_since FROM upserted
                UNION ALL
                SELECT duty_id, enabled_since FROM schedule_duties
                 WHERE duty_id = ANY(\(ids)::text[]) AND duty_id NOT IN (SELECT duty_id FROM upserted)
                """,
                logger: self.logger)
            var result: [String: Date] = [:]
            for try await (id, since) in rows.decode((String, Date).self) { result[id] = since }
            return result
        }
    }

    /// A stamp that changes whenever the org directory changes (units or officials added, changed or removed).
    ///
    /// Part of the planning fingerprint, so it must read the same on every connection: the latest change is
    /// written as microseconds since the epoch, not as `timestamptz` text, which follows the session's
    /// `TimeZone` and `DateStyle` and would differ between replicas configured differently.
    public func directoryStamp() async throws -> String {
        try await self.run { connection in
            let rows = try await connection.query(
                """
                SELECT (SELECT count(*) FROM org_units)::text || '/' ||
                       coalesce((SELECT (extract(epoch FROM max(updated_at)) * 1000000)::bigint FROM org_units)::text, '-') || '/' ||
                       (SELECT count(*) FROM officials)::text || '/' ||
                       coalesce((SELECT (extract(epoch FROM max(updated_at)) * 1000000)::bigint FROM officials)::text, '-')
                """,
                logger: self.logger)
            for try await stamp in rows.decode(String.self) { return stamp }
            return ""
        }
    }

    /// Appends a row to `schedule_ticks`.
    public func recordTick(_ tick: PlanningTickRecord) async throws {
        let application = tick.application
        try await self.run { connection in
            try await connection.query(
                """
                INSERT INTO schedule_ticks (instance_id, clock_at, duration_ms, occurrences_added, occurrences_withdrawn,
                                            notifications_added, notifications_cancelled)
                VALUES (\(tick.instanceID), \(tick.clockAt), \(tick.durationMilliseconds), \(application.occurrencesAdded),
                        \(application.occurrencesWithdrawn), \(application.notificationsAdded),
                        \(application.notificationsCancelled))
                """,
                logger: self.logger)
        }
    }
}
