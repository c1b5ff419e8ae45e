import DixianMonitoring
import DixianStore
import Foundation

/// A case as the CLI and API present it.
public struct CaseView: Encodable, Sendable {
    public var number: String
    public var id: Int64
    public var householdID: String
    public var head: String?
    public var unitCode: String
    public var stage: String
    public var stageText: String
    public var category: String
    public var categoryText: String
    public var riskTypes: [String]
    public var riskText: String
    public var safetyNet: Bool
    public var openedOn: String
    public var includedOn: String?
    public var eliminatedOn: String?
    public var helperID: String?
    public var helperName: String?

    public init(_ record: CaseRecord) {
        number = record.number
        id = record.id
        householdID = record.householdID
        head = record.headMasked
        unitCode = record.unitCode
        stage = record.stage
        stageText = record.stageText
        category = record.category.rawValue
        categoryText = record.category.chineseName
        riskTypes = record.riskTypes.map(\.rawValue)
        riskText = record.riskTypes.map(\.chineseName).joined(separator: "、")
        safetyNet = record.isSafetyNet
        openedOn = record.openedOn.description
        includedOn = record.includedOn?.description
        eliminatedOn = record.eliminatedOn?.description
        helperID = record.helperID
        helperName = record.helperName
    }
}

/// `case show --format json`.
public struct CaseDetailView: Encodable, Sendable {
    public struct Clock: Encodable, Sendable {
        public var occurrenceID: Int64
        public var duty: String
        public var dueDate: String
        public var status: String
        public var late: Bool
    }

    public struct Measure: Encodable, Sendable {
        public var id: Int64
        public var type: String
        public var answers: String
        public var description: String
        public var status: String
        public var inPlaceOn: String?
    }

    public var `case`: CaseView
    public var awaitingStep: String?
    public var returnedBecause: String?
    public var clocks: [Clock]
    public var measures: [Measure]
    public var helpers: [String]

    public init(_ detail: CaseDetail) {
        self.case = CaseView(detail.record)
        awaitingStep = detail.awaitingStep
        returnedBecause = detail.returnedBecause
        clocks = detail.clocks.map {
            Clock(occurrenceID: $0.occurrenceID, duty: $0.dutyID, dueDate: $0.dueDate.description, status: $0.status, late: $0.isLate)
        }
        measures = detail.measures.map {
            Measure(id: $0.measure.id, type: $0.measure.type.rawValue, answers: $0.measure.answers.rawValue,
                    description: $0.measure.description, status: $0.measure.status.rawValue, inPlaceOn: $0.measure.inPlaceOn?.description)
        }
        helpers = detail.helpers.map { "\($0.officialID) \($0.beginsOn)…\($0.endsOn?.description ?? "")" }
    }
}
