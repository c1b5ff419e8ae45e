import DixianDirectory
import Foundation

/// The state of an occurrence (一期任务状态) as people see it: `overdue` is an open occurrence whose due
/// instant has passed on the caller's clock.
public enum OccurrenceStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case open
    case overdue
    case done
    case waived
    case withdrawn
    case notApplicable = "not_applicable"

    /// `进行中`, `已逾期` …
    public var chineseName: String {
        switch self {
        case .open: "进行中"
        case .overdue: "已逾期"
        case .done: "已完成"
        case .waived: "已豁免"
        case .withdrawn: "已撤销"
        case .notApplicable: "不再适用"
        }
    }
}

/// Through which way a person changed an occurrence (recorded in the audit log).
public enum ChangeChannel: String, Sendable, Hashable, CaseIterable, Codable {
    /// `dixian duty done|waive`.
    case cli
    /// The token-protected HTTP API.
    case http
    /// A signed one-click link from an email.
    case link
}

/// One stored occurrence, as `dixian duty list` and the HTTP API show it.
public struct OccurrenceRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var key: String
    public var dutyID: String
    public var unitCode: String
    public var unitName: String
    public var officialID: String?
    public var periodKey: String
    public var periodLabel: String
    public var nominalDueDate: String
    public var dueDate: String
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

/// Which occurrences to list.
public struct OccurrenceFilter: Sendable, Hashable {
    /// Only the subtree of this unit.
    public var unit: DivisionCode?
    /// Only this status (`overdue` = open and past due on the caller's clock).
    public var status: OccurrenceStatus?
    /// Only this duty (`<plugin>.<duty>`).
    public var dutyID: String?
    /// At most this many, earliest due first.
    public var limit: Int

    public init(unit: DivisionCode? = nil, status: OccurrenceStatus? = nil, dutyID: String? = nil, limit: Int = 500) {
        self.unit = unit
        self.status = status
        self.dutyID = dutyID
        self.limit = limit
    }
}
