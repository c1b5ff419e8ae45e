import DixianCore
import DixianDirectory
import DixianMonitoring
import DixianReports
import Foundation
import Logging
import PostgresNIO

/// What the 周报, 月报 and 季报 count, read in one pass per part: the period's duty occurrences, alerts, the cases and
/// the ledger, each scoped to a unit's subtree. Read only.
public struct ReportStore: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// The inputs of a report of `period` under `unit` (nil: everything), as of `now` in `zone`. Duty titles and
    /// sector names are the caller's: `names` gives them for a duty id.
    public func inputs(
        period: ReportPeriod, unit: DivisionCode?, now: Date, zone: TimeZone, names: @Sendable (String) -> (title: String, sector: String)
    ) async throws -> PeriodInputs {
        let prefix = (unit?.significantPrefix ?? "") + "%"
        return try await client.withStoreConnection(failing: .reportFailed, "报表查询失败 (report query failed)") { connection in
            PeriodInputs(
                occurrences: try await occurrences(period, prefix: prefix, now: now, names: names, connection),
                alerts: try await alerts(period, prefix: prefix, zone: zone, connection),
                cases: try await cases(prefix: prefix, connection),
                problems: try await problems(period, prefix: prefix, today: now.localDate(in: zone), connection))
        }
    }

    private func occurrences(
        _ period: ReportPeriod, prefix: String, now: Date, names: (String) -> (title: String, sector: String), _ connection: PostgresConnection
    ) async throws -> [PeriodInputs.Occurrence] {
        let rows = try await connection.query(
            """
            SELECT o.id, o.duty_id, o.unit_code, u.name, u.level, o.due_date::text, o.status,
                   o.status = 'open' AND o.due_at < \(now), o.status = 'done' AND o.completed_at <= o.due_at, t.name
              FROM occurrences o JOIN org_units u ON u.code = o.unit_code
              LEFT JOIN org_units t ON t.code = left(o.unit_code, 9) || '000' AND t.level = 'town'
             WHERE o.due_date BETWEEN \(period.first.description)::date AND \(period.last.description)::date
               AND o.status IN ('open', 'done') AND o.unit_code LIKE \(prefix)
             ORDER BY o.id
            """,
            logger: logger)
        var result: [PeriodInputs.Occurrence] = []
        for try await row in rows {
            let (id, duty, code, name, level, due, status, overdue, onTime, town) = try row.decode(
                (Int64, String, String, String, String, String, String, Bool, Bool, String?).self)
            let (title, sector) = names(duty)
            result.append(
                PeriodInputs.Occurrence(
                    id: id, dutyID: duty, dutyTitle: title, sector: sector, unitCode: code, unitName: name, town: town ?? "县级",
                    village: level == "village" ? name : nil, dueDate: CalendarDate(parsing: due)!, status: status, isOverdue: overdue,
                    doneOnTime: onTime))
        }
        return result
    }

    private func alerts(_ period: ReportPeriod, prefix: String, zone: TimeZone, _ connection: PostgresConnection) async throws -> [PeriodInputs.Alert] {
        // On time: verified by the first deadline of the alert's verification clock (its earliest occurrence).
        let rows = try await connection.query(
            """
            SELECT a.id, a.status <> 'open', (a.raised_at AT TIME ZONE \(zone.identifier))::date::text, s.verified_on::text,
                   s.verified_at IS NOT NULL AND s.verified_at <= coalesce(
                       (SELECT min(o.due_at) FROM occurrences o WHERE o.event_clock_id = a.event_clock_id), s.verified_at)
              FROM alerts a LEFT JOIN monitoring_signals s ON s.alert_id = a.id
             WHERE (a.raised_at AT TIME ZONE \(zone.identifier))::date BETWEEN \(period.first.description)::date AND \(period.last.description)::date
               AND a.unit_code LIKE \(prefix)
             ORDER BY a.id
            """,
            logger: logger)
        var result: [PeriodInputs.Alert] = []
        for try await (id, verified, raised, verifiedOn, onTime) in rows.decode((Int64, Bool, String, String?, Bool).self) {
            let days = verifiedOn.flatMap { CalendarDate(parsing: $0) }.map { CalendarDate(parsing: raised)!.days(until: $0) }
            result.append(PeriodInputs.Alert(id: id, verified: verified, onTime: onTime, days: days))
        }
        return result
    }

    private func cases(prefix: String, _ connection: PostgresConnection) async throws -> [PeriodInputs.Case] {
        let rows = try await connection.query(
            """
            SELECT stage, category, risk_types, included_on::text, eliminated_on::text FROM monitoring_cases
             WHERE unit_code LIKE \(prefix) ORDER BY id
            """,
            logger: logger)
        var result: [PeriodInputs.Case] = []
        for try await (stage, category, risks, included, eliminated) in rows.decode((String, String, [String], String?, String?).self) {
            result.append(
                PeriodInputs.Case(
                    category: MonitoringCategory(rawValue: category)?.chineseName ?? category,
                    riskTypes: risks.map { RiskType(rawValue: $0)?.chineseName ?? $0 }, stage: CaseRecord.stageText(stage),
                    isMonitored: stage == "monitored" || stage == "elimination_proposed",
                    includedOn: included.flatMap { CalendarDate(parsing: $0) }, eliminatedOn: eliminated.flatMap { CalendarDate(parsing: $0) }))
        }
        return result
    }

    private func problems(_ period: ReportPeriod, prefix: String, today: CalendarDate, _ connection: PostgresConnection) async throws -> [PeriodInputs.Problem] {
        let rows = try await connection.query(
            """
            SELECT p.result, p.result = 'in_progress' AND p.deadline < \(today.description)::date,
                   (SELECT count(*) FROM ledger_progress g WHERE g.problem_id = p.id
                       AND g.progress_on BETWEEN \(period.first.description)::date AND \(period.last.description)::date)
              FROM ledger_problems p WHERE p.unit_code LIKE \(prefix) ORDER BY p.id
            """,
            logger: logger)
        var result: [PeriodInputs.Problem] = []
        for try await (outcome, overdue, progress) in rows.decode((String, Bool, Int64).self) {
            result.append(PeriodInputs.Problem(result: RectificationResult(rawValue: outcome) ?? .inProgress, isOverdue: overdue, progressInPeriod: Int(progress)))
        }
        return result
    }
}

extension StoreError.Code {
    /// A report's query failed in PostgreSQL.
    public static let reportFailed = StoreError.Code(description: "report_failed")
}
