import DixianCore
import DixianMonitoring
import Foundation
import Logging
import PostgresNIO

extension MonitoringStore {
    /// What a verification did.
    public struct VerificationResult: Sendable, Hashable {
        public var signal: SignalRecord
        /// The case opened (risk confirmed) or linked (already monitored).
        public var caseNumber: String?
        /// Verification occurrences met.
        public var clocksMet: Int
    }

    /// The village's verification (核实) of a signal, in one transaction: the outcome with its effective date, the
    /// alert's status, a new case proposing inclusion or the link to the open one, and the verification clock met.
    public func verify(signalID: Int64, _ verdict: SignalVerdict, entry: CaseEntry) async throws -> VerificationResult {
        try await transaction { connection in
            try await entry.useLink(connection, logger: logger)
            let signal = try await Self.lockSignal(signalID, connection, logger: logger)
            guard signal.outcome == nil else {
                throw StoreError(
                    .stepRefused, "信号 \(signal.number) 已于\(signal.verifiedOn?.chineseDescription ?? "")核实 (already verified)",
                    context: ["signal": signal.number])
            }
            guard entry.effectiveOn >= signal.raisedOn else {
                throw StoreError(
                    .stepRefused, "核实日期早于信号日期\(signal.raisedOn.chineseDescription) (verified before raised)",
                    context: ["signal": signal.number])
            }
            var reason: String?
            var caseID: Int64?
            switch verdict {
            case .notARisk(let text):
                reason = text.trimmingCharacters(in: .whitespacesAndNewlines)
                guard reason?.isEmpty == false else {
                    throw StoreError(refusal: MonitoringError(.reasonRequired, "排除风险须写明理由 (a reason is required)"))
                }
            case .alreadyMonitored:
                guard let household = signal.householdID, let open = try await Self.openCase(household, connection, logger: logger)
                else { throw StoreError(.stepRefused, "该户没有在办的监测案件 (the household has no open case)") }
                caseID = open
            case .riskConfirmed(let category, let types, let override):
                guard let household = signal.householdID ?? override else {
                    throw StoreError(.stepRefused, "确认存在风险须指明户编号（--household） (name the household)")
                }
                if let open = try await Self.openCase(household, connection, logger: logger) {
                    throw StoreError(
                        .stepRefused, "该户已有在办案件 \(Self.caseNumber(open))，请选“已是监测对象” (already monitored: use --outcome monitored)",
                        context: ["case": Self.caseNumber(open)])
                }
                caseID = try await openCase(
                    household: household, unit: signal.unitCode, step: .confirmRisk(category: category, riskTypes: types),
                    entry: entry, connection)
            }
            try await connection.query(
                """
                UPDATE monitoring_signals
                   SET outcome = \(verdict.outcome), outcome_reason = \(reason), verified_on = \(entry.effectiveOn.description)::date,
                       verified_at = \(entry.enteredAt), verified_by = \(entry.actor), verified_channel = \(entry.channel.rawValue),
                       case_id = \(caseID)
                 WHERE id = \(signalID)
                """,
                logger: logger)
            if let alertID = signal.alertID {
                let status = caseID == nil ? "dismissed" : "verified"
                try await connection.query(
                    "UPDATE alerts SET status = \(status) WHERE id = \(alertID) AND status = 'open'", logger: logger)
            }
            var met = 0
            if let clockID = signal.clockID {
                met = try await Self.meetClock(
                    clockID, dutyID: nil, entry: entry, note: "核实：" + Self.outcomeText(verdict.outcome), connection, logger: logger)
            }
            var details = ["signal": signal.number, "outcome": verdict.outcome]
            details["case"] = caseID.map(Self.caseNumber)
            details["reason"] = reason
            try await Self.auditStep("signal.verify", entry: entry, details: details, connection, logger: logger)
            let stored = try await Self.signal(id: signalID, connection, logger: logger)!
            return VerificationResult(signal: stored, caseNumber: caseID.map(Self.caseNumber), clocksMet: met)
        }
    }

    /// The outcome as officials read it.
    public static func outcomeText(_ outcome: String) -> String {
        ["not_a_risk": "不是风险", "risk_confirmed": "确认存在风险，提出纳入监测", "already_monitored": "已是监测对象"][outcome] ?? outcome
    }

    /// Opens a case with its first step; returns its id.
    private func openCase(
        household: String, unit: String, step: CaseStep, entry: CaseEntry, _ connection: PostgresConnection
    ) async throws -> Int64 {
        var replayed = MonitoringCase(inclusionChain: procedure.inclusionChain, eliminationChain: procedure.eliminationChain)
        do throws(MonitoringError) { _ = try replayed.apply(step) } catch { throw StoreError(refusal: error) }
        let rows = try await connection.query(
            "SELECT nextval(pg_get_serial_sequence('monitoring_cases', 'id'))", logger: logger)
        var caseID: Int64 = 0
        for try await id in rows.decode(Int64.self) { caseID = id }
        try await connection.query(
            """
            INSERT INTO monitoring_cases (id, case_number, household_id, unit_code, stage, category, risk_types, opened_on)
            OVERRIDING SYSTEM VALUE
            VALUES (\(caseID), \(Self.caseNumber(caseID)), \(household), \(unit), 'inclusion_proposed',
                    \(replayed.category!.rawValue), \(replayed.riskTypes.sorted().map(\.rawValue))::text[],
                    \(entry.effectiveOn.description)::date)
            """,
            logger: logger)
        try await Self.appendStep(step, caseID: caseID, entry: entry, connection, logger: logger)
        return caseID
    }

    static func openCase(_ household: String, _ connection: PostgresConnection, logger: Logger) async throws -> Int64? {
        let rows = try await connection.query(
            "SELECT id FROM monitoring_cases WHERE household_id = \(household) AND stage <> 'eliminated'", logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        return nil
    }

    private static func lockSignal(_ id: Int64, _ connection: PostgresConnection, logger: Logger) async throws -> SignalRecord {
        let rows = try await connection.query("SELECT 1 FROM monitoring_signals WHERE id = \(id) FOR UPDATE", logger: logger)
        for try await _ in rows {}
        guard let signal = try await signal(id: id, connection, logger: logger) else {
            throw StoreError(.caseNotFound, "没有编号为 \(id) 的风险信号 (no such signal)", context: ["signal": String(id)])
        }
        return signal
    }
}
