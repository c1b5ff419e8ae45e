import DixianCore
import DixianDirectory
import DixianReports
import Foundation

/// A stored ledger problem: the row of 附件1 with where it belongs.
public struct LedgerRecord: Sendable, Hashable {
    public var id: Int64
    /// `WT` + 8 digits.
    public var number: String
    /// The plugin's campaign id.
    public var campaign: String
    /// 专班.
    public var group: String
    /// The org unit the problem concerns.
    public var unitCode: DivisionCode
    /// 填表人.
    public var filledBy: String
    /// The row, with its progress entries oldest first.
    public var problem: LedgerProblem
    /// The row's place in its group's sheet.
    public var position: Int
    public var createdAt: Date
    public var updatedAt: Date
    /// Evidence files attached.
    public var evidenceCount: Int

    /// Whether the deadline has passed on `today` and the problem is still being rectified (逾期未完成).
    public func isOverdue(on today: CalendarDate) -> Bool {
        problem.result == .inProgress && problem.deadline < today
    }
}

/// A new problem (新增问题).
public struct LedgerDraft: Sendable, Hashable {
    public var campaign: String
    public var group: String
    public var unitCode: DivisionCode
    public var filledBy: String
    public var problem: LedgerProblem

    public init(campaign: String, group: String, unitCode: DivisionCode, filledBy: String, problem: LedgerProblem) {
        self.campaign = campaign
        self.group = group
        self.unitCode = unitCode
        self.filledBy = filledBy
        self.problem = problem
    }
}

/// Which problems a list or an export holds.
public struct LedgerFilter: Sendable, Hashable {
    public var campaign: String?
    public var group: String?
    /// The unit's subtree.
    public var unit: DivisionCode?
    public var result: RectificationResult?
    /// Only problems still in progress whose deadline is before this date.
    public var overdueOn: CalendarDate?

    public init(
        campaign: String? = nil, group: String? = nil, unit: DivisionCode? = nil, result: RectificationResult? = nil,
        overdueOn: CalendarDate? = nil
    ) {
        self.campaign = campaign
        self.group = group
        self.unit = unit
        self.result = result
        self.overdueOn = overdueOn
    }
}

/// An evidence file's record (the bytes are fetched apart).
public struct LedgerEvidence: Sendable, Hashable {
    public var id: Int64
    public var fileName: String
    public var contentType: String
    public var size: Int
    /// Lowercase hex.
    public var sha256: String
    public var addedAt: Date
    public var addedBy: String
}

/// One working group's sheet to import: the sheet as read and the unit its new problems belong to.
public struct LedgerImportSheet: Sendable, Hashable {
    public var campaign: String
    public var unitCode: DivisionCode
    public var sheet: LedgerSheet
    /// For messages: the sheet's name in the workbook, or the file name.
    public var source: String

    public init(campaign: String, unitCode: DivisionCode, sheet: LedgerSheet, source: String) {
        self.campaign = campaign
        self.unitCode = unitCode
        self.sheet = sheet
        self.source = source
    }
}

/// What an import did (or, dry, would do), per working group.
public struct LedgerImportResult: Sendable, Hashable, Encodable {
    public struct Group: Sendable, Hashable, Encodable {
        public var group: String
        public var rows: Int
        public var created: Int
        public var updated: Int
        public var progressAdded: Int
        public var progressKept: Int
        /// The new problems' numbers, in sheet order.
        public var newNumbers: [String]

        enum CodingKeys: String, CodingKey {
            case group, rows, created, updated
            case progressAdded = "progress_added"
            case progressKept = "progress_kept"
            case newNumbers = "new_numbers"
        }
    }

    public var groups: [Group]
    public var dryRun: Bool

    enum CodingKeys: String, CodingKey {
        case groups
        case dryRun = "dry_run"
    }
}
