import ArgumentParser
import DixianCore
import DixianDaemon
import DixianDirectory
import DixianMonitoring
import DixianStore
import DixianWeb
import Foundation

/// `dixian signal add | verify | list | show`: risk signals (风险信号) from the three channels and their verification.
struct SignalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signal",
        abstract: "风险信号：登记干部排查、农户申报，村级核实 (risk signals and their verification).",
        discussion: """
            三个来源 (sources)：sector 行业部门筛查预警（由筛查自动产生）· visit 基层干部排查 · self 农户自主申报。
            每条信号登记后即启动核实时限（治理插件 alert_verification 任务，缺省 7 天，逾期督办乡镇、县）。
            核实结果 (outcomes)：not_a_risk 不是风险（须写理由）· risk_confirmed 确认存在风险（提出纳入监测，进入审批）·
            already_monitored 已是监测对象（并入在办案件）。
            风险类型 (risk types)：因病 因残 因学 因灾 因意外事故 因产业项目失败 因务工就业不稳 缺劳动力 其他。
            --at 为实际发生日（入户走访日），录入时间另行记录。身份证号一律脱敏显示。

            示例 (examples):
              dixian signal add --household H3201 --source visit --risk 因病 --note "户主住院" --at 2026-07-01
              dixian signal verify 12 --outcome risk_confirmed --category 突发严重困难户 --risk 因病 --at 2026-07-03
              dixian signal verify 13 --outcome not_a_risk --reason "已报销，无大额支出"
              dixian signal list --org 149721101000 --pending

            退出码: 0 成功; 1 被程序规则拒绝、编号不存在或数据库错误（均未做任何修改）; 64 参数错误。
            """,
        subcommands: [Add.self, Verify.self, List.self, Show.self, Poster.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "登记一条干部排查或农户申报的风险信号 (record a signal).")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @OptionGroup var step: StepOptions
        @Option(help: ArgumentHelp("户编号 (household id)", valueName: "ID")) var household: String?
        @Option(help: ArgumentHelp("所在村12位区划代码，户不在台账时必填 (village, when not registered)", valueName: "CODE")) var village: String?
        @Option(help: ArgumentHelp("来源 visit 干部排查 | self 农户申报 (source)", valueName: "SOURCE")) var source: String
        @Option(help: ArgumentHelp("风险类型，多个用逗号分隔 (risk types)", valueName: "TYPES")) var risk: String
        @Option(help: ArgumentHelp("情况说明，最多 2000 字 (note)", valueName: "TEXT")) var note: String
        @Option(help: ArgumentHelp("申报人姓名，户未登记时填 (declarant's name)", valueName: "NAME")) var name: String?
        @Option(help: ArgumentHelp("申报人手机号 (phone)", valueName: "PHONE")) var phone: String?
        @Option(name: .customLong("id-number"), help: ArgumentHelp("申报人身份证号，只存不显示 (resident ID)", valueName: "ID")) var idNumber: String?

        func validate() throws {
            _ = try parsed()
        }

        private func parsed() throws -> NewSignal {
            guard let kind = SignalSource(rawValue: source), kind != .sector else {
                throw ValidationError("--source 应为 visit 或 self (行业部门预警由筛查产生)")
            }
            guard household != nil || name != nil else { throw ValidationError("须给出 --household 或申报人 --name (household or name)") }
            let unit = try village.map { code -> DivisionCode in
                guard let unit = try? DivisionCode(validating: code) else { throw ValidationError("--village 应为12位区划代码") }
                return unit
            }
            if let idNumber, case .failure(let error) = ResidentID.validate(idNumber) {
                throw ValidationError("--id-number 无效：\(error) (invalid resident ID)")
            }
            if let phone, phone.count > 20 || !phone.allSatisfy({ $0.isNumber || $0 == "-" }) {
                throw ValidationError("--phone 应为电话号码 (not a phone number)")
            }
            guard let text = try DutyCommand.freeText(note, option: "--note") else { throw ValidationError("--note 不能为空 (a note is required)") }
            return NewSignal(
                source: kind, householdID: household, unitCode: unit,
                declarant: name.map { DeclarantDetails(name: $0, phone: phone, residentID: idNumber) },
                riskTypes: try ProcedureCLI.riskTypes(risk), note: text)
        }

        func run() async throws {
            let signal = try parsed()
            let step = self.step
            let record = try await ProcedureCLI.withDesk(configurationOptions) { desk in
                let entry = try await ProcedureCLI.entry(desk, step)
                return try await desk.store.addSignal(signal, entry: entry, plan: try await desk.planning())
            }
            print([
                "已登记风险信号 (recorded) \(record.number)", record.source.chineseName, "村 \(record.unitCode)",
                record.riskTypes.map(\.chineseName).joined(separator: "、"),
                "核实期限 \(record.verifyBy?.chineseDescription ?? "未启动")",
            ].joined(separator: " · "))
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "村级核实一条风险信号 (verify a signal).")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @OptionGroup var step: StepOptions
        @Argument(help: ArgumentHelp("信号编号，如 12 或 XH00000012 (signal id)", valueName: "ID")) var id: String
        @Option(help: ArgumentHelp("not_a_risk | risk_confirmed | already_monitored", valueName: "OUTCOME")) var outcome: String
        @Option(help: ArgumentHelp("不是风险的理由 (reason, for not_a_risk)", valueName: "TEXT")) var reason: String?
        @Option(help: ArgumentHelp("监测对象类别：脱贫不稳定户 | 边缘易致贫户 | 突发严重困难户 (category)", valueName: "C")) var category: String?
        @Option(help: ArgumentHelp("确认的风险类型，缺省沿用信号的 (risk types)", valueName: "TYPES")) var risk: String?
        @Option(help: ArgumentHelp("户编号，申报人尚未登记户时填 (household id)", valueName: "ID")) var household: String?

        func validate() throws {
            guard ProcedureCLI.signalID(id) != nil else { throw ValidationError("信号编号应为数字或 XH 编号 (signal id)") }
            switch outcome {
            case "not_a_risk":
                guard try DutyCommand.freeText(reason, option: "--reason") != nil else {
                    throw ValidationError("不是风险须写明理由：--reason (a reason is required)")
                }
            case "risk_confirmed":
                guard let category, MonitoringCategory(naming: category) != nil else {
                    throw ValidationError("确认存在风险须给出 --category：\(MonitoringCategory.allCases.map(\.chineseName).joined(separator: " | "))")
                }
                if let risk { _ = try ProcedureCLI.riskTypes(risk) }
            case "already_monitored": break
            default: throw ValidationError("--outcome 应为 not_a_risk、risk_confirmed 或 already_monitored")
            }
        }

        func run() async throws {
            let signalID = ProcedureCLI.signalID(id)!
            let (outcome, reason, category, risk, household, step) = (outcome, reason, category, risk, household, step)
            let result = try await ProcedureCLI.withDesk(configurationOptions) { desk in
                let verdict: SignalVerdict
                switch outcome {
                case "not_a_risk": verdict = .notARisk(reason: try DutyCommand.freeText(reason, option: "--reason") ?? "")
                case "already_monitored": verdict = .alreadyMonitored
                default:
                    let signal = try await desk.store.signal(id: signalID)
                    let types = try risk.map { try ProcedureCLI.riskTypes($0) } ?? signal?.riskTypes ?? []
                    verdict = .riskConfirmed(category: MonitoringCategory(naming: category!)!, riskTypes: types, householdID: household)
                }
                return try await desk.store.verify(signalID: signalID, verdict, entry: try await ProcedureCLI.entry(desk, step))
            }
            var parts = ["已核实 (verified) \(result.signal.number)", MonitoringStore.outcomeText(result.signal.outcome ?? "")]
            if let number = result.caseNumber { parts.append("案件 \(number)") }
            parts.append("核实任务已完成 \(result.clocksMet) 项")
            print(parts.joined(separator: " · "))
        }
    }
}
