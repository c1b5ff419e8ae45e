import DixianCore
import DixianMonitoring
import DixianScheduling
import Foundation
import Logging
import PostgresNIO

extension MonitoringStore {
    /// A decision on the case's current approval step (纳入审批 or 风险消除审批, whichever is pending). An official
    /// (`actorIsOfficial`) must hold the step's role at the case's village or above it. The last approval of
    /// the inclusion chain includes the household and starts its 10- and 30-day clocks with `plan`.
    public func decide(
        caseID: Int64, _ decision: ApprovalRecord.Decision, comment: String, actorIsOfficial: Bool, entry: CaseEntry,
        plan: @escaping ClockPlanning
    ) async throws -> StepResult {
        try await step(caseID, entry: entry, plan: plan) { loaded, connection in
            let (approvals, isInclusion): (ApprovalState, Bool)
            switch loaded.state.stage {
            case .inclusionProposed(let state): (approvals, isInclusion) = (state, true)
            case .eliminationProposed(let state): (approvals, isInclusion) = (state, false)
            default:
                throw StoreError(.stepRefused, "案件 \(loaded.number) 没有待审批的事项 (nothing awaits approval)", context: ["case": loaded.number])
            }
            guard case .awaiting(let current) = approvals.stage else {
                throw StoreError(.stepRefused, "已审定 (already approved)", context: ["case": loaded.number])
            }
            if actorIsOfficial {
                try await Self.checkJurisdiction(entry.actor, role: current.role, village: loaded.unitCode, connection, logger: logger)
            }
            let record = ApprovalRecord(
                stepID: current.id, role: current.role, officialID: entry.actor, decision: decision, comment: comment,
                decidedAt: entry.effectiveAt)
            return isInclusion ? .decideInclusion(record) : .decideElimination(record)
        }
    }

    /// Makes `officialID` the case's one helper (帮扶责任人); the previous assignment ends in the same transaction.
    public func assignHelper(caseID: Int64, officialID: String, entry: CaseEntry) async throws -> StepResult {
        try await step(caseID, entry: entry) { _, connection in
            let rows = try await connection.query(
                "SELECT 1 FROM officials WHERE id = \(officialID) AND active", logger: logger)
            var known = false
            for try await _ in rows { known = true }
            guard known else {
                throw StoreError(.unknownOfficial, "组织目录中没有在职干部 \(officialID) (unknown official)", context: ["official": officialID])
            }
            return .assignHelper(officialID: officialID)
        }
    }

    /// Records the help plan (帮扶计划).
    public func recordPlan(caseID: Int64, text: String, entry: CaseEntry) async throws -> StepResult {
        try await step(caseID, entry: entry) { _, _ in .recordPlan(text: text) }
    }

    /// Adds a planned measure answering one of the case's risks; returns the step and the measure's id.
    public func addMeasure(
        caseID: Int64, type: MeasureType, answers: RiskType, description: String, plannedOn: CalendarDate, entry: CaseEntry
    ) async throws -> (StepResult, measureID: Int64) {
        let box = MeasureIDBox()
        let result = try await step(caseID, entry: entry) { loaded, connection in
            let measure = try await insertMeasure(
                loaded, type: type, answers: answers, description: description, plannedOn: plannedOn, entry: entry, connection)
            box.id = measure.id
            return .addMeasure(measure)
        }
        return (result, box.id)
    }

    /// Stores a new planned measure of the case and returns it with its id.
    func insertMeasure(
        _ loaded: LoadedCase, type: MeasureType, answers: RiskType, description: String, plannedOn: CalendarDate,
        entry: CaseEntry, _ connection: PostgresConnection
    ) async throws -> HelpMeasure {
        let rows = try await connection.query(
            """
            INSERT INTO help_measures (case_id, household_id, unit_code, type, answers, description, planned_on, recorded_on)
            VALUES (\(loaded.id), \(loaded.householdID), \(loaded.unitCode), \(type.rawValue), \(answers.rawValue),
                    \(description), \(plannedOn.description)::date, \(entry.effectiveOn.description)::date)
            RETURNING id
            """,
            logger: logger)
        var id: Int64 = 0
        for try await value in rows.decode(Int64.self) { id = value }
        return HelpMeasure(id: id, type: type, answers: answers, description: description, plannedOn: plannedOn)
    }

    /// Marks a measure in place (已落实) on the effective date, with its evidence.
    public func putInPlace(caseID: Int64, measureID: Int64, evidence: String, entry: CaseEntry) async throws -> StepResult {
        try await step(caseID, entry: entry) { loaded, connection in
            try await markInPlace(loaded, measureID: measureID, evidence: evidence, entry: entry, connection)
        }
    }

    func markInPlace(
        _ loaded: LoadedCase, measureID: Int64, evidence: String, entry: CaseEntry, _ connection: PostgresConnection
    ) async throws -> CaseStep {
        let evidence = evidence.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !evidence.isEmpty else {
            throw StoreError(refusal: MonitoringError(.reasonRequired, "落实须附佐证说明 (evidence is required)"))
        }
        try await connection.query(
            """
            UPDATE help_measures SET status = 'in_place', in_place_on = \(entry.effectiveOn.description)::date, evidence = \(evidence)
             WHERE id = \(measureID) AND case_id = \(loaded.id)
            """,
            logger: logger)
        return .putInPlace(measureID: measureID, on: entry.effectiveOn, evidence: evidence)
    }

    /// Proposes elimination with the rules' verdict: refused, the case stays monitored and the result carries
    /// every reason; allowed, the elimination chain starts.
    public func proposeElimination(caseID: Int64, verdict: RiskElimination.Verdict, entry: CaseEntry) async throws -> StepResult {
        try await step(caseID, entry: entry) { _, _ in
            .proposeElimination(refusals: verdict.refusals, cautions: verdict.cautions)
        }
    }

    /// Whether `official` holds `role` at the village or one of its ancestors.
    static func checkJurisdiction(
        _ official: String, role: String, village: String, _ connection: PostgresConnection, logger: Logger
    ) async throws {
        let rows = try await connection.query(
            """
            WITH RECURSIVE up AS (
                SELECT code, parent_code FROM org_units WHERE code = \(village)
                UNION
                SELECT o.code, o.parent_code FROM org_units o JOIN up ON o.code = up.parent_code
            )
            SELECT 1 FROM officials
             WHERE id = \(official) AND active AND \(role) = ANY(roles) AND org_unit_code IN (SELECT code FROM up)
            """,
            logger: logger)
        for try await _ in rows { return }
        throw StoreError(
            .stepRefused, "干部 \(official) 不是本村或上级的 \(role)，不能审批此步 (not this step's role here)",
            context: ["official": official, "role": role])
    }
}

/// Carries the new measure's id out of the step's closure.
private final class MeasureIDBox: @unchecked Sendable {
    var id: Int64 = 0
}

extension MonitoringStore {
    /// Refuses an official id not in the directory (or no longer active).
    public func checkOfficial(_ id: String) async throws {
        let known = try await run { connection in
            try await Self.count("SELECT count(*) FROM officials WHERE id = \(id) AND active", connection, logger: logger) > 0
        }
        guard known else { throw StoreError(.unknownOfficial, "组织目录中没有在职干部 \(id) (unknown official)", context: ["official": id]) }
    }
}
