import DixianCore
import DixianMonitoring
import Foundation
import Testing

/// The procedure's state machine: a household's way from signal to elimination, and the steps it refuses.
@Suite("Monitoring case state machine (监测帮扶)")
struct MonitoringCaseTests {
    static let day = Date(timeIntervalSince1970: 1_782_864_000)

    static func approval(_ step: ApprovalChain.Step, _ decision: ApprovalRecord.Decision = .approved, comment: String = "") -> ApprovalRecord {
        ApprovalRecord(stepID: step.id, role: step.role, officialID: "LC001", decision: decision, comment: comment, decidedAt: day)
    }

    static func includedCase(risks: Set<RiskType> = [.illness, .schooling]) throws -> MonitoringCase {
        var monitored = MonitoringCase()
        _ = try monitored.verify(.riskConfirmed(category: .suddenHardship, riskTypes: risks))
        for step in ApprovalChain.standard.steps { _ = try monitored.decideInclusion(approval(step)) }
        return monitored
    }

    @Test("verification, then 村级评议 → 乡镇审核 → 县级审定: only the last approval includes the household")
    func inclusion() throws {
        var monitored = MonitoringCase()
        #expect(try monitored.verify(.riskConfirmed(category: .suddenHardship, riskTypes: [.illness])) == [])
        let steps = ApprovalChain.standard.steps
        #expect(try monitored.decideInclusion(Self.approval(steps[0])) == [.recordApproval(Self.approval(steps[0]))])
        #expect(try monitored.decideInclusion(Self.approval(steps[1])) == [.recordApproval(Self.approval(steps[1]))])
        #expect(try monitored.decideInclusion(Self.approval(steps[2])) == [.recordApproval(Self.approval(steps[2])), .includeHousehold(.suddenHardship)])
        #expect(monitored.stage == .monitored)
    }

    @Test("a rejection needs a reason and sends the case back to the first step")
    func rejection() throws {
        var monitored = MonitoringCase()
        _ = try monitored.verify(.riskConfirmed(category: .marginalVulnerable, riskTypes: [.disaster]))
        let steps = ApprovalChain.standard.steps
        _ = try monitored.decideInclusion(Self.approval(steps[0]))
        let before = monitored
        #expect(throws: MonitoringError.self) { try monitored.decideInclusion(Self.approval(steps[1], .rejected)) }
        #expect(monitored == before, "a refused step changes nothing")
        let back = try monitored.decideInclusion(Self.approval(steps[1], .rejected, comment: "收入测算未扣减合规自付支出"))
        #expect(back.last == .returnedForRevision(reason: "收入测算未扣减合规自付支出", to: steps[0]))
        guard case .inclusionProposed(let state) = monitored.stage else { Issue.record("\(monitored.stage)"); return }
        #expect(state.stage == .awaiting(steps[0]) && state.returnedBecause == "收入测算未扣减合规自付支出")
    }

    @Test("out-of-turn steps and wrong roles are refused without a change")
    func wrongSteps() throws {
        var monitored = MonitoringCase()
        _ = try monitored.verify(.riskConfirmed(category: .marginalVulnerable, riskTypes: [.disaster]))
        let before = monitored
        let steps = ApprovalChain.standard.steps
        #expect(throws: MonitoringError.self) { try monitored.decideInclusion(Self.approval(steps[2])) }
        var wrongRole = Self.approval(steps[0])
        wrongRole.role = "county_office"
        #expect(throws: MonitoringError.self) { try monitored.decideInclusion(wrongRole) }
        #expect(throws: MonitoringError.self) { try monitored.assignHelper("LC002") }
        #expect(monitored == before)
        var dismissed = MonitoringCase()
        #expect(throws: MonitoringError.self) { try dismissed.verify(.notARisk(reason: "  ")) }
        _ = try dismissed.verify(.notARisk(reason: "已核实收入稳定"))
        #expect(dismissed.stage == .dismissed(reason: "已核实收入稳定"))
        #expect(throws: MonitoringError.self) { try dismissed.verify(.notARisk(reason: "again")) }
    }

