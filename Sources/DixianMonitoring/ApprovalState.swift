import Foundation

/// Where one decision stands in its ``ApprovalChain``, built from its append-only approval records (审批记录).
///
/// An IO-free state machine: ``decide(_:)`` checks a decision against the chain and returns the actions the caller
/// carries out (store the record, fire the event, return the case), or throws and changes nothing.
public struct ApprovalState: Sendable, Hashable {
    public let chain: ApprovalChain
    /// Every decision so far, oldest first; a rejection restarts the chain after it.
    public private(set) var records: [ApprovalRecord]

    public init(chain: ApprovalChain, records: [ApprovalRecord] = []) {
        self.chain = chain
        self.records = records
    }

    /// Where the chain stands.
    public enum Stage: Sendable, Hashable {
        /// Waiting for this step.
        case awaiting(ApprovalChain.Step)
        /// Every step approved.
        case approved
    }

    /// The approvals since the last rejection decide the stage: the chain starts over after a rejection.
    public var stage: Stage {
        let current = records.lastIndex { $0.decision == .rejected }.map { records[($0 + 1)...] } ?? records[...]
        let approved = current.filter { $0.decision == .approved }.count
        return approved < chain.steps.count ? .awaiting(chain.steps[approved]) : .approved
    }

    /// The last rejection's reason, while the chain has not been approved since.
    public var returnedBecause: String? {
        guard case .awaiting = stage, let last = records.last, last.decision == .rejected else { return nil }
        return last.comment
    }

    /// What the caller must do after a decision.
    public enum Action: Sendable, Hashable {
        /// Store this record (append-only) and audit it.
        case record(ApprovalRecord)
        /// The chain is complete: the decision takes effect (e.g. `household_included` fires).
        case takeEffect
        /// The case goes back to the first step's role with the reason.
        case returnToStart(reason: String, to: ApprovalChain.Step)
    }

    /// Applies `decision`; on error nothing changes.
    public mutating func decide(_ decision: ApprovalRecord) throws(MonitoringError) -> [Action] {
        guard case .awaiting(let step) = stage else {
            throw MonitoringError(.alreadyApproved, "已审定，不能再审批 (already approved)")
        }
        guard decision.stepID == step.id else {
            throw MonitoringError(.wrongStep, "当前应由“\(step.title)”审批，不是 \(decision.stepID) (not the current step)")
        }
        guard decision.role == step.role else {
            throw MonitoringError(.wrongRole, "“\(step.title)”须由角色 \(step.role) 审批 (wrong role: \(decision.role))")
        }
        let comment = decision.comment.trimmingCharacters(in: .whitespacesAndNewlines)
        if decision.decision == .rejected && comment.isEmpty {
            throw MonitoringError(.reasonRequired, "退回须写明理由 (a rejection needs a reason)")
        }
        if step.requiresNote && comment.isEmpty {
            throw MonitoringError(.reasonRequired, "“\(step.title)”须写明意见 (this step needs a note)")
        }
        records.append(decision)
        switch decision.decision {
        case .rejected:
            return [.record(decision), .returnToStart(reason: comment, to: chain.steps[0])]
        case .approved:
            return stage == .approved ? [.record(decision), .takeEffect] : [.record(decision)]
        }
    }
}

/// One decision of one step (审批记录): who, in which role, approved or rejected, why, and when it took effect.
public struct ApprovalRecord: Sendable, Hashable, Codable {
    public enum Decision: String, Sendable, Hashable, Codable {
        case approved
        case rejected
    }

    public var stepID: String
    public var role: String
    /// The official's directory id.
    public var officialID: String
    public var decision: Decision
    public var comment: String
    /// When the meeting or review happened (effective), apart from when it was entered.
    public var decidedAt: Date

    public init(stepID: String, role: String, officialID: String, decision: Decision, comment: String = "", decidedAt: Date) {
        self.stepID = stepID
        self.role = role
        self.officialID = officialID
        self.decision = decision
        self.comment = comment
        self.decidedAt = decidedAt
    }
}
