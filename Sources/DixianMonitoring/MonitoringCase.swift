import DixianCore
import Foundation

/// One household's way through the monitoring procedure (防止返贫动态监测和帮扶): signal → verification (核实) →
/// inclusion (纳入监测, through its approval chain) → a helper and a plan within 10 days → measures in place within
/// 30 days → risk elimination (风险消除, through the rules and its approval chain).
///
/// An IO-free state machine in the manner of PostgresNIO's: each method checks a step against the case as it
/// stands and returns the actions for the caller to carry out in one transaction (store, fire an event, complete
/// or stop a clock), or throws ``MonitoringError`` and changes nothing.
public struct MonitoringCase: Sendable, Hashable {
    public enum Stage: Sendable, Hashable {
        /// A signal waits for the village's verification.
        case awaitingVerification
        /// Verified as no risk, with the reason. Final.
        case dismissed(reason: String)
        /// The household already has a case; this signal joined it. Final.
        case linked(toCase: String)
        /// Risk confirmed; inclusion goes through its approval chain.
        case inclusionProposed(ApprovalState)
        /// Included as 监测户: helper, plan and measures follow.
        case monitored
        /// Elimination goes through its approval chain.
        case eliminationProposed(ApprovalState)
        /// Risk eliminated: the clocks stopped. Final.
        case eliminated
    }

    public internal(set) var stage: Stage = .awaitingVerification
    public internal(set) var category: MonitoringCategory?
    public internal(set) var riskTypes: Set<RiskType> = []
    /// The one current helper (帮扶责任人), an official's directory id.
    public internal(set) var helper: String?
    public internal(set) var hasPlan = false
    public internal(set) var measures: [HelpMeasure] = []
    /// Marked 兜底保障户 by a refused elimination: stays monitored.
    public internal(set) var isSafetyNet = false
    var helpPlanClockMet = false
    var measuresClockMet = false

    public let inclusionChain: ApprovalChain
    public let eliminationChain: ApprovalChain

    public init(inclusionChain: ApprovalChain = .standard, eliminationChain: ApprovalChain = .standard) {
        self.inclusionChain = inclusionChain
        self.eliminationChain = eliminationChain
    }

    /// What the caller must do after a step.
    public enum Action: Sendable, Hashable {
        case recordApproval(ApprovalRecord)
        case returnedForRevision(reason: String, to: ApprovalChain.Step)
        /// The household's type becomes 监测户 and `household_included` fires (the 10- and 30-day clocks start).
        case includeHousehold(MonitoringCategory)
        /// The previous helper's assignment ends in the same transaction as the new one begins.
        case endHelperAssignment(officialID: String)
        case beginHelperAssignment(officialID: String)
        /// The 10-day occurrence (help plan and helper) is met.
        case completeHelpPlanClock
        /// The 30-day occurrence (a measure in place for every risk type) is met.
        case completeMeasuresClock
        /// 兜底保障户: marked so, and monitoring goes on.
        case markSafetyNet
        /// The rules refuse elimination for these reasons, each citing its seed; the case stays monitored.
        case eliminationRefused([EliminationReason])
        /// Risk eliminated: the household's clocks stop.
        case eliminateRisk
    }
}
