import ArgumentParser
import DixianCore
import DixianDaemon
import DixianMonitoring
import DixianStore
import DixianWeb
import Foundation

extension CaseCommand {
    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "审批当前一步：同意，或 --reject 退回并写明理由 (decide the pending approval step).",
            discussion: "纳入审批和风险消除审批共用此命令。带 --by 时须是该步角色、且在本村或上级单位任职。")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @OptionGroup var step: StepOptions
        @Argument(help: ArgumentHelp("案件编号或 id (case)", valueName: "CASE")) var id: String
        @Flag(help: "退回，须写 --comment (reject)") var reject = false
        @Option(help: ArgumentHelp("审批意见，退回时必填 (comment)", valueName: "TEXT")) var comment: String?

        func validate() throws {
            let text = try DutyCommand.freeText(comment, option: "--comment")
            if reject && text == nil { throw ValidationError("退回须写明理由：--comment (a rejection needs a reason)") }
        }

        func run() async throws {
            let (id, step, decision) = (id, step, reject ? ApprovalRecord.Decision.rejected : .approved)
            let comment = try DutyCommand.freeText(comment, option: "--comment") ?? ""
            let result = try await ProcedureCLI.withDesk(configurationOptions) { desk in
                let caseID = try await ProcedureCLI.caseID(desk, id)
                return try await desk.store.decide(
                    caseID: caseID, decision, comment: comment, actorIsOfficial: step.official != nil,
                    entry: try await ProcedureCLI.entry(desk, step), plan: try await desk.planning())
            }
            print((decision == .approved ? "已同意 (approved) · " : "已退回 (rejected) · ") + ProcedureCLI.describe(result))
        }
    }

    struct Helper: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "明确帮扶责任人（每户只有 1 名；更换时原责任人同时卸任）(assign the one helper).")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @OptionGroup var step: StepOptions
        @Argument(help: ArgumentHelp("案件编号或 id (case)", valueName: "CASE")) var id: String
        @Option(help: ArgumentHelp("帮扶责任人的干部工号 (official id)", valueName: "OFFICIAL")) var official: String

        func run() async throws {
            let (id, step, official) = (id, step, official.trimmingCharacters(in: .whitespaces))
            let result = try await ProcedureCLI.withDesk(configurationOptions) { desk in
                let caseID = try await ProcedureCLI.caseID(desk, id)
                return try await desk.store.assignHelper(caseID: caseID, officialID: official, entry: try await ProcedureCLI.entry(desk, step))
            }
            print("帮扶责任人 (helper) \(official) · " + ProcedureCLI.describe(result))
        }
    }

    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "登记帮扶计划 (record the help plan).")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @OptionGroup var step: StepOptions
        @Argument(help: ArgumentHelp("案件编号或 id (case)", valueName: "CASE")) var id: String
        @Option(help: ArgumentHelp("帮扶计划内容，最多 2000 字 (plan)", valueName: "TEXT")) var text: String

        func validate() throws {
            guard try DutyCommand.freeText(text, option: "--text") != nil else { throw ValidationError("--text 不能为空") }
        }

        func run() async throws {
            let (id, step) = (id, step)
            let text = try DutyCommand.freeText(text, option: "--text") ?? ""
            let result = try await ProcedureCLI.withDesk(configurationOptions) { desk in
                let caseID = try await ProcedureCLI.caseID(desk, id)
                return try await desk.store.recordPlan(caseID: caseID, text: text, entry: try await ProcedureCLI.entry(desk, step))
            }
            print("已登记帮扶计划 (plan recorded) · " + ProcedureCLI.describe(result))
        }
    }

    struct Measure: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "申报一项帮扶措施，须针对本户的一种风险 (add a planned measure).",
            discussion: "措施类型 (types): 产业 就业 健康 教育 住房 饮水 兜底保障 金融 消费 其他。落实后用 case in-place 登记。")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @OptionGroup var step: StepOptions
        @Argument(help: ArgumentHelp("案件编号或 id (case)", valueName: "CASE")) var id: String
        @Option(help: ArgumentHelp("措施类型 (measure type)", valueName: "TYPE")) var type: String
        @Option(help: ArgumentHelp("针对的风险类型 (the risk it answers)", valueName: "RISK")) var risk: String
        @Option(help: ArgumentHelp("措施内容 (description)", valueName: "TEXT")) var description: String
        @Option(help: ArgumentHelp("计划落实日期，缺省生效日期 (planned date)", valueName: "DATE")) var planned: String?

        func validate() throws {
            guard MeasureType(naming: type) != nil else {
                throw ValidationError("--type 应为 \(MeasureType.allCases.map(\.chineseName).joined(separator: " "))")
            }
            guard RiskType(naming: risk) != nil else { throw ValidationError("--risk 不认识 \(risk)") }
            guard try DutyCommand.freeText(description, option: "--description") != nil else { throw ValidationError("--description 不能为空") }
            if let planned, CalendarDate(parsing: planned) == nil { throw ValidationError("--planned 应为 YYYY-MM-DD") }
        }

        func run() async throws {
            let (id, step) = (id, step)
            let (type, risk) = (MeasureType(naming: type)!, RiskType(naming: risk)!)
            let text = try DutyCommand.freeText(description, option: "--description") ?? ""
            let planned = planned.flatMap { CalendarDate(parsing: $0) }
            let (result, measureID) = try await ProcedureCLI.withDesk(configurationOptions) { desk in
                let caseID = try await ProcedureCLI.caseID(desk, id)
                let entry = try await ProcedureCLI.entry(desk, step)
                return try await desk.store.addMeasure(
                    caseID: caseID, type: type, answers: risk, description: text, plannedOn: planned ?? entry.effectiveOn, entry: entry)
            }
            print("已申报帮扶措施 (measure added) #\(measureID)（\(type.chineseName)，针对\(risk.chineseName)） · " + ProcedureCLI.describe(result))
        }
    }

    struct InPlace: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "in-place", abstract: "登记一项帮扶措施已落实，附佐证说明 (mark a measure in place).")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @OptionGroup var step: StepOptions
        @Argument(help: ArgumentHelp("案件编号或 id (case)", valueName: "CASE")) var id: String
        @Option(help: ArgumentHelp("措施编号 (measure id)", valueName: "ID")) var measure: Int64
        @Option(help: ArgumentHelp("佐证说明 (evidence)", valueName: "TEXT")) var evidence: String

        func validate() throws {
            guard try DutyCommand.freeText(evidence, option: "--evidence") != nil else { throw ValidationError("--evidence 不能为空") }
        }

        func run() async throws {
            let (id, step, measure) = (id, step, measure)
            let evidence = try DutyCommand.freeText(evidence, option: "--evidence") ?? ""
            let result = try await ProcedureCLI.withDesk(configurationOptions) { desk in
                let caseID = try await ProcedureCLI.caseID(desk, id)
                return try await desk.store.putInPlace(
                    caseID: caseID, measureID: measure, evidence: evidence, entry: try await ProcedureCLI.entry(desk, step))
            }
            print("措施 #\(measure) 已落实 (in place) · " + ProcedureCLI.describe(result))
        }
    }
}
