import DixianCore
import DixianReports
import DixianStore
import Foundation

/// A ledger problem as JSON, the same for `dixian ledger list|show --format json` and the API.
public struct LedgerProblemView: Sendable, Hashable, Encodable {
    public struct Progress: Sendable, Hashable, Encodable {
        public var on: String
        public var text: String
    }

    public struct Evidence: Sendable, Hashable, Encodable {
        public var id: Int64
        public var fileName: String
        public var contentType: String
        public var size: Int
        public var sha256: String
        public var addedAt: Date
        public var addedBy: String

        public init(_ record: LedgerEvidence) {
            id = record.id
            fileName = record.fileName
            contentType = record.contentType
            size = record.size
            sha256 = record.sha256
            addedAt = record.addedAt
            addedBy = record.addedBy
        }

        enum CodingKeys: String, CodingKey {
            case id, size, sha256
            case fileName = "file_name"
            case contentType = "content_type"
            case addedAt = "added_at"
            case addedBy = "added_by"
        }
    }

    public var number: String
    public var campaign: String
    public var group: String
    public var unitCode: String
    public var filledBy: String
    public var problem: String
    public var measure: String
    public var progress: [Progress]
    public var deadline: String
    public var deadlineText: String
    public var result: String
    public var resultText: String
    public var leadUnit: String
    public var cooperatingUnits: [String]
    public var responsible: String
    public var note: String
    /// Past its deadline and still in progress on the day the view was made.
    public var overdue: Bool
    public var updatedAt: Date
    public var evidenceCount: Int
    /// Filled by `show`; nil in lists.
    public var evidence: [Evidence]?

    public init(_ record: LedgerRecord, today: CalendarDate? = nil) {
        let item = record.problem
        number = record.number
        campaign = record.campaign
        group = record.group
        unitCode = record.unitCode.rawValue
        filledBy = record.filledBy
        problem = item.problem
        measure = item.measure
        progress = item.progress.map { Progress(on: $0.on.description, text: $0.text) }
        deadline = item.deadline.description
        deadlineText = item.deadlineText
        result = item.result.rawValue
        resultText = item.result.chineseName
        leadUnit = item.leadUnit
        cooperatingUnits = item.cooperatingUnits
        responsible = item.responsible
        note = item.note
        overdue = today.map(record.isOverdue(on:)) ?? false
        updatedAt = record.updatedAt
        evidenceCount = record.evidenceCount
    }

    enum CodingKeys: String, CodingKey {
        case number, campaign, group, problem, measure, progress, deadline, result, responsible, note, overdue, evidence
        case unitCode = "unit_code"
        case filledBy = "filled_by"
        case deadlineText = "deadline_text"
        case resultText = "result_text"
        case leadUnit = "lead_unit"
        case cooperatingUnits = "cooperating_units"
        case updatedAt = "updated_at"
        case evidenceCount = "evidence_count"
    }
}
