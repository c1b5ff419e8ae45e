import DixianCore
import DixianMonitoring
import Foundation
import Testing

/// The elimination rules of seed 003 (一、（三）整改措施 3. 规范消除风险) on hand-made facts.
@Suite("Risk elimination rules (风险消除)")
struct RiskEliminationTests {
    static let today = CalendarDate(year: 2026, month: 7, day: 1)!
    static let rules = RiskElimination(policy: EliminationPolicy(monitoringLines: [2025: 7_900, 2024: 7_800], stableDays: 90))

    /// A household that meets every rule.
    static func settled() -> EliminationFacts {
        EliminationFacts(
            riskTypes: [.illness, .schooling], riskTypesWithMeasureInPlace: [.illness, .schooling],
            incomePerCapita: Decimal(string: "9350.5")!, incomeYear: 2025, openSectorAlerts: 0,
            lastSignalDate: CalendarDate(year: 2026, month: 1, day: 10)!, today: today)
    }

    @Test("a household that meets every rule may be eliminated without extra approval")
    func allowed() {
        let verdict = Self.rules.check(Self.settled())
        #expect(verdict.isAllowed && !verdict.needsCountyApproval && !verdict.isSafetyNet)
        #expect(verdict.refusals.isEmpty && verdict.cautions.isEmpty)
    }

    @Test("every failing rule is named at once, each citing seed 003")
    func everyReason() {
        var facts = Self.settled()
        facts.riskTypesWithMeasureInPlace = [.illness]
        facts.incomePerCapita = 7_000
        facts.openSectorAlerts = 2
        facts.lastSignalDate = CalendarDate(year: 2026, month: 6, day: 1)!
        facts.assessment = .init(largePendingExpenses: true, incomeLowOrUnstable: true)
        let verdict = Self.rules.check(facts)
        #expect(verdict.refusals.map(\.code) == [
            .measuresNotInPlace, .incomeNotAboveLine, .sectorAlertsOpen, .riskNotStable, .largePendingExpenses, .incomeLowOrUnstable,
        ])
        #expect(verdict.refusals.allSatisfy { $0.seed.file == "003_7054d1b8bccb6c81.txt" })
        #expect(verdict.refusals[0].message.contains("因学"))
        #expect(verdict.refusals[1].message.contains("7000") && verdict.refusals[1].message.contains("7900"))
        #expect(verdict.refusals[3].message.contains("30天"))
        #expect(!verdict.isAllowed)
    }

    @Test("the income must be above the line of its own year: equal is not above, and a year without a line refuses")
    func incomeLine() {
        var facts = Self.settled()
        facts.incomePerCapita = 7_900
        #expect(Self.rules.check(facts).refusals.map(\.code) == [.incomeNotAboveLine])
        facts.incomePerCapita = Decimal(string: "7900.01")!
        #expect(Self.rules.check(facts).isAllowed)
        facts.incomeYear = 2023
        #expect(Self.rules.check(facts).refusals.map(\.code) == [.noMonitoringLine])
        facts.incomePerCapita = nil
        #expect(Self.rules.check(facts).refusals.map(\.code) == [.incomeMissing])
    }

    @Test("兜底保障: 分散特困 or 整户无劳动能力 on full or top-tier 低保 is never eliminated; partial 低保 is")
    func safetyNet() {
        var facts = Self.settled()
        facts.household = .init(dispersedExtremePovertySupport: true)
        let extreme = Self.rules.check(facts)
        #expect(extreme.isSafetyNet && !extreme.isAllowed)
        #expect(extreme.refusals[0].message.contains("兜底保障户") && extreme.refusals[0].seed.quote.contains("暂不消除风险"))
        facts.household = .init(wholeHouseholdWithoutLabour: true, minimumLivingAllowance: .fullOrTopTier)
        #expect(Self.rules.check(facts).isSafetyNet)
        facts.household = .init(wholeHouseholdWithoutLabour: true, minimumLivingAllowance: .partial)
        #expect(Self.rules.check(facts).isAllowed)
        facts.household = .init(wholeHouseholdWithoutLabour: false, minimumLivingAllowance: .fullOrTopTier)
        #expect(Self.rules.check(facts).isAllowed)
    }

    @Test("the elderly, the seriously ill and weak labour need the county's extra approval (谨慎消除风险)")
    func caution() {
        var facts = Self.settled()
        facts.household = .init(oldestMemberAge: 64)
        #expect(!Self.rules.check(facts).needsCountyApproval)
        facts.household = .init(oldestMemberAge: 65, seriousIllness: true, weakLabour: true)
        let verdict = Self.rules.check(facts)
        #expect(verdict.isAllowed && verdict.needsCountyApproval)
        #expect(verdict.cautions.map(\.code) == [.cautionElderly, .cautionSeriousIllness, .cautionWeakLabour])
        #expect(verdict.cautions.allSatisfy { $0.seed.quote.contains("谨慎消除风险") })
    }

    @Test("stable means no signal for the local number of days: the day it is reached counts")
    func stability() {
        var facts = Self.settled()
        facts.lastSignalDate = CalendarDate(dayNumber: Self.today.dayNumber - 90)!
        #expect(Self.rules.check(facts).isAllowed)
        facts.lastSignalDate = CalendarDate(dayNumber: Self.today.dayNumber - 89)!
        #expect(Self.rules.check(facts).refusals.map(\.code) == [.riskNotStable])
    }

    @Test("a case with no measure in place at all is refused")
    func noMeasures() {
        var facts = Self.settled()
        facts.riskTypes = []
        facts.riskTypesWithMeasureInPlace = []
        #expect(Self.rules.check(facts).refusals.map(\.code) == [.measuresNotInPlace])
    }
}
