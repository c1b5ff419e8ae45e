/// Why the rules refuse an elimination, or why it needs care: a stable code, the Chinese an official reads, and
/// the seed rule it rests on.
public struct EliminationReason: Sendable, Hashable, Codable {
    public struct Code: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let measuresNotInPlace = Code(rawValue: "measures_not_in_place")
        public static let incomeMissing = Code(rawValue: "income_missing")
        public static let noMonitoringLine = Code(rawValue: "no_monitoring_line")
        public static let incomeNotAboveLine = Code(rawValue: "income_not_above_line")
        public static let sectorAlertsOpen = Code(rawValue: "sector_alerts_open")
        public static let riskNotStable = Code(rawValue: "risk_not_stable")
        public static let safetyNetHousehold = Code(rawValue: "safety_net_household")
        public static let largePendingExpenses = Code(rawValue: "large_pending_expenses")
        public static let incomeLowOrUnstable = Code(rawValue: "income_low_or_unstable")
        public static let cautionElderly = Code(rawValue: "caution_elderly")
        public static let cautionSeriousIllness = Code(rawValue: "caution_serious_illness")
        public static let cautionWeakLabour = Code(rawValue: "caution_weak_labour")
    }

    public var code: Code
    /// Chinese, with the figures that decided it.
    public var message: String
    public var seed: SeedCitation

    public init(_ code: Code, _ message: String, seed: SeedCitation) {
        self.code = code
        self.message = message
        self.seed = seed
    }
}
