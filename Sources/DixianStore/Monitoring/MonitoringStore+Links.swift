import DixianCore
import DixianMonitoring
import Foundation
import Logging
import PostgresNIO

/// What a signed link from a procedure reminder leads to: the verification of a signal, or a case's 10-day
/// (helper and plan) or 30-day (measures) step.
public enum ProcedureLinkTarget: Sendable, Hashable {
    case verification(signalID: Int64)
    case helpPlan(caseID: Int64)
    case measures(caseID: Int64)
}

extension MonitoringStore {
    /// The procedure step an occurrence's link leads to; nil for an ordinary duty.
    public func linkTarget(occurrenceID: Int64) async throws -> ProcedureLinkTarget? {
        try await run { connection in
            let rows = try await connection.query(
                """
                SELECT o.duty_id, s.id, c.id FROM occurrences o
                  LEFT JOIN monitoring_signals s ON s.event_clock_id = o.event_clock_id
                  LEFT JOIN monitoring_cases c ON c.inclusion_clock_id = o.event_clock_id
                 WHERE o.id = \(occurrenceID) AND o.event_clock_id IS NOT NULL
                """,
                logger: logger)
            for try await (duty, signalID, caseID) in rows.decode((String, Int64?, Int64?).self) {
                if let signalID { return .verification(signalID: signalID) }
                guard let caseID else { return nil }
                if duty == procedure.helpPlanDutyID { return .helpPlan(caseID: caseID) }
                if duty == procedure.measuresDutyID { return .measures(caseID: caseID) }
            }
            return nil
        }
    }

    /// The 10-day step as one form records it: the helper and the plan, in one transaction.
    public func assignHelperAndPlan(caseID: Int64, officialID: String, plan: String, entry: CaseEntry) async throws -> StepResult {
        try await transaction { connection in
            try await entry.useLink(connection, logger: logger)
            var helper = try await step(caseID, entry: entry, on: connection) { _, _ in .assignHelper(officialID: officialID) }
            let planned = try await step(caseID, entry: entry, on: connection) { _, _ in .recordPlan(text: plan) }
            helper.actions += planned.actions
            helper.clocksMet += planned.clocksMet
            helper.stage = planned.stage
            return helper
        }
    }

    /// A measure in place as one form records it: an existing planned one, or a new one added and put in place,
    /// in one transaction.
    public func measureInPlace(
        caseID: Int64, existing measureID: Int64?, new: (type: MeasureType, answers: RiskType, description: String)?, evidence: String,
        entry: CaseEntry
    ) async throws -> StepResult {
        try await transaction { connection in
            try await entry.useLink(connection, logger: logger)
            var id = measureID
            var added: StepResult?
            if id == nil, let new {
                added = try await step(caseID, entry: entry, on: connection) { loaded, connection in
                    let measure = try await insertMeasure(
                        loaded, type: new.type, answers: new.answers, description: new.description, plannedOn: entry.effectiveOn,
                        entry: entry, connection)
                    id = measure.id
                    return .addMeasure(measure)
                }
            }
            guard let measure = id else { throw StoreError(.stepRefused, "请选择已申报的措施或填写新措施 (choose or describe a measure)") }
            var result = try await step(caseID, entry: entry, on: connection) { loaded, connection in
                try await markInPlace(loaded, measureID: measure, evidence: evidence, entry: entry, connection)
            }
            result.actions = (added?.actions ?? []) + result.actions
            return result
        }
    }
}

extension MonitoringStore {
    /// Who may be a case's helper, as a form offers them: active officials with the role `helper` at the
    /// case's village or its town, by name.
    public func helperCandidates(caseID: Int64) async throws -> [(id: String, name: String)] {
        try await run { connection in
            let rows = try await connection.query(
                """
                SELECT o.id, o.name FROM officials o JOIN monitoring_cases c ON c.id = \(caseID)
                  JOIN org_units v ON v.code = c.unit_code
                 WHERE o.active AND 'helper' = ANY(o.roles) AND o.org_unit_code IN (v.code, v.parent_code)
                 ORDER BY o.org_unit_code DESC, o.name, o.id
                """,
                logger: logger)
            var result: [(id: String, name: String)] = []
            for try await (id, name) in rows.decode((String, String).self) { result.append((id, name)) }
            return result
        }
    }
}
