import DixianMonitoring
import DixianStore
import Foundation

/// `case eliminate --format json`.
public struct EliminationView: Encodable, Sendable {
    public struct Reason: Encodable, Sendable {
        public var code: String
        public var message: String
        public var seed: String
    }

    public var allowed: Bool
    public var checkedOnly: Bool
    public var refusals: [Reason]
    public var cautions: [Reason]

    public init(_ verdict: RiskElimination.Verdict, checkedOnly: Bool) {
        allowed = verdict.isAllowed
        self.checkedOnly = checkedOnly
        refusals = verdict.refusals.map { Reason(code: $0.code.rawValue, message: $0.message, seed: $0.seed.description) }
        cautions = verdict.cautions.map { Reason(code: $0.code.rawValue, message: $0.message, seed: $0.seed.description) }
    }
}

/// A defect as JSON.
public struct DefectView: Encodable, Sendable {
    public var kind: String
    public var kindText: String
    public var householdID: String
    public var unitCode: String
    public var detail: String
    public var seed: String

    public init(_ defect: Defect) {
        kind = defect.kind.rawValue
        kindText = defect.kind.chineseName
        householdID = defect.householdID
        unitCode = defect.unitCode
        detail = defect.detail
        seed = defect.seed.description
    }
}

/// `case agenda --format json`.
public struct AgendaView: Encodable, Sendable {
    public var month: String
    public var newSignals: [SignalView]
    public var eliminationProposals: [CaseView]
    public var defects: [DefectView]

    public init(_ agenda: MeetingAgenda) {
        month = agenda.month
        newSignals = agenda.newSignals.map(SignalView.init)
        eliminationProposals = agenda.eliminationProposals.map(CaseView.init)
        defects = agenda.defects.map(DefectView.init)
    }
}
