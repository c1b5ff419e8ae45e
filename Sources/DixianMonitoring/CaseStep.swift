import DixianCore
import Foundation

/// One recorded step of a case (监测帮扶记录), as stored in the append-only case log. A case's state is never
/// stored apart from its steps: replaying them through ``MonitoringCase/apply(_:)`` rebuilds it, so the log
/// that answers "who did what, when" and the state the next step is checked against cannot disagree.
public enum CaseStep: Sendable, Hashable, Codable {
    /// The verification that confirmed the risk and opened the case (核实确认存在风险).
    case confirmRisk(category: MonitoringCategory, riskTypes: [RiskType])
    /// A decision of the inclusion chain (纳入审批).
    case decideInclusion(ApprovalRecord)
    /// The one helper (帮扶责任人) from now on.
    case assignHelper(officialID: String)
    /// The help plan (帮扶计划), its text.
    case recordPlan(text: String)
    /// A planned measure (帮扶措施).
    case addMeasure(HelpMeasure)
    /// A measure put in place (已落实).
    case putInPlace(measureID: Int64, on: CalendarDate, evidence: String)
    /// An elimination proposal with the rules' verdict at the time (the verdict is stored, not recomputed:
    /// the facts it rested on change).
    case proposeElimination(refusals: [EliminationReason], cautions: [EliminationReason])
    /// A decision of the elimination chain (风险消除审批).
    case decideElimination(ApprovalRecord)

    /// The stable name stored beside the step (`case_events.kind`).
    public var kind: String {
        switch self {
        case .confirmRisk: "confirm_risk"
        case .decideInclusion: "decide_inclusion"
        case .assignHelper: "assign_helper"
        case .recordPlan: "record_plan"
        case .addMeasure: "add_measure"
        case .putInPlace: "put_in_place"
        case .proposeElimination: "propose_elimination"
        case .decideElimination: "decide_elimination"
        }
    }

    /// How the step reads in a timeline.
    public var chineseName: String {
        switch self {
        case .confirmRisk: "核实确认存在风险，提出纳入监测"
        case .decideInclusion(let record): "纳入审批：" + record.decisionText
        case .assignHelper: "明确帮扶责任人"
        case .recordPlan: "制定帮扶计划"
        case .addMeasure(let measure): "申报帮扶措施（\(measure.type.chineseName)）"
        case .putInPlace: "帮扶措施落实"
        case .proposeElimination(let refusals, _): refusals.isEmpty ? "提出风险消除" : "风险消除不予通过"
        case .decideElimination(let record): "风险消除审批：" + record.decisionText
        }
    }
}

extension ApprovalRecord {
    var decisionText: String {
        decision == .approved ? "同意" : "退回"
    }
}

extension MonitoringCase {
    /// Applies a recorded or new step; the same rules as the step methods, so a replay of a valid log never throws.
    public mutating func apply(_ step: CaseStep) throws(MonitoringError) -> [Action] {
        switch step {
        case .confirmRisk(let category, let types):
            return try verify(.riskConfirmed(category: category, riskTypes: Set(types)))
        case .decideInclusion(let record): return try decideInclusion(record)
        case .assignHelper(let officialID): return try assignHelper(officialID)
        case .recordPlan(let text):
            guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw MonitoringError(.reasonRequired, "帮扶计划内容不能为空 (the plan needs its text)")
            }
            return try recordPlan()
        case .addMeasure(let measure): return try addMeasure(measure)
        case .putInPlace(let id, let date, let evidence): return try putInPlace(measureID: id, on: date, evidence: evidence)
        case .proposeElimination(let refusals, let cautions):
            return try proposeElimination(RiskElimination.Verdict(refusals: refusals, cautions: cautions))
        case .decideElimination(let record): return try decideElimination(record)
        }
    }

    /// The case as its log leaves it.
    public static func replaying(
        _ steps: [CaseStep], inclusionChain: ApprovalChain, eliminationChain: ApprovalChain
    ) throws(MonitoringError) -> MonitoringCase {
        var monitoringCase = MonitoringCase(inclusionChain: inclusionChain, eliminationChain: eliminationChain)
        for step in steps { _ = try monitoringCase.apply(step) }
        return monitoringCase
    }
}
