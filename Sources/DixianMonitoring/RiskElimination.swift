import DixianCore
import Foundation

/// The risk-elimination rules (风险消除) of seed 003, as a pure function of the facts: every reason that refuses
/// the elimination, every reason that asks for the county's extra approval, and whether the household is a
/// 兜底保障户 that stays monitored whatever the figures say.
///
/// `dixian case eliminate ID --check` prints the verdict without changing anything; the approval chain acts on it.
public struct RiskElimination: Sendable {
    public var policy: EliminationPolicy

    public init(policy: EliminationPolicy) {
        self.policy = policy
    }

    /// What the rules say about `facts`.
    public struct Verdict: Sendable, Hashable {
        /// Every reason the elimination is refused; empty when it may go ahead.
        public var refusals: [EliminationReason]
        /// Reasons it may go ahead only with the county's extra approval and a note (谨慎消除风险).
        public var cautions: [EliminationReason]

        public init(refusals: [EliminationReason], cautions: [EliminationReason]) {
            self.refusals = refusals
            self.cautions = cautions
        }

        /// No refusal.
        public var isAllowed: Bool { refusals.isEmpty }
        /// 兜底保障户: never eliminated, marked so and kept in monitoring.
        public var isSafetyNet: Bool { refusals.contains { $0.code == .safetyNetHousehold } }
        /// The county must approve it specially.
        public var needsCountyApproval: Bool { isAllowed && !cautions.isEmpty }
    }

    public func check(_ facts: EliminationFacts) -> Verdict {
        var refusals: [EliminationReason] = []
        refusals += safetyNet(facts.household)
        refusals += measures(facts)
        refusals += income(facts)
        refusals += securities(facts)
        refusals += stability(facts)
        refusals += assessment(facts.assessment)
        return Verdict(refusals: refusals, cautions: cautions(facts.household))
    }

    private static let safetyNetSeed = SeedCitation.seed003Elimination(
        "对监测对象中分散特困供养人员、整户无劳动能力且享受全额或最高档农村低保补助人员,在系统内标识为整户无劳动能力兜底保障户,暂不消除风险")
    private static let startSeed = SeedCitation.seed003Elimination(
        "对已落实帮扶措施、“三保障”和饮水安全稳定保障、收入超过监测标准、返贫致贫风险稳定消除的,及时启动风险消除程序")
    private static let keepMonitoringSeed = SeedCitation.seed003Elimination(
        "对仍存在大额支出、收入水平仍然较低或不稳定的监测对象,要持续跟踪监测")
    private static let cautionSeed = SeedCitation.seed003Elimination(
        "对年龄较大或有重大疾病,丧失劳动能力或劳动能力较弱的,要谨慎消除风险")

    private func safetyNet(_ household: EliminationFacts.Household) -> [EliminationReason] {
        var who: [String] = []
        if household.dispersedExtremePovertySupport { who.append("分散特困供养人员") }
        if household.wholeHouseholdWithoutLabour && household.minimumLivingAllowance == .fullOrTopTier {
            who.append("整户无劳动能力且享受全额或最高档农村低保")
        }
        guard !who.isEmpty else { return [] }
        return [EliminationReason(
            .safetyNetHousehold, "\(who.joined(separator: "、"))：标识为整户无劳动能力兜底保障户，暂不消除风险，继续监测",
            seed: Self.safetyNetSeed)]
    }

    private func measures(_ facts: EliminationFacts) -> [EliminationReason] {
        let missing = facts.riskTypes.subtracting(facts.riskTypesWithMeasureInPlace).sorted()
        if !missing.isEmpty {
            return [EliminationReason(
                .measuresNotInPlace, "帮扶措施未落实：\(missing.map(\.chineseName).joined(separator: "、"))风险尚无已落实的措施",
                seed: Self.startSeed)]
        }
        if facts.riskTypesWithMeasureInPlace.isEmpty {
            return [EliminationReason(.measuresNotInPlace, "帮扶措施未落实：没有已落实的帮扶措施", seed: Self.startSeed)]
        }
        return []
    }

    private func income(_ facts: EliminationFacts) -> [EliminationReason] {
        guard let income = facts.incomePerCapita, let year = facts.incomeYear else {
            return [EliminationReason(.incomeMissing, "没有人均纯收入记录，无法判断收入是否超过监测标准", seed: Self.startSeed)]
        }
        guard let line = policy.monitoringLines[year] else {
            return [EliminationReason(.noMonitoringLine, "没有\(year)年度的监测标准（治理插件参数 monitoring_line）", seed: Self.startSeed)]
        }
        guard income > line else {
            return [EliminationReason(
                .incomeNotAboveLine, "\(year)年人均纯收入\(income)元，未超过监测标准\(line)元",
                seed: Self.startSeed)]
        }
        return []
    }

    private func securities(_ facts: EliminationFacts) -> [EliminationReason] {
        guard facts.openSectorAlerts > 0 else { return [] }
        return [EliminationReason(
            .sectorAlertsOpen, "“三保障”和饮水安全未稳定保障：仍有\(facts.openSectorAlerts)条行业部门预警未处理", seed: Self.startSeed)]
    }

    private func stability(_ facts: EliminationFacts) -> [EliminationReason] {
        guard let last = facts.lastSignalDate else { return [] }
        let quietDays = facts.today.dayNumber - last.dayNumber
        guard quietDays < policy.stableDays else { return [] }
        return [EliminationReason(
            .riskNotStable,
            "返贫致贫风险尚未稳定消除：最近一次风险信号在\(last.chineseDescription)，距今\(quietDays)天，未满\(policy.stableDays)天（本地设定）",
            seed: Self.startSeed)]
    }

    private func assessment(_ assessment: EliminationFacts.Assessment) -> [EliminationReason] {
        var reasons: [EliminationReason] = []
        if assessment.largePendingExpenses {
            reasons.append(EliminationReason(.largePendingExpenses, "仍存在大额支出，持续跟踪监测", seed: Self.keepMonitoringSeed))
        }
        if assessment.incomeLowOrUnstable {
            reasons.append(EliminationReason(.incomeLowOrUnstable, "收入水平仍然较低或不稳定，持续跟踪监测", seed: Self.keepMonitoringSeed))
        }
        return reasons
    }

    private func cautions(_ household: EliminationFacts.Household) -> [EliminationReason] {
        var reasons: [EliminationReason] = []
        if let age = household.oldestMemberAge, age >= policy.cautionAge {
            reasons.append(EliminationReason(
                .cautionElderly, "家庭成员年龄较大（\(age)岁，本地设定\(policy.cautionAge)岁以上）：谨慎消除风险，须县级审定并写明理由",
                seed: Self.cautionSeed))
        }
        if household.seriousIllness {
            reasons.append(EliminationReason(.cautionSeriousIllness, "有重大疾病：谨慎消除风险，须县级审定并写明理由", seed: Self.cautionSeed))
        }
        if household.weakLabour {
            reasons.append(EliminationReason(.cautionWeakLabour, "丧失劳动能力或劳动能力较弱：谨慎消除风险，须县级审定并写明理由", seed: Self.cautionSeed))
        }
        return reasons
    }
}
