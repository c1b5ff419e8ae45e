import DixianCore
import DixianDirectory
import DixianMonitoring
import Foundation
import Logging
import PostgresNIO

extension MonitoringStore {
    /// What a step did.
    public struct StepResult: Sendable, Hashable {
        public var caseNumber: String
        /// The case's stage after the step (`monitored`, …).
        public var stage: String
        public var actions: [MonitoringCase.Action]
        /// Occurrences met (the 10- or 30-day clock) and stopped (risk eliminated).
        public var clocksMet: Int
        public var clocksStopped: Int

        /// The rules' reasons, when they refused an elimination.
        public var refusals: [EliminationReason] {
            for case .eliminationRefused(let reasons) in actions { return reasons }
            return []
        }
    }

    /// A case as its log leaves it, with the columns the actions need.
    struct LoadedCase: Sendable {
        var id: Int64
        var number: String
        var householdID: String
        var unitCode: String
        var inclusionClockID: Int64?
        var state: MonitoringCase
    }

    /// The step `make` builds, checked against the case and carried out with its actions — one transaction.
    func step(
        _ caseID: Int64, entry: CaseEntry, plan: ClockPlanning? = nil,
        _ make: (LoadedCase, PostgresConnection) async throws -> CaseStep
    ) async throws -> StepResult {
        try await transaction { connection in
            try await entry.useLink(connection, logger: logger)
            return try await step(caseID, entry: entry, plan: plan, on: connection, make)
        }
    }

    /// ``step(_:entry:plan:_:)`` inside the caller's transaction, for forms that record two steps at once.
    func step(
        _ caseID: Int64, entry: CaseEntry, plan: ClockPlanning? = nil, on connection: PostgresConnection,
        _ make: (LoadedCase, PostgresConnection) async throws -> CaseStep
    ) async throws -> StepResult {
        var loaded = try await loadCase(caseID, lock: true, connection)
        let step = try await make(loaded, connection)
        let actions: [MonitoringCase.Action]
        do throws(MonitoringError) { actions = try loaded.state.apply(step) } catch { throw StoreError(refusal: error, context: ["case": loaded.number]) }
        try await Self.appendStep(step, caseID: caseID, entry: entry, connection, logger: logger)
        var result = StepResult(caseNumber: loaded.number, stage: Self.stageName(loaded.state.stage), actions: actions, clocksMet: 0, clocksStopped: 0)
        for action in actions {
            try await carryOut(action, &loaded, entry: entry, plan: plan, result: &result, connection)
        }
        try await connection.query(
            """
            UPDATE monitoring_cases SET stage = \(result.stage), safety_net = \(loaded.state.isSafetyNet), updated_at = now()
             WHERE id = \(caseID)
            """,
            logger: logger)
        var details = ["case": loaded.number, "step": step.kind, "stage": result.stage]
        if !result.refusals.isEmpty { details["refusals"] = result.refusals.map(\.code.rawValue).joined(separator: ",") }
        try await Self.auditStep("case." + step.kind, entry: entry, details: details, connection, logger: logger)
        return result
    }

    private func carryOut(
        _ action: MonitoringCase.Action, _ loaded: inout LoadedCase, entry: CaseEntry, plan: ClockPlanning?,
        result: inout StepResult, _ connection: PostgresConnection
    ) async throws {
        switch action {
        case .recordApproval, .returnedForRevision, .eliminationRefused:
            break  // the step itself, in the log, is the record
        case .includeHousehold(let category):
            try await include(&loaded, category: category, entry: entry, plan: plan, connection)
        case .endHelperAssignment:
            try await connection.query(
                """
                UPDATE helper_assignments SET ends_on = GREATEST(begins_on, \(entry.effectiveOn.description)::date)
                 WHERE case_id = \(loaded.id) AND ends_on IS NULL
                """,
                logger: logger)
        case .beginHelperAssignment(let officialID):
            try await connection.query(
                """
                INSERT INTO helper_assignments (case_id, official_id, begins_on)
                VALUES (\(loaded.id), \(officialID), \(entry.effectiveOn.description)::date)
                """,
                logger: logger)
            if let clock = loaded.inclusionClockID {
                // The 30-day duty belongs to the household's helper (role `helper`).
                try await connection.query(
                    """
                    UPDATE occurrences SET official_id = \(officialID), unassigned = false, updated_at = now()
                     WHERE event_clock_id = \(clock) AND duty_id = \(procedure.measuresDutyID) AND status = 'open'
                    """,
                    logger: logger)
            }
        case .completeHelpPlanClock:
            result.clocksMet += try await meet(loaded, duty: procedure.helpPlanDutyID, "帮扶计划和帮扶责任人已明确", entry, connection)
        case .completeMeasuresClock:
            result.clocksMet += try await meet(loaded, duty: procedure.measuresDutyID, "每类风险均有已落实的帮扶措施", entry, connection)
        case .markSafetyNet:
            break  // the projection's safety_net follows the state
        case .eliminateRisk:
            try await connection.query(
                "UPDATE monitoring_cases SET eliminated_on = \(entry.effectiveOn.description)::date WHERE id = \(loaded.id)",
                logger: logger)
            try await connection.query(
                "UPDATE helper_assignments SET ends_on = GREATEST(begins_on, \(entry.effectiveOn.description)::date) WHERE case_id = \(loaded.id) AND ends_on IS NULL",
                logger: logger)
            let clocks = try await clockIDs(of: loaded.number, connection)
            result.clocksStopped += try await Self.stopClocks(clocks, entry: entry, reason: "风险已消除", connection, logger: logger)
        }
    }

