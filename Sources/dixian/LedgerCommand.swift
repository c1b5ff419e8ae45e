import ArgumentParser
import DixianCore
import DixianDaemon
import DixianDirectory
import DixianReports
import DixianStore
import Foundation

/// `dixian ledger …`: the rectification ledger (问题排查整改台账) of seed 003's 附件1.
struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "整改台账：问题、整改进展、整改结果、证明材料，按附件1格式导出和导入 (rectification ledger).",
        discussion: """
            每个问题属于一个专项整改（插件中 campaigns 声明，dixian ledger campaigns 列出）和一个工作专班。问题编号
            WT+8位。整改进展只增不改；整改结果为“正在整改”“整改完成”“整改完成长期坚持”三者之一。导出的 XLSX
            与依据文件附件1的版式一致（每个专班一个工作表）；各单位在 Excel 或 WPS 中填写后用 import 导回：
            新行成为新问题，改过的列被更新，新写的进展行成为新的进展；任何一处错误都整份拒收，不做任何修改。

            示例 (examples):
              dixian ledger campaigns
              dixian ledger add --campaign assessment_feedback --group 控辍保学专班 --unit 149721101000 \\
                --lead-unit 镇教育办 --responsible 李某 --problem "个别适龄儿童未入学" --measure "逐户劝返" --deadline 2024-08-15
              dixian ledger progress WT00000001 --on 2024-07-25 --text "完成摸排"
              dixian ledger result WT00000001 整改完成
              dixian ledger list --overdue
              dixian ledger export --campaign assessment_feedback --out 整改台账.xlsx
              dixian ledger import 整改台账.xlsx --by 0101001
              dixian ledger evidence add WT00000001 劝返记录.pdf

            退出码: 0 成功; 1 被拒绝（台账有错、编号不存在、数据库错误，均未做任何修改）; 64 参数错误。
            """,
        subcommands: [
            Campaigns.self, Add.self, Progress.self, Result.self, List.self, Show.self, Export.self, Import.self,
            EvidenceCommand.self,
        ])

    struct Campaigns: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出插件声明的专项整改及其阶段 (declared campaigns).")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Option(help: "输出格式 (output format): table | json") var format: DutyCommand.Format = .table

        func run() async throws {
            let running = try configurationOptions.loadRunning()
            let today = try configurationOptions.clock.now().localDate(in: running.configuration.zone)
            let campaigns = running.plugins.campaigns
            if format == .json { return try printJSON(campaigns) }
            guard !campaigns.isEmpty else { return print("没有声明专项整改 (no campaigns declared)") }
            printTable(
                ["专项整改 ID", "名称 TITLE", "开始 START", "动员 MOBILISE", "整改 RECTIFY", "验收 ACCEPTANCE", "当前 PHASE"],
                campaigns.map {
                    [$0.id, "\($0.year) 年度\($0.title)", $0.start.description, $0.mobiliseBy?.description ?? "-", $0.rectifyBy.description,
                     $0.acceptanceUntil?.description ?? "-", $0.phase(on: today)]
                })
        }
    }

    struct Progress: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "记一条整改进展，只增不改 (add a progress entry).")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Argument(help: ArgumentHelp("问题编号 (problem)", valueName: "WT…")) var number: String
        @Option(help: ArgumentHelp("进展日期，缺省今天 (date, YYYY-MM-DD)", valueName: "DATE")) var on: String?
        @Option(help: ArgumentHelp("做了什么，一行 (what was done, one line)", valueName: "TEXT")) var text: String
        @Option(help: ArgumentHelp("以此干部的名义 (official id)", valueName: "OFFICIAL")) var by: String?

        func validate() throws {
            if let on, CalendarDate(parsing: on) == nil { throw ValidationError("--on 应为 YYYY-MM-DD 日期") }
            try LedgerCLI.checkLine(text, "--text")
        }

        func run() async throws {
            let record = try await LedgerCLI.withDesk(configurationOptions) { desk in
                let entry = try await LedgerCLI.entry(desk, by: by)
                let date = on.flatMap(CalendarDate.init(parsing:)) ?? desk.today
                guard date <= desk.today else { throw DeskRefusal("进展日期晚于今天 (the date is in the future)") }
                return try await desk.store.addProgress(number: number, .init(on: date, text: LedgerCLI.trimmed(text)), entry: entry)
            }
            print("已记录 \(record.number) 的整改进展，共 \(record.problem.progress.count) 条 (progress recorded)")
        }
    }

    struct Result: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "记录整改结果 (set the result).")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Argument(help: ArgumentHelp("问题编号 (problem)", valueName: "WT…")) var number: String
        @Argument(help: ArgumentHelp("正在整改 | 整改完成 | 整改完成长期坚持", valueName: "RESULT")) var result: String
        @Option(help: ArgumentHelp("以此干部的名义 (official id)", valueName: "OFFICIAL")) var by: String?

        func validate() throws {
            guard RectificationResult(naming: result) != nil else {
                throw ValidationError("整改结果须为“正在整改”“整改完成”或“整改完成长期坚持” (one of the three results)")
            }
        }

        func run() async throws {
            let result = RectificationResult(naming: result)!
            let record = try await LedgerCLI.withDesk(configurationOptions) { desk in
                try await desk.store.setResult(
                    number: number, result, entry: try await LedgerCLI.entry(desk, by: by), clocks: try await desk.deadlineClocks())
            }
            print("\(record.number)：\(record.problem.result.chineseName) (result recorded)")
        }
    }
}

/// How `ledger` commands reach the ledger.
enum LedgerCLI {
    /// Loads the configuration and lends the desk to `body`; a refusal prints its message (and each row's issue)
    /// on stderr and exits 1, having changed nothing.
    static func withDesk<R: Sendable>(
        _ options: ConfigurationOptions, _ body: @escaping @Sendable (LedgerDesk) async throws -> R
    ) async throws -> R {
        try await DeskSession.run(options, label: "dixian.ledger") { parts in
            try await body(LedgerDesk(client: parts.client, running: parts.running, logger: parts.logger, clock: parts.clock))
        }
    }

    /// The entry for a write through the CLI; an official named with `--by` must be in the directory.
    static func entry(_ desk: LedgerDesk, by: String?) async throws -> LedgerEntry {
        let official = by?.trimmingCharacters(in: .whitespaces)
        if let official { try await desk.checkOfficial(official) }
        return desk.entry(actor: official ?? DutyCommand.operatorActor(), channel: .cli)
    }

    static func trimmed(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// A cell's one line: not blank, no line break (the ledger cell joins entries by lines), at most 2000 characters.
    static func checkLine(_ text: String, _ option: String) throws {
        let text = trimmed(text)
        guard !text.isEmpty else { throw ValidationError("\(option) 不能为空") }
        guard !text.contains(where: \.isNewline) else { throw ValidationError("\(option) 须为一行 (one line)") }
        guard text.count <= 2000 else { throw ValidationError("\(option) 最多 2000 字") }
    }
}
