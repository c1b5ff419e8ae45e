import DixianCore

/// A defect of the procedure that seed 003 tells counties to find and rectify (一、（三）: "排查不彻底、应纳未纳、
/// 纳入不及时、体外循环", "预警信息推送处理不够及时"), as a detector reports it for the monthly joint meeting (联席会议).
public struct Defect: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// 应纳未纳: a confirmed risk not included within the allowed days.
        case notIncluded = "not_included"
        /// 纳入不及时: included, but later than the allowed days after the signal.
        case lateInclusion = "late_inclusion"
        /// 体外循环: helped without being monitored.
        case helpedOutsideSystem = "helped_outside_system"
        /// 预警核实逾期: a signal not verified by its deadline, or verified after it.
        case verificationOverdue = "verification_overdue"
        /// 帮扶时钟逾期: the 10-day plan or the 30-day measures not met by their due date, or met after it.
        case clockOverdue = "clock_overdue"

        public var chineseName: String {
            switch self {
            case .notIncluded: "应纳未纳"
            case .lateInclusion: "纳入不及时"
            case .helpedOutsideSystem: "体外循环"
            case .verificationOverdue: "预警核实逾期"
            case .clockOverdue: "帮扶时钟逾期"
            }
        }
    }

    public var kind: Kind
    public var householdID: String
    /// The village the household belongs to.
    public var unitCode: String
    /// What happened, with the dates, in Chinese.
    public var detail: String
    public var seed: SeedCitation

    public init(kind: Kind, householdID: String, unitCode: String, detail: String, seed: SeedCitation) {
        self.kind = kind
        self.householdID = householdID
        self.unitCode = unitCode
        self.detail = detail
        self.seed = seed
    }
}
