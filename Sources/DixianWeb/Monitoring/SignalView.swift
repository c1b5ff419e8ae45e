import DixianCore
import DixianStore
import Foundation

/// A signal as the CLI and API present it: no full ID number.
public struct SignalView: Encodable, Sendable {
    public var number: String
    public var id: Int64
    public var source: String
    public var sourceText: String
    public var alertID: Int64?
    public var householdID: String?
    public var declarant: String?
    public var subject: String
    public var unitCode: String
    public var riskTypes: [String]
    public var riskText: String
    public var note: String
    public var raisedOn: String
    public var verifyBy: String?
    public var outcome: String?
    public var outcomeText: String
    public var outcomeReason: String?
    public var verifiedOn: String?
    public var caseNumber: String?
    public var receipt: String?

    public init(_ signal: SignalRecord) {
        number = signal.number
        id = signal.id
        source = signal.source.rawValue
        sourceText = signal.source.chineseName
        alertID = signal.alertID
        householdID = signal.householdID
        declarant = signal.declarant
        subject = signal.householdID ?? signal.declarant ?? "-"
        unitCode = signal.unitCode
        riskTypes = signal.riskTypes.map(\.rawValue)
        riskText = signal.riskTypes.map(\.chineseName).joined(separator: "、")
        note = PersonalDataMask.maskingIDNumbers(in: signal.note)
        raisedOn = signal.raisedOn.description
        verifyBy = signal.verifyBy?.description
        outcome = signal.outcome
        outcomeText = signal.outcome.map(MonitoringStore.outcomeText) ?? "待核实"
        outcomeReason = signal.outcomeReason.map(PersonalDataMask.maskingIDNumbers(in:))
        verifiedOn = signal.verifiedOn?.description
        caseNumber = signal.caseID.map(MonitoringStore.caseNumber)
        receipt = signal.receipt
    }
}
