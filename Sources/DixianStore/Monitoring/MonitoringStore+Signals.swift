import DixianCore
import DixianDirectory
import DixianMonitoring
import DixianScheduling
import Foundation
import Logging
import PostgresNIO

extension MonitoringStore {
    /// Plans an event's clock: the store passes the start and the new clock's id, the caller's planner answers.
    public typealias ClockPlanning = @Sendable (EventClockStart, Int64) throws -> SchedulePlan

    /// Makes every alert about a household whose verification clock has started a sector signal (行业部门筛查预警),
    /// once; the signal shares the alert's clock. An alert about no household (a water works) stays an alert:
    /// its verification is a duty confirmed as done. `zone` decides the alert's local date. Returns how many were added.
    @discardableResult
    public func adoptAlerts(zone: TimeZone) async throws -> Int {
        try await transaction { connection in
            let rows = try await connection.query(
                """
                INSERT INTO monitoring_signals (source, alert_id, household_id, unit_code, risk_types, note, raised_on,
                                                entered_at, entered_by, channel, event_clock_id)
                SELECT 'sector', a.id, a.household_id, a.unit_code, ARRAY[r.risk], '', (a.raised_at AT TIME ZONE \(zone.identifier))::date,
                       a.raised_at, a.plugin || '.' || a.rule_id, 'screener', a.event_clock_id
                  FROM alerts a
                  CROSS JOIN LATERAL (SELECT \(unescaped: Self.sectorRiskCase(alias: "a")) AS risk) r
                 WHERE a.event_clock_id IS NOT NULL AND a.household_id IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM monitoring_signals s WHERE s.alert_id = a.id)
                RETURNING id
                """,
                logger: logger)
            var count = 0
            for try await _ in rows { count += 1 }
            return count
        }
    }

    /// The suggested risk type of each plugin, as SQL (DixianMonitoring's `RiskType.suggested(forPlugin:)`).
    static func sectorRiskCase(alias: String) -> String {
        let plugins = ["education", "health", "employment", "credit"]
        let branches = plugins.map { "WHEN '\($0)' THEN '\(RiskType.suggested(forPlugin: $0).rawValue)'" }.joined(separator: " ")
        return "CASE \(alias).plugin \(branches) ELSE 'other' END"
    }

    /// Records a cadre's visit or a self-declaration and starts its verification clock, in one transaction.
    public func addSignal(_ signal: NewSignal, entry: CaseEntry, plan: ClockPlanning) async throws -> SignalRecord {
        try await transaction { connection in
            let unit = try await Self.village(of: signal, connection, logger: logger)
            let types = signal.riskTypes.map(\.rawValue)
            let rows = try await connection.query(
                """
                INSERT INTO monitoring_signals (source, household_id, unit_code, person_name, person_phone,
                    person_resident_id, risk_types, note, raised_on, entered_at, entered_by, channel, receipt)
                VALUES (\(signal.source.rawValue), \(signal.householdID), \(unit), \(signal.declarant?.name),
                    \(signal.declarant?.phone), \(signal.declarant?.residentID), \(types)::text[], \(signal.note),
                    \(entry.effectiveOn.description)::date, \(entry.enteredAt), \(entry.actor), \(entry.channel.rawValue),
                    \(signal.receipt))
                RETURNING id
                """,
                logger: logger)
            var signalID: Int64?
            for try await id in rows.decode(Int64.self) { signalID = id }
            guard let signalID else { throw StoreError(.monitoringFailed, "风险信号未写入 (signal not recorded)") }
            let start = EventClockStart(
                event: EventTrigger.Event.alertRaised.rawValue, unitCode: try DivisionCode(validating: unit),
                caseNumber: Self.signalClockNumber(signalID), at: entry.effectiveAt)
            let clockID = try await Self.startClock(start, plan: { try plan(start, $0) }, connection, logger: logger)
            try await connection.query(
                "UPDATE monitoring_signals SET event_clock_id = \(clockID) WHERE id = \(signalID)", logger: logger)
            try await Self.auditStep(
                "signal.add", entry: entry,
                details: ["signal": Self.signalClockNumber(signalID), "source": signal.source.rawValue, "unit": unit],
                connection, logger: logger)
            return try await Self.signal(id: signalID, connection, logger: logger)!
        }
    }

    /// The village: the register's for a registered household, else the one given.
    private static func village(of signal: NewSignal, _ connection: PostgresConnection, logger: Logger) async throws -> String {
        if let household = signal.householdID {
            let rows = try await connection.query(
                "SELECT village_code FROM reg_households WHERE household_id = \(household)", logger: logger)
            for try await code in rows.decode(String?.self) {
                if let code { return code }
            }
        }
        if let unit = signal.unitCode {
            let rows = try await connection.query("SELECT 1 FROM org_units WHERE code = \(unit.rawValue)", logger: logger)
            for try await _ in rows { return unit.rawValue }
            throw StoreError(.caseNotFound, "组织目录中没有单位 \(unit.rawValue) (unknown unit)", context: ["unit": unit.rawValue])
        }
        throw StoreError(
            .caseNotFound, "人口台账中没有户 \(signal.householdID ?? "") ，请用 --village 指明所在村 (household not in the register: give its village)",
            context: ["household": signal.householdID ?? ""])
    }

    /// Writes a procedure step to the audit log (`action` such as `case.assign_helper`).
    static func auditStep(
        _ action: String, entry: CaseEntry, details: [String: String], _ connection: PostgresConnection, logger: Logger
    ) async throws {
        var details = details
        details["effective_on"] = entry.effectiveOn.description
        try await ScheduleStore.audit(
            action, nil, actor: entry.actor, channel: entry.channel.rawValue, at: entry.enteredAt, details: details,
            connection, logger: logger)
    }
}