    private func include(
        _ loaded: inout LoadedCase, category: MonitoringCategory, entry: CaseEntry, plan: ClockPlanning?,
        _ connection: PostgresConnection
    ) async throws {
        try await connection.query(
            """
            UPDATE reg_households SET household_type = '监测户', monitoring_group = \(category.chineseName)
             WHERE household_id = \(loaded.householdID)
            """,
            logger: logger)
        var clockID: Int64?
        if let plan {
            let start = EventClockStart(
                event: EventTrigger.Event.householdIncluded.rawValue, unitCode: try DivisionCode(validating: loaded.unitCode),
                caseNumber: loaded.number, at: entry.effectiveAt)
            clockID = try await Self.startClock(start, plan: { try plan(start, $0) }, connection, logger: logger)
        }
        loaded.inclusionClockID = clockID
        try await connection.query(
            """
            UPDATE monitoring_cases SET included_on = \(entry.effectiveOn.description)::date, inclusion_clock_id = \(clockID)
             WHERE id = \(loaded.id)
            """,
            logger: logger)
    }

    private func meet(
        _ loaded: LoadedCase, duty: String, _ note: String, _ entry: CaseEntry, _ connection: PostgresConnection
    ) async throws -> Int {
        guard let clock = loaded.inclusionClockID else { return 0 }
        return try await Self.meetClock(clock, dutyID: duty, entry: entry, note: note, connection, logger: logger)
    }

    private func clockIDs(of caseNumber: String, _ connection: PostgresConnection) async throws -> [Int64] {
        let rows = try await connection.query("SELECT id FROM event_clocks WHERE case_number = \(caseNumber)", logger: logger)
        var ids: [Int64] = []
        for try await id in rows.decode(Int64.self) { ids.append(id) }
        return ids
    }

    /// Appends a step to the case log (append-only: a trigger refuses UPDATE and DELETE).
    static func appendStep(
        _ step: CaseStep, caseID: Int64, entry: CaseEntry, _ connection: PostgresConnection, logger: Logger
    ) async throws {
        let json = String(decoding: try JSONEncoder().encode(step), as: UTF8.self)
        try await connection.query(
            """
            INSERT INTO case_events (case_id, kind, step, actor, channel, effective_on, entered_at)
            VALUES (\(caseID), \(step.kind), \(json)::jsonb, \(entry.actor), \(entry.channel.rawValue),
                    \(entry.effectiveOn.description)::date, \(entry.enteredAt))
            """,
            logger: logger)
    }

    /// The stored name of a stage (`monitoring_cases.stage`).
    public static func stageName(_ stage: MonitoringCase.Stage) -> String {
        switch stage {
        case .awaitingVerification, .inclusionProposed: "inclusion_proposed"
        case .dismissed, .linked: "inclusion_proposed"
        case .monitored: "monitored"
        case .eliminationProposed: "elimination_proposed"
        case .eliminated: "eliminated"
        }
    }

    /// Loads a case and replays its log; `lock` holds the case row until the transaction ends, so steps on one
    /// case run one after the other.
    func loadCase(_ caseID: Int64, lock: Bool, _ connection: PostgresConnection) async throws -> LoadedCase {
        let lockClause = lock ? " FOR UPDATE" : ""
        let rows = try await connection.query(
            """
            SELECT case_number, household_id, unit_code, inclusion_clock_id FROM monitoring_cases
             WHERE id = \(caseID)\(unescaped: lockClause)
            """,
            logger: logger)
        var found: (String, String, String, Int64?)?
        for try await row in rows.decode((String, String, String, Int64?).self) { found = row }
        guard let (number, household, unit, clock) = found else {
            throw StoreError(.caseNotFound, "没有编号为 \(caseID) 的监测案件 (no such case)", context: ["case": String(caseID)])
        }
        let steps = try await Self.steps(of: caseID, connection, logger: logger).map(\.step)
        do {
            let state = try MonitoringCase.replaying(
                steps, inclusionChain: procedure.inclusionChain, eliminationChain: procedure.eliminationChain)
            return LoadedCase(id: caseID, number: number, householdID: household, unitCode: unit, inclusionClockID: clock, state: state)
        } catch {
            throw StoreError(
                .monitoringFailed, "案件 \(number) 的记录与当前审批链不一致 (the case log does not replay): \(error.message)",
                context: ["case": number])
        }
    }
}
