import ArgumentParser
import DixianCore
import DixianDaemon
import DixianDirectory
import DixianReports
import DixianStore
import DixianWeb
import Foundation

extension LedgerCommand {
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "新增一个整改问题 (add a problem).")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Option(help: ArgumentHelp("专项整改 id (campaign)", valueName: "ID")) var campaign: String
        @Option(help: ArgumentHelp("工作专班 (working group)", valueName: "NAME")) var group: String
        @Option(help: ArgumentHelp("问题所属单位，12位区划代码 (the unit concerned)", valueName: "CODE")) var unit: String
        @Option(name: .customLong("lead-unit"), help: ArgumentHelp("牵头单位 (lead unit)", valueName: "NAME")) var leadUnit: String
        @Option(help: ArgumentHelp("配合单位，以顿号或逗号分隔 (cooperating units)", valueName: "A、B")) var cooperating: String?
        @Option(help: ArgumentHelp("对照排查内容排查出的具体问题 (the problem found)", valueName: "TEXT")) var problem: String
        @Option(help: ArgumentHelp("整改措施 (the measure)", valueName: "TEXT")) var measure: String
        @Option(help: ArgumentHelp("整改时限，缺省为专项整改的集中整改截止日 (deadline, YYYY-MM-DD)", valueName: "DATE")) var deadline: String?
        @Option(help: ArgumentHelp("责任人：牵头单位的主要负责人 (responsible person)", valueName: "NAME")) var responsible: String
        @Option(name: .customLong("filled-by"), help: ArgumentHelp("填表人 (filled in by)", valueName: "NAME")) var filledBy: String = ""
        @Option(help: ArgumentHelp("备注 (note)", valueName: "TEXT")) var note: String = ""
        @Option(help: ArgumentHelp("以此干部的名义 (official id)", valueName: "OFFICIAL")) var by: String?
        @Option(help: "输出格式 (output format): table | json") var format: DutyCommand.Format = .table

        func validate() throws {
            if (try? DivisionCode(validating: unit)) == nil { throw ValidationError("--unit 应为12位区划代码") }
            if let deadline, CalendarDate(parsing: deadline) == nil { throw ValidationError("--deadline 应为 YYYY-MM-DD 日期") }
            for (value, option) in [(group, "--group"), (leadUnit, "--lead-unit"), (problem, "--problem"), (measure, "--measure"), (responsible, "--responsible")] {
                guard !LedgerCLI.trimmed(value).isEmpty else { throw ValidationError("\(option) 不能为空") }
            }
            guard problem.count <= 2000, measure.count <= 2000, note.count <= 2000 else { throw ValidationError("问题、措施、备注各最多 2000 字") }
        }

        func run() async throws {
            let record = try await LedgerCLI.withDesk(configurationOptions) { desk in
                let campaign = try desk.campaign(campaign)
                let code = try DivisionCode(validating: unit)
                _ = try await desk.unit(code)
                let problem = LedgerProblem(
                    problem: LedgerCLI.trimmed(problem), measure: LedgerCLI.trimmed(measure),
                    deadline: deadline.flatMap(CalendarDate.init(parsing:)) ?? campaign.rectifyBy, result: .inProgress,
                    leadUnit: LedgerCLI.trimmed(leadUnit), cooperatingUnits: LedgerCLI.units(cooperating),
                    responsible: LedgerCLI.trimmed(responsible), note: LedgerCLI.trimmed(note))
                let draft = LedgerDraft(
                    campaign: campaign.id, group: LedgerCLI.trimmed(group), unitCode: code, filledBy: LedgerCLI.trimmed(filledBy), problem: problem)
                return try await desk.store.add(draft, entry: try await LedgerCLI.entry(desk, by: by), clocks: try await desk.deadlineClocks())
            }
            if format == .json { return try printJSON(LedgerProblemView(record)) }
            print("已新增整改问题 \(record.number)，整改时限 \(record.problem.deadlineText) (problem added)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出整改问题，按专班和台账顺序 (list problems).")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @OptionGroup var selection: LedgerSelection
        @Option(help: ArgumentHelp("正在整改 | 整改完成 | 整改完成长期坚持", valueName: "RESULT")) var result: String?
        @Flag(help: "只看逾期未完成的 (only past their deadline and still in progress)") var overdue = false
        @Option(help: "输出格式 (output format): table | json") var format: DutyCommand.Format = .table

        func validate() throws {
            if let result, RectificationResult(naming: result) == nil { throw ValidationError("--result 须为三种整改结果之一") }
        }

        func run() async throws {
            let (records, today) = try await LedgerCLI.withDesk(configurationOptions) { desk in
                var filter = try selection.filter()
                filter.result = result.flatMap(RectificationResult.init(naming:))
                if overdue { filter.overdueOn = desk.today }
                return (try await desk.store.problems(filter), desk.today)
            }
            if format == .json { return try printJSON(records.map { LedgerProblemView($0, today: today) }) }
            guard !records.isEmpty else { return print("没有符合条件的整改问题 (no problems)") }
            printTable(
                ["编号 NUMBER", "专班 GROUP", "问题 PROBLEM", "时限 DEADLINE", "结果 RESULT", "牵头 LEAD", "进展 PROGRESS"],
                records.map { record in
                    let late = record.isOverdue(on: today) ? "（逾期）" : ""
                    return [record.number, record.group, String(record.problem.problem.prefix(24)), record.problem.deadlineText + late,
                            record.problem.result.chineseName, record.problem.leadUnit, "\(record.problem.progress.count) 条"]
                })
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "一个整改问题及其进展和证明材料 (one problem).")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Argument(help: ArgumentHelp("问题编号 (problem)", valueName: "WT…")) var number: String
        @Option(help: "输出格式 (output format): table | json") var format: DutyCommand.Format = .table

        func run() async throws {
            let (record, evidence, today) = try await LedgerCLI.withDesk(configurationOptions) { desk in
                guard let record = try await desk.store.problem(number: number) else {
                    throw DeskRefusal("没有编号为 \(number) 的整改问题 (no such problem)")
                }
                return (record, try await desk.store.evidence(number: number), desk.today)
            }
            var view = LedgerProblemView(record, today: today)
            view.evidence = evidence.map(LedgerProblemView.Evidence.init)
            if format == .json { return try printJSON(view) }
            let problem = record.problem
            print("\(record.number) · \(record.campaign) · \(record.group) · 单位 \(record.unitCode.rawValue)")
            print("问题：\(problem.problem)\n措施：\(problem.measure)")
            print("时限：\(problem.deadline.chineseDescription)前\(view.overdue ? "（已逾期）" : "") · 结果：\(problem.result.chineseName)")
            print("牵头单位：\(problem.leadUnit) · 配合单位：\(problem.cooperatingUnits.joined(separator: "、")) · 责任人：\(problem.responsible)")
            if !problem.note.isEmpty { print("备注：\(problem.note)") }
            print("整改进展：" + (problem.progress.isEmpty ? "无" : "\n" + problem.progressText))
            print("证明材料：" + (evidence.isEmpty ? "无" : ""))
            for file in evidence { print("  #\(file.id) \(file.fileName) \(file.contentType) \(file.size) 字节 sha256:\(file.sha256.prefix(12))…") }
        }
    }
}

/// `--campaign`, `--group`, `--unit`: which problems.
struct LedgerSelection: ParsableArguments {
    @Option(help: ArgumentHelp("专项整改 id (campaign)", valueName: "ID")) var campaign: String?
    @Option(help: ArgumentHelp("工作专班 (working group)", valueName: "NAME")) var group: String?
    @Option(help: ArgumentHelp("此单位及其下级，12位区划代码 (this unit and below)", valueName: "CODE")) var unit: String?

    func validate() throws {
        if let unit, (try? DivisionCode(validating: unit)) == nil { throw ValidationError("--unit 应为12位区划代码") }
    }

    func filter() throws -> LedgerFilter {
        LedgerFilter(campaign: campaign, group: group, unit: try unit.map { try DivisionCode(validating: $0) })
    }
}

extension LedgerCLI {
    /// `各村委会、派出所` or `各村委会,派出所`.
    static func units(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: { "、,，".contains($0) }).map { trimmed(String($0)) }.filter { !$0.isEmpty }
    }
}
