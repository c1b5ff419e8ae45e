import DixianCore
import DixianDirectory
import DixianMonitoring
import Foundation
import Logging
import PostgresNIO

/// What the monthly joint meeting (联席会议) goes through: new signals, elimination proposals, and the defects.
public struct MeetingAgenda: Sendable, Hashable {
    public var month: String
    public var newSignals: [SignalRecord]
    public var eliminationProposals: [CaseRecord]
    public var defects: [Defect]

    public init(month: String, newSignals: [SignalRecord], eliminationProposals: [CaseRecord], defects: [Defect]) {
        self.month = month
        self.newSignals = newSignals
        self.eliminationProposals = eliminationProposals
        self.defects = defects
    }
}

extension MonitoringStore {
    /// The records the defect detectors read, for the unit and below; `zone` gives completions their local date.
    public func defectInputs(unit: DivisionCode?, zone: TimeZone) async throws -> DefectInputs {
        let prefix = unit.map { $0.significantPrefix + "%" }
        return try await run { connection in
            var inputs = DefectInputs()
            let signals = try await connection.query(
                """
                SELECT coalesce(s.household_id, 'XH' || lpad(s.id::text, 8, '0')), s.unit_code, s.raised_on::text,
                       (SELECT min(o.due_date)::text FROM occurrences o
                         WHERE o.event_clock_id = s.event_clock_id AND o.status IN ('open', 'done')),
                       s.verified_on::text, s.outcome = 'risk_confirmed'
                  FROM monitoring_signals s
                 WHERE (\(prefix)::text IS NULL OR s.unit_code LIKE \(prefix)::text)
                """,
                logger: logger)
            for try await (household, unit, raised, due, verified, confirmed)
                in signals.decode((String, String, String, String?, String?, Bool?).self)
            {
                guard let due = due.flatMap({ CalendarDate(parsing: $0) }) else { continue }
                inputs.signals.append(.init(
                    householdID: household, unitCode: unit, raisedOn: CalendarDate(parsing: raised)!, verifyBy: due,
                    verifiedOn: verified.flatMap { CalendarDate(parsing: $0) }, riskConfirmed: confirmed ?? false))
            }
            let inclusions = try await connection.query(
                "SELECT household_id, max(included_on)::text FROM monitoring_cases WHERE included_on IS NOT NULL GROUP BY household_id",
                logger: logger)
            for try await (household, included) in inclusions.decode((String, String).self) {
                inputs.inclusions[household] = CalendarDate(parsing: included)
            }
            let measures = try await connection.query(
                """
                SELECT household_id, unit_code, recorded_on::text FROM help_measures
                 WHERE (\(prefix)::text IS NULL OR unit_code LIKE \(prefix)::text)
                """,
                logger: logger)
            for try await (household, unit, recorded) in measures.decode((String, String, String).self) {
                inputs.measures.append(.init(householdID: household, unitCode: unit, recordedOn: CalendarDate(parsing: recorded)!))
            }
            inputs.clocks = try await clockInputs(prefix: prefix, zone: zone, connection)
            return inputs
        }
    }

    private func clockInputs(prefix: String?, zone: TimeZone, _ connection: PostgresConnection) async throws -> [DefectInputs.Clock] {
        let rows = try await connection.query(
            """
            SELECT c.household_id, c.unit_code, o.duty_id, o.due_date::text,
                   (o.completed_at AT TIME ZONE \(zone.identifier))::date::text
              FROM monitoring_cases c JOIN occurrences o ON o.event_clock_id = c.inclusion_clock_id
             WHERE o.status IN ('open', 'done') AND o.duty_id IN (\(procedure.helpPlanDutyID), \(procedure.measuresDutyID))
               AND (\(prefix)::text IS NULL OR c.unit_code LIKE \(prefix)::text)
            """,
            logger: logger)
        var clocks: [DefectInputs.Clock] = []
        for try await (household, unit, duty, due, met) in rows.decode((String, String, String, String, String?).self) {
            clocks.append(.init(
                householdID: household, unitCode: unit, kind: duty == procedure.helpPlanDutyID ? .helpPlan : .measures,
                dueOn: CalendarDate(parsing: due)!, metOn: met.flatMap { CalendarDate(parsing: $0) }))
        }
        return clocks
    }

    /// The month's new signals and the pending elimination proposals, for the unit and below.
    public func agenda(month: (year: Int, month: Int), unit: DivisionCode?) async throws -> (signals: [SignalRecord], proposals: [CaseRecord]) {
        let first = CalendarDate(year: month.year, month: month.month, day: 1)!
        let last = CalendarDate(year: month.year, month: month.month, day: CalendarDate.daysIn(month: month.month, year: month.year))!
        let prefix = unit.map { $0.significantPrefix + "%" }
        let signals = try await run { connection in
            let rows = try await connection.query(
                """
                SELECT id FROM monitoring_signals
                 WHERE raised_on BETWEEN \(first.description)::date AND \(last.description)::date
                   AND (\(prefix)::text IS NULL OR unit_code LIKE \(prefix)::text)
                 ORDER BY raised_on, id
                """,
                logger: logger)
            var ids: [Int64] = []
            for try await id in rows.decode(Int64.self) { ids.append(id) }
            var records: [SignalRecord] = []
            for id in ids { if let record = try await Self.signal(id: id, connection, logger: logger) { records.append(record) } }
            return records
        }
        let proposals = try await cases(CaseFilter(unit: unit, stage: "elimination_proposed", limit: 10_000))
        return (signals, proposals)
    }
}
