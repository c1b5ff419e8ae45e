import DixianCore
import DixianDirectory
import DixianMonitoring
import Foundation

/// Where a signal came from (风险信号来源): the three channels of seed 004's 全面查.
public enum SignalSource: String, Sendable, Hashable, CaseIterable, Codable {
    /// 行业部门筛查预警: a sector alert.
    case sector
    /// 基层干部排查: a cadre's visit.
    case visit
    /// 农户自主申报: the household's own declaration.
    case `self`

    public var chineseName: String {
        switch self {
        case .sector: "行业部门筛查预警"
        case .visit: "基层干部排查"
        case .self: "农户自主申报"
        }
    }
}

/// The details a person gives who is not in the register yet (a self-declaration).
public struct DeclarantDetails: Sendable, Hashable {
    public var name: String
    public var phone: String?
    /// Kept whole only to find the household; masked on every display.
    public var residentID: String?

    public init(name: String, phone: String? = nil, residentID: String? = nil) {
        self.name = name
        self.phone = phone
        self.residentID = residentID
    }
}

/// A signal to record (visit or self-declaration; sector signals come from alerts).
public struct NewSignal: Sendable, Hashable {
    public var source: SignalSource
    public var householdID: String?
    /// The village; required when the household is not in the register.
    public var unitCode: DivisionCode?
    public var declarant: DeclarantDetails?
    public var riskTypes: [RiskType]
    public var note: String
    /// The receipt number shown to a self-declaration's sender.
    public var receipt: String?

    public init(
        source: SignalSource, householdID: String?, unitCode: DivisionCode? = nil, declarant: DeclarantDetails? = nil,
        riskTypes: [RiskType], note: String, receipt: String? = nil
    ) {
        self.source = source
        self.householdID = householdID
        self.unitCode = unitCode
        self.declarant = declarant
        self.riskTypes = riskTypes
        self.note = note
        self.receipt = receipt
    }
}

/// The village's verdict on a signal (核实结果).
public enum SignalVerdict: Sendable, Hashable {
    /// 不是风险, with the reason.
    case notARisk(reason: String)
    /// 确认存在风险: opens a case proposing inclusion. `householdID` names the household of a declarant not
    /// registered when they declared.
    case riskConfirmed(category: MonitoringCategory, riskTypes: [RiskType], householdID: String?)
    /// 已是监测对象: linked to the household's open case.
    case alreadyMonitored

    var outcome: String {
        switch self {
        case .notARisk: "not_a_risk"
        case .riskConfirmed: "risk_confirmed"
        case .alreadyMonitored: "already_monitored"
        }
    }
}

/// A stored signal, as lists and timelines show it. Holds no full ID number.
public struct SignalRecord: Sendable, Hashable {
    public var id: Int64
    public var source: SignalSource
    public var alertID: Int64?
    public var householdID: String?
    public var unitCode: String
    /// The declarant's name and masked ID, for a signal without a registered household.
    public var declarant: String?
    public var riskTypes: [RiskType]
    public var note: String
    public var raisedOn: CalendarDate
    public var enteredAt: Date
    public var enteredBy: String
    public var channel: String
    public var receipt: String?
    public var clockID: Int64?
    /// The verification occurrence's due date, once its clock started.
    public var verifyBy: CalendarDate?
    public var outcome: String?
    public var outcomeReason: String?
    public var verifiedOn: CalendarDate?
    public var verifiedBy: String?
    public var verifiedChannel: String?
    public var caseID: Int64?
    /// The registered household's head, masked (张*三).
    public var headMasked: String?

    /// `XH00000012`.
    public var number: String { MonitoringStore.signalClockNumber(id) }
}
