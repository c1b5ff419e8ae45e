import DixianCore
import Foundation

extension MonitoringCase {
    /// The village's verification outcome (核实结果).
    public enum VerificationOutcome: Sendable, Hashable {
        /// 不是风险: the reason is required.
        case notARisk(reason: String)
        /// 确认存在风险: proposes inclusion as `category` with its risk types.
        case riskConfirmed(category: MonitoringCategory, riskTypes: Set<RiskType>)
        /// 已是监测对象: linked to the existing case.
        case alreadyMonitored(caseNumber: String)
    }

    /// Records the verification of the signal.
    public mutating func verify(_ outcome: VerificationOutcome) throws(MonitoringError) -> [Action] {
        guard case .awaitingVerification = stage else { throw MonitoringError(.wrongStage, "已核实 (already verified)") }
        switch outcome {
        case .notARisk(let reason):
            let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !reason.isEmpty else { throw MonitoringError(.reasonRequired, "排除风险须写明理由 (a reason is required)") }
            stage = .dismissed(reason: reason)
        case .riskConfirmed(let category, let types):
            guard !types.isEmpty else { throw MonitoringError(.riskTypeRequired, "须选择至少一种风险类型 (at least one risk type)") }
            self.category = category
            self.riskTypes = types
            stage = .inclusionProposed(ApprovalState(chain: inclusionChain))
        case .alreadyMonitored(let caseNumber):
            stage = .linked(toCase: caseNumber)
        }
        return []
    }

    /// One step of the inclusion chain; the last approval includes the household.
    public mutating func decideInclusion(_ record: ApprovalRecord) throws(MonitoringError) -> [Action] {
        guard case .inclusionProposed(var approvals) = stage, let category else {
            throw MonitoringError(.wrongStage, "不在纳入审批中 (not awaiting inclusion)")
        }
        let steps = try approvals.decide(record)
        stage = .inclusionProposed(approvals)
        var actions: [Action] = []
        for step in steps {
            switch step {
            case .record(let record): actions.append(.recordApproval(record))
            case .returnToStart(let reason, let to): actions.append(.returnedForRevision(reason: reason, to: to))
            case .takeEffect:
                stage = .monitored
                actions.append(.includeHousehold(category))
            }
        }
        return actions
    }

    /// Makes `officialID` the one helper; a previous helper's assignment ends.
    public mutating func assignHelper(_ officialID: String) throws(MonitoringError) -> [Action] {
        try requireMonitored()
        guard helper != officialID else { return [] }
        var actions: [Action] = helper.map { [.endHelperAssignment(officialID: $0)] } ?? []
        helper = officialID
        actions.append(.beginHelperAssignment(officialID: officialID))
        return actions + clockActions()
    }

    /// Records the help plan (帮扶计划).
    public mutating func recordPlan() throws(MonitoringError) -> [Action] {
        try requireMonitored()
        hasPlan = true
        return clockActions()
    }

    /// Adds a planned measure; it must answer one of the case's risk types.
    public mutating func addMeasure(_ measure: HelpMeasure) throws(MonitoringError) -> [Action] {
        try requireMonitored()
        guard riskTypes.contains(measure.answers) else {
            throw MonitoringError(.riskTypeRequired, "措施须对应本户的风险类型 (the measure must answer one of the case's risks)")
        }
        guard !measures.contains(where: { $0.id == measure.id }) else { throw MonitoringError(.duplicate, "措施已存在 (measure exists)") }
        measures.append(measure)
        return clockActions()
    }

    /// Marks a measure in place (已落实) with its date and evidence.
    public mutating func putInPlace(measureID: Int64, on date: CalendarDate, evidence: String) throws(MonitoringError) -> [Action] {
        try requireMonitored()
        guard let index = measures.firstIndex(where: { $0.id == measureID }) else {
            throw MonitoringError(.notFound, "没有这项措施 (no such measure)")
        }
        measures[index].status = .inPlace
        measures[index].inPlaceOn = date
        measures[index].evidence = evidence
        return clockActions()
    }

    /// Proposes elimination with the rules' verdict. Refused, the case stays monitored and the actions carry every
    /// reason, plus the 兜底保障 mark the first time the rules find one; allowed, the approval chain starts, with
    /// the county's extra step when the verdict asks for caution.
    public mutating func proposeElimination(_ verdict: RiskElimination.Verdict) throws(MonitoringError) -> [Action] {
        try requireMonitored()
        guard verdict.isAllowed else {
            var actions: [Action] = []
            if verdict.isSafetyNet && !isSafetyNet {
                isSafetyNet = true
                actions.append(.markSafetyNet)
            }
            return actions + [.eliminationRefused(verdict.refusals)]
        }
        var chain = eliminationChain
        if verdict.needsCountyApproval {
            chain.steps.append(
                .init(id: "county_caution", title: "县级审定（谨慎消除风险）", role: "county_office", requiresNote: true))
        }
        stage = .eliminationProposed(ApprovalState(chain: chain))
        return []
    }

    /// One step of the elimination chain; the last approval eliminates the risk and stops the clocks.
    public mutating func decideElimination(_ record: ApprovalRecord) throws(MonitoringError) -> [Action] {
        guard case .eliminationProposed(var approvals) = stage else {
            throw MonitoringError(.wrongStage, "不在风险消除审批中 (not awaiting elimination)")
        }
        let steps = try approvals.decide(record)
        stage = .eliminationProposed(approvals)
        var actions: [Action] = []
        for step in steps {
            switch step {
            case .record(let record): actions.append(.recordApproval(record))
            case .returnToStart(let reason, let to):
                // A rejected elimination leaves the household monitored, as it was.
                stage = .monitored
                actions.append(.returnedForRevision(reason: reason, to: to))
            case .takeEffect:
                stage = .eliminated
                actions.append(.eliminateRisk)
            }
        }
        return actions
    }

    /// Risk types with a measure in place.
    public var riskTypesWithMeasureInPlace: Set<RiskType> {
        Set(measures.filter { $0.status == .inPlace }.map(\.answers))
    }

    private func requireMonitored() throws(MonitoringError) {
        guard case .monitored = stage else { throw MonitoringError(.wrongStage, "本户不在监测帮扶中 (the household is not being monitored)") }
    }

    /// The clocks a step may have met, each once.
    private mutating func clockActions() -> [Action] {
        var actions: [Action] = []
        if !helpPlanClockMet && hasPlan && helper != nil {
            helpPlanClockMet = true
            actions.append(.completeHelpPlanClock)
        }
        if !measuresClockMet && !riskTypes.isEmpty && riskTypes.isSubset(of: riskTypesWithMeasureInPlace) {
            measuresClockMet = true
            actions.append(.completeMeasuresClock)
        }
        return actions
    }
}
