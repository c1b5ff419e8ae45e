import DixianCore

/// What a period report is counted from, as the store reads it and the directory and plugins name it.
public struct PeriodInputs: Sendable, Hashable {
    /// A duty occurrence due in the period (waived, withdrawn and not-applicable ones left out).
    public struct Occurrence: Sendable, Hashable {
        public var id: Int64
        /// `governance.village_secretary_visits`.
        public var dutyID: String
        public var dutyTitle: String
        /// The plugin's name (行业): `义务教育保障`, `巩固衔接领导小组职责`.
        public var sector: String
        public var unitCode: String
        public var unitName: String
        /// The town it belongs to (the unit itself for a town; `县级` above).
        public var town: String
        /// The village, for occurrences at a village.
        public var village: String?
        public var dueDate: CalendarDate
        /// `open` or `done`.
        public var status: String
        /// Open and past its due instant now (what `duty list --status overdue` shows).
        public var isOverdue: Bool
        /// Done by its due instant.
        public var doneOnTime: Bool

        public init(
            id: Int64, dutyID: String, dutyTitle: String, sector: String, unitCode: String, unitName: String, town: String,
            village: String?, dueDate: CalendarDate, status: String, isOverdue: Bool, doneOnTime: Bool
        ) {
            self.id = id
            self.dutyID = dutyID
            self.dutyTitle = dutyTitle
            self.sector = sector
            self.unitCode = unitCode
            self.unitName = unitName
            self.town = town
            self.village = village
            self.dueDate = dueDate
            self.status = status
            self.isOverdue = isOverdue
            self.doneOnTime = doneOnTime
        }
    }

    /// An alert raised in the period and how its verification went.
    public struct Alert: Sendable, Hashable {
        public var id: Int64
        /// Verified or dismissed (no longer `open`).
        public var verified: Bool
        /// Verified by its clock's first deadline.
        public var onTime: Bool
        /// Days from raising to verification, when verified.
        public var days: Int?

        public init(id: Int64, verified: Bool, onTime: Bool, days: Int?) {
            self.id = id
            self.verified = verified
            self.onTime = onTime
            self.days = days
        }
    }

    /// A monitoring case as it stands, with its dates.
    public struct Case: Sendable, Hashable {
        /// 脱贫不稳定户 …
        public var category: String
        /// 因病 …
        public var riskTypes: [String]
        /// 待审批纳入, 监测帮扶中 …
        public var stage: String
        public var isMonitored: Bool
        public var includedOn: CalendarDate?
        public var eliminatedOn: CalendarDate?

        public init(category: String, riskTypes: [String], stage: String, isMonitored: Bool, includedOn: CalendarDate?, eliminatedOn: CalendarDate?) {
            self.category = category
            self.riskTypes = riskTypes
            self.stage = stage
            self.isMonitored = isMonitored
            self.includedOn = includedOn
            self.eliminatedOn = eliminatedOn
        }
    }

    /// A ledger problem: its result, whether it is past its deadline, and its progress entries in the period.
    public struct Problem: Sendable, Hashable {
        public var result: RectificationResult
        public var isOverdue: Bool
        public var progressInPeriod: Int

        public init(result: RectificationResult, isOverdue: Bool, progressInPeriod: Int) {
            self.result = result
            self.isOverdue = isOverdue
            self.progressInPeriod = progressInPeriod
        }
    }

    public var occurrences: [Occurrence]
    public var alerts: [Alert]
    public var cases: [Case]
    public var problems: [Problem]

    public init(occurrences: [Occurrence], alerts: [Alert], cases: [Case], problems: [Problem]) {
        self.occurrences = occurrences
        self.alerts = alerts
        self.cases = cases
        self.problems = problems
    }
}
