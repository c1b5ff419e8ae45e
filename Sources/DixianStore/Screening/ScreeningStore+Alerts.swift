import DixianCore
import DixianDirectory
import Foundation
import Logging
import PostgresNIO

/// An open alert whose `alert_raised` clock has not been started yet.
public struct PendingAlertClock: Sendable, Hashable {
    public var alertID: Int64
    public var plugin: String
    public var unitCode: DivisionCode
    public var raisedAt: Date

    /// The case number (案件编号) an alert's clock carries: `YJ` and the alert's number, no personal data.
    public var caseNumber: String { Self.caseNumber(alertID) }

    public static func caseNumber(_ alertID: Int64) -> String {
        let digits = String(alertID)
        return "YJ" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}

extension ScreeningStore {
    /// Records the run and brings the rule's alerts in line with `dixian_matches`.
    static func reconcile(
        _ request: ScreeningRunRequest, _ result: inout ScreeningRunResult, _ connection: PostgresConnection,
        logger: Logger
    ) async throws {
        let runID = try await insertRun(request, result, connection, logger: logger)
        result.runID = runID
        let now = request.now
        let (plugin, rule) = (request.plugin, request.ruleID)
        result.newAlerts = try await count(
            """
            WITH raised AS (
                INSERT INTO alerts (plugin, rule_id, subject_key, resident_id, household_id, unit_code, severity,
                                    raised_at, last_matched_at, raised_by_run)
                SELECT DISTINCT ON (m.subject_key) \(plugin), \(rule), m.subject_key, m.resident_id, m.household_id,
                       u.code, \(request.severity), \(now), \(now), \(runID)
                  FROM dixian_matches m JOIN org_units u ON u.code = m.unit_code
                 WHERE m.result
                   AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.plugin = \(plugin) AND a.rule_id = \(rule)
                                      AND a.subject_key = m.subject_key AND a.status = 'open')
                ON CONFLICT DO NOTHING
                RETURNING 1
            )
            SELECT count(*)::int8 FROM raised
            """, connection, logger: logger)
        result.stillOpen = try await count(
            """
            WITH matched AS (
                UPDATE alerts a SET last_matched_at = \(now), still_matching = true, no_longer_matching_at = NULL
                  FROM dixian_matches m
                 WHERE a.status = 'open' AND a.plugin = \(plugin) AND a.rule_id = \(rule)
                   AND a.subject_key = m.subject_key AND m.result AND a.raised_by_run <> \(runID)
                RETURNING 1
            )
            SELECT count(*)::int8 FROM matched
            """, connection, logger: logger)
        // A row whose condition is now missing is not evidence either way: its alert is left as it was.
        result.noLongerMatching = try await count(
            """
            WITH gone AS (
                UPDATE alerts a SET still_matching = false, no_longer_matching_at = \(now)
                 WHERE a.status = 'open' AND a.plugin = \(plugin) AND a.rule_id = \(rule) AND a.still_matching
                   AND NOT EXISTS (SELECT 1 FROM dixian_matches m WHERE m.subject_key = a.subject_key AND m.result IS NOT FALSE)
                RETURNING 1
            )
            SELECT count(*)::int8 FROM gone
            """, connection, logger: logger)
        try await connection.query(
            """
            UPDATE screening_runs SET new_alerts = \(result.newAlerts), still_open = \(result.stillOpen),
                   no_longer_matching = \(result.noLongerMatching), duration_ms = \(result.durationMilliseconds)
             WHERE id = \(runID)
            """, logger: logger)
    }

    private static func insertRun(
        _ request: ScreeningRunRequest, _ result: ScreeningRunResult, _ connection: PostgresConnection, logger: Logger
    ) async throws -> Int64 {
        let asOfDate = request.asOf.description
        let rows = try await connection.query(
            """
            INSERT INTO screening_runs (plugin, rule_id, rule_hash, compiled_sql, trigger, as_of, dry_run, started_at,
                                        duration_ms, rows_screened, matched, new_alerts, still_open,
                                        no_longer_matching, data_missing)
            VALUES (\(request.plugin), \(request.ruleID), \(request.ruleHash), \(request.condition.text), \(request.trigger),
                    \(asOfDate)::date, false, \(request.now), \(result.durationMilliseconds), \(result.rowsScreened),
                    \(result.matched), 0, 0, 0, \(result.dataMissing))
            RETURNING id
            """, logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        throw StoreError(.screeningFailed, "筛查运行未记录 (run not recorded)")
    }

    private static func count(_ query: PostgresQuery, _ connection: PostgresConnection, logger: Logger) async throws -> Int {
        for try await value in try await connection.query(query, logger: logger).decode(Int64.self) { return Int(value) }
        return 0
    }

    /// Open alerts whose verification clock has not started: after a crash between the run and the clock, the
    /// next run starts them, so no alert is left without its deadline.
    public func alertsWithoutClock(limit: Int = 1000) async throws -> [PendingAlertClock] {
        try await client.withStoreConnection(failing: .screeningFailed, "预警查询失败 (alert query failed)") { connection in
            let rows = try await connection.query(
                """
                SELECT id, plugin, unit_code, raised_at FROM alerts
                 WHERE status = 'open' AND event_clock_id IS NULL ORDER BY id LIMIT \(limit)
                """, logger: logger)
            var result: [PendingAlertClock] = []
            for try await (id, plugin, unit, raisedAt) in rows.decode((Int64, String, String, Date).self) {
                result.append(PendingAlertClock(
                    alertID: id, plugin: plugin, unitCode: try DivisionCode(validating: unit), raisedAt: raisedAt))
            }
            return result
        }
    }

    /// Links alerts to the clocks their `alert_raised` events started, pairwise, in one statement.
    public func attachClocks(alertIDs: [Int64], clockIDs: [Int64]) async throws {
        _ = try await client.withStoreConnection(failing: .screeningFailed, "预警更新失败 (alert update failed)") { connection in
            try await connection.query(
                """
                UPDATE alerts SET event_clock_id = pair.clock_id
                  FROM unnest(\(alertIDs)::int8[], \(clockIDs)::int8[]) AS pair(alert_id, clock_id)
                 WHERE alerts.id = pair.alert_id AND alerts.event_clock_id IS NULL
                """,
                logger: logger)
        }
    }
}
