import DixianConsole
import DixianCore
import DixianDirectory
import DixianMonitoring
import Foundation

/// A case as lists show it (监测帮扶案件). Holds no full ID number.
public struct CaseRecord: Sendable, Hashable {
    public var id: Int64
    public var number: String
    public var householdID: String
    /// 户主 masked (张*三).
    public var headMasked: String?
    public var unitCode: String
    public var stage: String
    public var category: MonitoringCategory
    public var riskTypes: [RiskType]
    public var isSafetyNet: Bool
    public var openedOn: CalendarDate
    public var includedOn: CalendarDate?
    public var eliminatedOn: CalendarDate?
    public var helperID: String?
    public var helperName: String?
    public var inclusionClockID: Int64?

    /// The stage as officials read it.
    public var stageText: String {
        Self.stageText(stage)
    }

    public static func stageText(_ stage: String) -> String {
        ["inclusion_proposed": "纳入审批中", "monitored": "监测帮扶中", "elimination_proposed": "风险消除审批中",
         "eliminated": "风险已消除"][stage] ?? stage
    }
}

/// One step of a case's log, as entered.
public struct CaseEventRecord: Sendable, Hashable {
    public var id: Int64
    public var step: CaseStep
    public var actor: String
    public var channel: String
    public var effectiveOn: CalendarDate
    public var enteredAt: Date
}

/// A clock occurrence of a case or signal: due date, and met on time, late, open or stopped.
public struct CaseClockRecord: Sendable, Hashable {
    public var occurrenceID: Int64
    public var dutyID: String
    public var dueDate: CalendarDate
    public var dueAt: Date
    public var status: String
    public var completedAt: Date?

    /// Met after its deadline.
    public var isLate: Bool {
        completedAt.map { $0 > dueAt } ?? false
    }
}

/// A measure as stored.
public struct MeasureRecord: Sendable, Hashable {
    public var measure: HelpMeasure
    public var recordedOn: CalendarDate
}

/// A helper assignment (帮扶责任人任期).
public struct HelperAssignmentRecord: Sendable, Hashable {
    public var officialID: String
    public var officialName: String
    public var beginsOn: CalendarDate
    public var endsOn: CalendarDate?
}

/// Everything about one case: what `case show` and `case timeline` print.
public struct CaseDetail: Sendable, Hashable {
    public var record: CaseRecord
    public var events: [CaseEventRecord]
    public var signals: [SignalRecord]
    public var clocks: [CaseClockRecord]
    public var measures: [MeasureRecord]
    public var helpers: [HelperAssignmentRecord]
    /// The awaiting approval step's title, if one is pending; the last rejection's reason, if it was returned.
    public var awaitingStep: String?
    /// The role that decides the awaiting step.
    public var awaitingRole: String?
    public var returnedBecause: String?
}

/// Which cases to list.
public struct CaseFilter: Sendable, Hashable {
    /// A unit: its own cases and those below it.
    public var unit: DivisionCode?
    public var stage: String?
    public var category: MonitoringCategory?
    public var limit: Int
    /// Only what a console session's person sees (nil: everything, the operator's bearer token).
    public var scope: AccessScope?

    public init(unit: DivisionCode? = nil, stage: String? = nil, category: MonitoringCategory? = nil, limit: Int = 200) {
        self.unit = unit
        self.stage = stage
        self.category = category
        self.limit = limit
    }
}
