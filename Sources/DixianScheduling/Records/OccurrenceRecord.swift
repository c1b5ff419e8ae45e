import DixianCore
import DixianDirectory
import Foundation

/// One stored occurrence, as `dixian duty list` and the HTTP API show it.
public struct OccurrenceRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var key: String
    public var dutyID: String
    public var unitCode: DivisionCode
    public var unitName: String
    public var officialID: String?
    public var periodKey: PeriodKey
    public var periodLabel: String
    public var nominalDueDate: CalendarDate
    public var dueDate: CalendarDate
    public var dueAt: Date
    public var opensAt: Date
    public var status: OccurrenceStatus
    public var isUnassigned: Bool
    public var target: Decimal?
    public var targetComparison: String?
    public var achieved: Decimal?
    public var targetMet: Bool?
    public var completedAt: Date?
    public var completedBy: String?
    public var completionChannel: ChangeChannel?
    public var note: String?

    public init(
        id: Int64, key: String, dutyID: String, unitCode: DivisionCode, unitName: String, officialID: String? = nil, periodKey: PeriodKey, periodLabel: String, nominalDueDate: CalendarDate, dueDate: CalendarDate, dueAt: Date, opensAt: Date, status: OccurrenceStatus, isUnassigned: Bool, target: Decimal? = nil, targetComparison: String? = nil, achieved: Decimal? = nil, targetMet: Bool? = nil, completedAt: Date? = nil, completedBy: String? = nil, completionChannel: ChangeChannel? = nil, note: String? = nil
    ) {
        self.id = id
        self.key = key
        self.dutyID = dutyID
        self.unitCode = unitCode
        self.unitName = unitName
        self.officialID = officialID
        self.periodKey = periodKey
        self.periodLabel = periodLabel
        self.nominalDueDate = nominalDueDate
        self.dueDate = dueDate
        self.dueAt = dueAt
        self.opensAt = opensAt
        self.status = status
        self.isUnassigned = isUnassigned
        self.target = target
        self.targetComparison = targetComparison
        self.achieved = achieved
        self.targetMet = targetMet
        self.completedAt = completedAt
        self.completedBy = completedBy
        self.completionChannel = completionChannel
        self.note = note
    }

    enum CodingKeys: String, CodingKey {
        case id, key
        case dutyID = "duty_id"
        case unitCode = "unit_code"
        case unitName = "unit_name"
        case officialID = "official_id"
        case periodKey = "period_key"
        case periodLabel = "period_label"
        case nominalDueDate = "nominal_due_date"
        case dueDate = "due_date"
        case dueAt = "due_at"
        case opensAt = "opens_at"
        case status
        case isUnassigned = "unassigned"
        case target
        case targetComparison = "target_compare"
        case achieved
        case targetMet = "target_met"
        case completedAt = "completed_at"
        case completedBy = "completed_by"
        case completionChannel = "completion_channel"
        case note
    }
}