    @Test("the 10-day clock is met by a plan and a helper; a new helper ends the old assignment; the 30-day clock by a measure in place per risk")
    func clocks() throws {
        var monitored = try Self.includedCase()
        #expect(try monitored.recordPlan() == [])
        #expect(try monitored.assignHelper("LC010") == [.beginHelperAssignment(officialID: "LC010"), .completeHelpPlanClock])
        #expect(try monitored.assignHelper("LC011") == [.endHelperAssignment(officialID: "LC010"), .beginHelperAssignment(officialID: "LC011")])
        #expect(monitored.helper == "LC011")
        let planned = CalendarDate(year: 2026, month: 7, day: 5)!
        _ = try monitored.addMeasure(HelpMeasure(id: 1, type: .health, answers: .illness, description: "慢病签约", plannedOn: planned))
        _ = try monitored.addMeasure(HelpMeasure(id: 2, type: .education, answers: .schooling, description: "雨露计划", plannedOn: planned))
        #expect(throws: MonitoringError.self) {
            try monitored.addMeasure(HelpMeasure(id: 3, type: .housing, answers: .disaster, description: "危房改造", plannedOn: planned))
        }
        #expect(try monitored.putInPlace(measureID: 1, on: planned, evidence: "签约单") == [])
        #expect(try monitored.putInPlace(measureID: 2, on: planned, evidence: "资助发放表") == [.completeMeasuresClock])
        #expect(try monitored.putInPlace(measureID: 2, on: planned, evidence: "again") == [], "a clock is met once")
    }

    @Test("elimination: refused with every reason and the case stays monitored; allowed through the chain, which stops the clocks")
    func elimination() throws {
        var monitored = try Self.includedCase(risks: [.illness])
        let refused = RiskElimination.Verdict(
            refusals: [EliminationReason(.incomeNotAboveLine, "未超过监测标准", seed: .init(file: "003_7054d1b8bccb6c81.txt", section: "s", quote: "q"))],
            cautions: [])
        #expect(try monitored.proposeElimination(refused) == [.eliminationRefused(refused.refusals)])
        #expect(monitored.stage == .monitored)
        let cautious = RiskElimination.Verdict(
            refusals: [], cautions: [EliminationReason(.cautionElderly, "年龄较大", seed: .init(file: "003_7054d1b8bccb6c81.txt", section: "s", quote: "q"))])
        #expect(try monitored.proposeElimination(cautious) == [])
        guard case .eliminationProposed(let state) = monitored.stage else { Issue.record("\(monitored.stage)"); return }
        #expect(state.chain.steps.count == 4 && state.chain.steps.last?.requiresNote == true)
        for step in ApprovalChain.standard.steps { #expect(try monitored.decideElimination(Self.approval(step)).count == 1) }
        let caution = state.chain.steps[3]
        #expect(throws: MonitoringError.self) { try monitored.decideElimination(Self.approval(caution)) }
        #expect(try monitored.decideElimination(Self.approval(caution, comment: "子女赡养稳定")).last == .eliminateRisk)
        #expect(monitored.stage == .eliminated)
    }

    @Test("兜底保障: marked once, refused every time, never eliminated")
    func safetyNet() throws {
        var monitored = try Self.includedCase(risks: [.lackOfLabour])
        let verdict = RiskElimination(policy: .init(monitoringLines: [2025: 7_900])).check(EliminationFacts(
            riskTypes: [.lackOfLabour], riskTypesWithMeasureInPlace: [.lackOfLabour], incomePerCapita: 12_000, incomeYear: 2025,
            openSectorAlerts: 0, lastSignalDate: nil, household: .init(dispersedExtremePovertySupport: true),
            today: CalendarDate(year: 2026, month: 7, day: 1)!))
        let first = try monitored.proposeElimination(verdict)
        #expect(first.first == .markSafetyNet && monitored.isSafetyNet)
        #expect(try monitored.proposeElimination(verdict) == [.eliminationRefused(verdict.refusals)])
        #expect(monitored.stage == .monitored)
    }

    @Test("the vocabulary reads its English ids and its Chinese terms, and nothing else")
    func vocabulary() {
        #expect(RiskType(naming: "因务工就业不稳") == .unstableEmployment && RiskType(naming: "lack_of_labour") == .lackOfLabour)
        #expect(MonitoringCategory(naming: "突发严重困难户") == .suddenHardship && MeasureType(naming: "兜底保障") == .socialAssistance)
        #expect(RiskType(naming: "因 病") == nil && MonitoringCategory(naming: "监测户") == nil)
        #expect(RiskType.allCases.count == 9 && MeasureType.allCases.count == 10 && MonitoringCategory.allCases.count == 3)
    }

    @Test("2,000 random step sequences: a thrown step changes nothing, each clock is met at most once, one helper at a time")
    func randomSequences() {
        var random = SeededRandom(seed: 13_013)
        let steps = ApprovalChain.standard.steps
        for _ in 0..<2_000 {
            var monitored = MonitoringCase()
            var helperStarts = 0, helperEnds = 0, planClocks = 0, measureClocks = 0
            for _ in 0..<30 {
                let before = monitored
                do {
                    let actions: [MonitoringCase.Action]
                    switch random.below(9) {
                    case 0: actions = try monitored.verify(.riskConfirmed(category: .suddenHardship, riskTypes: [.illness, .accident]))
                    case 1: actions = try monitored.decideInclusion(Self.approval(random.pick(steps), random.below(5) == 0 ? .rejected : .approved, comment: "理由"))
                    case 2: actions = try monitored.assignHelper("LC0\(random.below(3))")
                    case 3: actions = try monitored.recordPlan()
                    case 4, 5:
                        actions = try monitored.addMeasure(HelpMeasure(
                            id: Int64(random.below(4)), type: .other, answers: random.pick([.illness, .accident, .other]), description: "m",
                            plannedOn: CalendarDate(year: 2026, month: 7, day: 1)!))
                    case 6: actions = try monitored.putInPlace(measureID: Int64(random.below(4)), on: CalendarDate(year: 2026, month: 7, day: 2)!, evidence: "e")
                    case 7: actions = try monitored.verify(.notARisk(reason: random.below(2) == 0 ? "" : "无风险"))
                    default: actions = try monitored.decideElimination(Self.approval(random.pick(steps)))
                    }
                    for action in actions {
                        switch action {
                        case .beginHelperAssignment: helperStarts += 1
                        case .endHelperAssignment: helperEnds += 1
                        case .completeHelpPlanClock: planClocks += 1
                        case .completeMeasuresClock: measureClocks += 1
                        default: break
                        }
                    }
                } catch {
                    #expect(monitored == before, "\(error)")
                }
                #expect(helperStarts - helperEnds == (monitored.helper == nil ? 0 : 1))
            }
            #expect(planClocks <= 1 && measureClocks <= 1)
        }
    }
}
