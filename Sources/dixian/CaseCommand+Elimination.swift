import ArgumentParser
import DixianCore
import DixianDaemon
import DixianMonitoring
import DixianStore
import DixianWeb
import Foundation

extension CaseCommand {
    struct Eliminate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "风险消除：--check 只说明规则结论不做修改；否则提出消除，通过规则后进入审批 (eliminate risk).",
            discussion: """
                规则（依据 003_7054d1b8bccb6c81.txt 一、（三）整改措施 3. 规范消除风险）：帮扶措施已落实；人均纯收入超过当年
                监测标准；“三保障”和饮水安全无未处理的行业预警；最近风险信号后满 elimination_stable_days 天（本地设定）；
                分散特困供养人员、整户无劳动能力且享受全额或最高档低保的标识为兜底保障户，暂不消除；仍有大额支出、收入
                较低或不稳定的继续监测；年龄较大、重大疾病、劳动能力弱的谨慎消除，另加县级审定并须写明意见。
                不予通过时列出全部理由，每条附依据。退出码：0 允许（或已提出）；2 规则不允许，案件继续监测。
                """)
        @OptionGroup var configurationOptions: ConfigurationOptions
        @OptionGroup var step: StepOptions
        @Argument(help: ArgumentHelp("案件编号或 id (case)", valueName: "CASE")) var id: String
        @Flag(help: "只检查并说明结论，不做任何修改 (explain only)") var check = false
        @Flag(name: .customLong("pending-expenses"), help: "村级研判：仍有大额支出 (large pending expenses)") var pendingExpenses = false
        @Flag(name: .customLong("unstable-income"), help: "村级研判：收入较低或不稳定 (low or unstable income)") var unstableIncome = false
        @Flag(name: .customLong("serious-illness"), help: "村级研判：家庭成员有重大疾病 (serious illness)") var seriousIllness = false
        @Option(help: "输出格式 (output format): table | json") var format: DutyCommand.Format = .table

        func run() async throws {
            let (id, step, check) = (id, step, check)
            let assessment = EliminationAssessment(
                largePendingExpenses: pendingExpenses, incomeLowOrUnstable: unstableIncome, seriousIllness: seriousIllness)
            let outcome = try await ProcedureCLI.withDesk(configurationOptions) { desk -> EliminationOutcome in
                let caseID = try await ProcedureCLI.caseID(desk, id)
                if check {
                    let (verdict, _) = try await desk.eliminationVerdict(caseID: caseID, assessment: assessment)
                    return EliminationOutcome(verdict: verdict, result: nil)
                }
                let entry = try await ProcedureCLI.entry(desk, step)
                let (verdict, _) = try await desk.eliminationVerdict(caseID: caseID, assessment: assessment)
                let result = try await desk.store.proposeElimination(caseID: caseID, verdict: verdict, entry: entry)
                return EliminationOutcome(verdict: verdict, result: result)
            }
            if format == .json {
                try printJSON(EliminationView(outcome.verdict, checkedOnly: check))
            } else {
                print(Self.text(outcome, checkedOnly: check))
            }
            if !outcome.verdict.isAllowed { throw ExitCode(2) }
        }

        struct EliminationOutcome: Sendable {
            var verdict: RiskElimination.Verdict
            var result: MonitoringStore.StepResult?
        }

        static func text(_ outcome: EliminationOutcome, checkedOnly: Bool) -> String {
            let verdict = outcome.verdict
            var lines: [String] = []
            if verdict.isAllowed {
                lines.append(checkedOnly ? "规则检查：可以提出风险消除 (allowed)" : "已提出风险消除，进入审批 (proposed)")
                for caution in verdict.cautions { lines.append("  谨慎：\(caution.message)\n    依据 \(caution.seed)") }
            } else {
                lines.append((checkedOnly ? "规则检查：暂不能消除风险" : "风险消除不予通过，继续监测") + "（\(verdict.refusals.count) 条理由）(refused)")
                for reason in verdict.refusals { lines.append("  ✗ \(reason.message) [\(reason.code)]\n    依据 \(reason.seed)") }
            }
            if let result = outcome.result { lines.append(ProcedureCLI.describe(result)) }
            if checkedOnly { lines.append("（仅检查，未做任何修改 / nothing changed）") }
            return lines.joined(separator: "\n")
        }
    }
}
