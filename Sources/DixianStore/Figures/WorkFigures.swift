import Foundation

/// 工作进度指标: what the county office watches on the dashboard, counted from the database. Procedure figures are
/// per town (乡镇), a bounded set of a few dozen per county; screening figures per rule and per dataset.
public struct WorkFigures: Sendable, Hashable {
    /// A town as a metric label. Units above the towns count together as 县级, under the county's code.
    public struct Town: Sendable, Hashable, Comparable {
        public var code: String
        public var name: String

        public init(code: String, name: String) {
            self.code = code
            self.name = name
        }

        public static func < (lhs: Town, rhs: Town) -> Bool { lhs.code < rhs.code }
    }

    /// The monitoring procedure in one town.
    public struct TownFigures: Sendable, Hashable {
        /// Signals ever recorded, by source (`sector`, `visit`, `self`).
        public var signalsBySource: [String: Int] = [:]
        /// Signals not yet verified (待核实).
        public var verificationsPending = 0
        /// Of those, the ones past their verification deadline (核实逾期): the first due time of their clock.
        public var verificationsOverdue = 0
        /// Signals verified by their deadline, and after it.
        public var verifiedOnTime = 0
        public var verifiedLate = 0
        /// Cases by stage (`inclusion_proposed`, `monitored`, `elimination_proposed`, `eliminated`).
        public var casesByStage: [String: Int] = [:]
        /// Cases whose 10-day clock (helper and plan) or 30-day clock (measures in place) has passed unmet.
        public var helpPlanClocksOverdue = 0
        public var measuresClocksOverdue = 0

        public init() {}
    }

    /// The last screening of one rule that was not a dry run.
    public struct RuleFigures: Sendable, Hashable {
        public var lastRunAt: Date
        public var rowsScreened: Int
        public var matched: Int
        /// Rows the rule could not decide because a field it reads was empty (数据缺失).
        public var dataMissing: Int

        public init(lastRunAt: Date, rowsScreened: Int, matched: Int, dataMissing: Int) {
            self.lastRunAt = lastRunAt
            self.rowsScreened = rowsScreened
            self.matched = matched
            self.dataMissing = dataMissing
        }
    }

    /// Every town of the directory, with zeros where nothing happened, and 县级 when anything counts there.
    public var towns: [Town: TownFigures] = [:]
    /// By `<plugin>.<rule>`.
    public var rules: [String: RuleFigures] = [:]
    /// When each import target (`register.households`, `<plugin>.<dataset>`) last got a batch.
    public var lastImports: [String: Date] = [:]

    public init() {}

    /// The stages a case can be in, so that every town reports each (a zero is a value, not a missing series).
    public static let caseStages = ["inclusion_proposed", "monitored", "elimination_proposed", "eliminated"]
    /// The signal sources.
    public static let signalSources = ["sector", "visit", "self"]
}
