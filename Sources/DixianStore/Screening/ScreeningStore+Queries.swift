import DixianConsole
import DixianCore
import DixianDirectory
import Foundation
import PostgresNIO

extension ScreeningStore {
    /// Alerts matching `filter`, newest first.
    public func alerts(_ filter: AlertFilter) async throws -> [AlertRecord] {
        let prefix = filter.unit.map { $0.significantPrefix + "%" }
        return try await client.withStoreConnection(failing: .screeningFailed, "预警查询失败 (alert query failed)") { connection in
            let rows = try await connection.query(
                """
                SELECT id, plugin, rule_id, subject_key, resident_id, household_id, unit_code, severity, status,
                       still_matching, raised_at, last_matched_at, no_longer_matching_at, event_clock_id
                  FROM alerts
                 WHERE (\(prefix)::text IS NULL OR unit_code LIKE \(prefix)::text)
                   AND \(scope: filter.scope, unit: "unit_code", sector: "plugin")
                   AND (\(filter.plugin)::text IS NULL OR plugin = \(filter.plugin)::text)
                   AND (\(filter.ruleID)::text IS NULL OR rule_id = \(filter.ruleID)::text)
                   AND (\(filter.status)::text IS NULL OR status = \(filter.status)::text)
                 ORDER BY id DESC
                 LIMIT \(filter.limit)
                """, logger: logger)
            var result: [AlertRecord] = []
            for try await row in rows {
                result.append(try Self.decodeAlert(row.makeRandomAccess()))
            }
            return result
        }
    }

    /// One alert, nil when there is none with `id`.
    public func alert(id: Int64) async throws -> AlertRecord? {
        try await client.withStoreConnection(failing: .screeningFailed, "预警查询失败 (alert query failed)") { connection in
            let rows = try await connection.query(
                """
                SELECT id, plugin, rule_id, subject_key, resident_id, household_id, unit_code, severity, status,
                       still_matching, raised_at, last_matched_at, no_longer_matching_at, event_clock_id
                  FROM alerts WHERE id = \(id)
                """, logger: logger)
            for try await row in rows { return try Self.decodeAlert(row.makeRandomAccess()) }
            return nil
        }
    }

    /// The latest runs, newest first.
    public func runs(limit: Int = 50) async throws -> [ScreeningRunResult] {
        try await client.withStoreConnection(failing: .screeningFailed, "筛查记录查询失败 (run query failed)") { connection in
            let rows = try await connection.query(
                """
                SELECT id, plugin, rule_id, rows_screened, matched, new_alerts, still_open, no_longer_matching,
                       data_missing, duration_ms, dry_run
                  FROM screening_runs ORDER BY id DESC LIMIT \(limit)
                """, logger: logger)
            var result: [ScreeningRunResult] = []
            for try await (id, plugin, rule, screened, matched, new, open, gone, missing, duration, dry) in rows.decode(
                (Int64, String, String, Int, Int, Int, Int, Int, Int, Int, Bool).self)
            {
                result.append(ScreeningRunResult(
                    runID: id, plugin: plugin, ruleID: rule, period: nil, rowsScreened: screened, matched: matched,
                    newAlerts: new, stillOpen: open, noLongerMatching: gone, dataMissing: missing, unknownVillage: 0,
                    durationMilliseconds: duration, dryRun: dry))
            }
            return result
        }
    }

    static func decodeAlert(_ columns: PostgresRandomAccessRow) throws -> AlertRecord {
        AlertRecord(
            id: try columns["id"].decode(Int64.self),
            plugin: try columns["plugin"].decode(String.self),
            ruleID: try columns["rule_id"].decode(String.self),
            subjectKey: try columns["subject_key"].decode(String.self),
            residentID: try columns["resident_id"].decode(String?.self),
            householdID: try columns["household_id"].decode(String?.self),
            unitCode: try DivisionCode(validating: try columns["unit_code"].decode(String.self)),
            severity: try columns["severity"].decode(String.self),
            status: try columns["status"].decode(String.self),
            stillMatching: try columns["still_matching"].decode(Bool.self),
            raisedAt: try columns["raised_at"].decode(Date.self),
            lastMatchedAt: try columns["last_matched_at"].decode(Date.self),
            noLongerMatchingAt: try columns["no_longer_matching_at"].decode(Date?.self),
            eventClockID: try columns["event_clock_id"].decode(Int64?.self))
    }
}

extension ScreeningStore {
    /// When the last non-dry run started and when the last dataset was imported; nil when never.
    public func lastActivity() async throws -> (lastRun: Date?, lastImport: Date?) {
        try await client.withStoreConnection(failing: .screeningFailed, "筛查记录查询失败 (run query failed)") { connection in
            let rows = try await connection.query(
                """
                SELECT (SELECT max(started_at) FROM screening_runs WHERE NOT dry_run),
                       (SELECT max(imported_at) FROM data_imports WHERE period IS NOT NULL)
                """, logger: logger)
            for try await (run, imported) in rows.decode((Date?, Date?).self) { return (run, imported) }
            return (nil, nil)
        }
    }
}
