import DixianCore
import Foundation

/// What the risk-elimination rules (风险消除) look at for one monitored household, gathered by the caller from
/// the case, the register, the sector alerts and the village's assessment. Pure data: the rules do no IO.
public struct EliminationFacts: Sendable, Hashable {
    /// The case's risk types; each needs a measure in place.
    public var riskTypes: Set<RiskType>
    /// The risk types addressed by a measure that is in place (已落实).
    public var riskTypesWithMeasureInPlace: Set<RiskType>
    /// 人均纯收入, yuan per person and year, of the latest income record; nil when there is none.
    public var incomePerCapita: Decimal?
    /// The year of that income record.
    public var incomeYear: Int?
    /// Sector alerts still open for the household (三保障 and drinking water: education, health, housing, water).
    public var openSectorAlerts: Int
    /// The latest signal about the household, of any source.
    public var lastSignalDate: CalendarDate?
    /// Household situation that decides 兜底保障 and caution.
    public var household: Household
    /// The village's assessment of what figures do not show.
    public var assessment: Assessment
    /// The day the check is made.
    public var today: CalendarDate

    public init(
        riskTypes: Set<RiskType>, riskTypesWithMeasureInPlace: Set<RiskType>, incomePerCapita: Decimal?, incomeYear: Int?,
        openSectorAlerts: Int, lastSignalDate: CalendarDate?, household: Household = Household(),
        assessment: Assessment = Assessment(), today: CalendarDate
    ) {
        self.riskTypes = riskTypes
        self.riskTypesWithMeasureInPlace = riskTypesWithMeasureInPlace
        self.incomePerCapita = incomePerCapita
        self.incomeYear = incomeYear
        self.openSectorAlerts = openSectorAlerts
        self.lastSignalDate = lastSignalDate
        self.household = household
        self.assessment = assessment
        self.today = today
    }

    /// The register's flags for the household.
    public struct Household: Sendable, Hashable {
        /// 分散特困供养人员 in the household.
        public var dispersedExtremePovertySupport: Bool
        /// 整户无劳动能力.
        public var wholeHouseholdWithoutLabour: Bool
        /// The household's 农村低保.
        public var minimumLivingAllowance: AllowanceLevel
        /// The oldest member's age, for caution.
        public var oldestMemberAge: Int?
        /// A member with a serious illness (重大疾病).
        public var seriousIllness: Bool
        /// Labour lost or weak (丧失劳动能力或劳动能力较弱).
        public var weakLabour: Bool

        public init(
            dispersedExtremePovertySupport: Bool = false, wholeHouseholdWithoutLabour: Bool = false,
            minimumLivingAllowance: AllowanceLevel = .none, oldestMemberAge: Int? = nil, seriousIllness: Bool = false,
            weakLabour: Bool = false
        ) {
            self.dispersedExtremePovertySupport = dispersedExtremePovertySupport
            self.wholeHouseholdWithoutLabour = wholeHouseholdWithoutLabour
            self.minimumLivingAllowance = minimumLivingAllowance
            self.oldestMemberAge = oldestMemberAge
            self.seriousIllness = seriousIllness
            self.weakLabour = weakLabour
        }
    }

    /// 农村低保 as the seeds distinguish it.
    public enum AllowanceLevel: String, Sendable, Hashable, CaseIterable {
        case none
        /// 低保 below the full or top tier.
        case partial
        /// 全额或最高档.
        case fullOrTopTier = "full_or_top_tier"
    }

    /// The village's judgement, recorded when elimination is proposed.
    public struct Assessment: Sendable, Hashable {
        /// 仍存在大额支出.
        public var largePendingExpenses: Bool
        /// 收入水平仍然较低或不稳定.
        public var incomeLowOrUnstable: Bool

        public init(largePendingExpenses: Bool = false, incomeLowOrUnstable: Bool = false) {
            self.largePendingExpenses = largePendingExpenses
            self.incomeLowOrUnstable = incomeLowOrUnstable
        }
    }
}
