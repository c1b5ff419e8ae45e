import Foundation
import Logging
import PostgresNIO

/// Reads ``WorkFigures``: a handful of grouped counts, read only, cheap enough for every replica each minute.
public struct WorkFiguresStore: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// The figures as of `now` (the daemon's clock: deadlines passed by then are overdue). `helpPlanDutyID` and
    /// `measuresDutyID` are the duties of the 10-day and 30-day clocks (``ProcedureSettings``).
    public func figures(now: Date, helpPlanDutyID: String, measuresDutyID: String) async throws -> WorkFigures {
        try await client.withStoreConnection(failing: .figuresFailed, "工作进度指标查询失败 (work figures query failed)") { connection in
            var figures = WorkFigures()
            try await readTowns(into: &figures, connection)
            try await readSignals(now: now, into: &figures, connection)
            try await readCases(into: &figures, connection)
            try await readClocks(now: now, duties: (helpPlanDutyID, measuresDutyID), into: &figures, connection)
            try await readScreening(into: &figures, connection)
            return figures
        }
    }

    /// The town of a unit code column (a column name of this file, never input): its town row, else the county (县级).
    private struct TownOf {
        let column: String
        var select: String { "coalesce(t.code, left(\(column), 6) || '000000'), coalesce(t.name, '县级')" }
        var join: String { "LEFT JOIN org_units t ON t.code = left(\(column), 9) || '000' AND t.level = 'town'" }
    }

    private func readTowns(into figures: inout WorkFigures, _ connection: PostgresConnection) async throws {
        let rows = try await connection.query("SELECT code, name FROM org_units WHERE level = 'town'", logger: logger)
        for try await (code, name) in rows.decode((String, String).self) {
            figures.towns[WorkFigures.Town(code: code, name: name)] = WorkFigures.TownFigures()
        }
    }

    private func readSignals(now: Date, into figures: inout WorkFigures, _ connection: PostgresConnection) async throws {
        // A signal's deadline is the first due time of its verification clock, as the reports count it; a signal
        // whose clock has not started yet has none and is never overdue. Verified on time compares the effective
        // date (核实日期) with the due date, as the defect list does, so a verification entered late is not late.
        let rows = try await connection.query(
            """
            SELECT \(unescaped: TownOf(column: "s.unit_code").select), s.source,
                   count(*)::int8,
                   (count(*) FILTER (WHERE s.outcome IS NULL))::int8,
                   (count(*) FILTER (WHERE s.outcome IS NULL AND d.first_due < \(now)))::int8,
                   (count(*) FILTER (WHERE s.outcome IS NOT NULL AND s.verified_on <= coalesce(d.first_due_date, s.verified_on)))::int8,
                   (count(*) FILTER (WHERE s.outcome IS NOT NULL AND s.verified_on > d.first_due_date))::int8
              FROM monitoring_signals s
              \(unescaped: SignalDeadline.join)
              \(unescaped: TownOf(column: "s.unit_code").join)
             GROUP BY 1, 2, 3
            """,
            logger: logger)
        for try await (code, name, source, all, pending, overdue, onTime, late)
            in rows.decode((String, String, String, Int64, Int64, Int64, Int64, Int64).self)
        {
            let town = WorkFigures.Town(code: code, name: name)
            figures.towns[town, default: .init()].signalsBySource[source, default: 0] += Int(all)
            figures.towns[town, default: .init()].verificationsPending += Int(pending)
            figures.towns[town, default: .init()].verificationsOverdue += Int(overdue)
            figures.towns[town, default: .init()].verifiedOnTime += Int(onTime)
            figures.towns[town, default: .init()].verifiedLate += Int(late)
        }
    }

    private func readCases(into figures: inout WorkFigures, _ connection: PostgresConnection) async throws {
        let rows = try await connection.query(
            """
            SELECT \(unescaped: TownOf(column: "c.unit_code").select), c.stage, count(*)::int8
              FROM monitoring_cases c
              \(unescaped: TownOf(column: "c.unit_code").join)
             GROUP BY 1, 2, 3
            """,
            logger: logger)
        for try await (code, name, stage, count) in rows.decode((String, String, String, Int64).self) {
            figures.towns[WorkFigures.Town(code: code, name: name), default: .init()].casesByStage[stage, default: 0] += Int(count)
        }
    }

    private func readClocks(
        now: Date, duties: (helpPlan: String, measures: String), into figures: inout WorkFigures, _ connection: PostgresConnection
    ) async throws {
        let rows = try await connection.query(
            """
            SELECT \(unescaped: TownOf(column: "o.unit_code").select), o.duty_id::text, count(*)::int8
              FROM occurrences o
              \(unescaped: TownOf(column: "o.unit_code").join)
             WHERE o.duty_id IN (\(duties.helpPlan), \(duties.measures)) AND o.status = 'open' AND o.due_at < \(now)
             GROUP BY 1, 2, 3
            """,
            logger: logger)
        for try await (code, name, duty, count) in rows.decode((String, String, String, Int64).self) {
            let town = WorkFigures.Town(code: code, name: name)
            if duty == duties.helpPlan {
                figures.towns[town, default: .init()].helpPlanClocksOverdue += Int(count)
            } else {
                figures.towns[town, default: .init()].measuresClocksOverdue += Int(count)
            }
        }
    }

    private func readScreening(into figures: inout WorkFigures, _ connection: PostgresConnection) async throws {
        let runs = try await connection.query(
            """
            SELECT DISTINCT ON (plugin, rule_id) plugin || '.' || rule_id, started_at, rows_screened, matched, data_missing
              FROM screening_runs WHERE NOT dry_run
             ORDER BY plugin, rule_id, id DESC
            """,
            logger: logger)
        for try await (rule, started, rows, matched, missing) in runs.decode((String, Date, Int, Int, Int).self) {
            figures.rules[rule] = WorkFigures.RuleFigures(lastRunAt: started, rowsScreened: rows, matched: matched, dataMissing: missing)
        }
        let imports = try await connection.query(
            "SELECT target, max(imported_at) FROM data_imports GROUP BY target", logger: logger)
        for try await (target, at) in imports.decode((String, Date).self) {
            figures.lastImports[target] = at
        }
    }
}

extension StoreError.Code {
    /// Reading the work figures failed in PostgreSQL.
    public static let figuresFailed = StoreError.Code(description: "figures_failed")
}
