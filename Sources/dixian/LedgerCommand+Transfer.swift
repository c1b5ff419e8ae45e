import ArgumentParser
import DixianCore
import DixianDaemon
import DixianDirectory
import DixianReports
import DixianStore
import Foundation

extension LedgerCommand {
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "按附件1格式导出台账：.xlsx 每个专班一个工作表，.csv（GB18030）一个专班 (export the ledger).",
            discussion: """
                标题为“<单位> <年度> 年度<事项>问题排查整改台账”，单位取 --unit，缺省为包含全部问题的最小单位；表头为
                专班、牵头单位（盖章）、填表人、时间（--date，缺省今天）。同样的数据导出的文件逐字节相同。
                没有问题时，给出 --group 可导出一份空白台账供填写。
                """)
        @OptionGroup var configurationOptions: ConfigurationOptions
        @OptionGroup var selection: LedgerSelection
        @Option(help: ArgumentHelp("表头“时间”，缺省今天 (the date in the header, YYYY-MM-DD)", valueName: "DATE")) var date: String?
        @Option(help: ArgumentHelp("输出文件，.xlsx 或 .csv (output file)", valueName: "FILE")) var out: String

        func validate() throws {
            if let date, CalendarDate(parsing: date) == nil { throw ValidationError("--date 应为 YYYY-MM-DD 日期") }
            guard LedgerCLI.format(of: out) != nil else { throw ValidationError("--out 须以 .xlsx 或 .csv 结尾 (.xlsx or .csv)") }
        }

        func run() async throws {
            let format = LedgerCLI.format(of: out)!
            let export = try await LedgerCLI.withDesk(configurationOptions) { desk in
                try await desk.export(try selection.filter(), date: date.flatMap(CalendarDate.init(parsing:)) ?? desk.today, format: format)
            }
            try OperatorFile.write(export.bytes, to: out)
            print("已导出 \(export.campaign.title)台账：\(export.sheets) 个专班，\(export.problems) 个问题 → \(out) (exported)")
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导入在 Excel/WPS 中填写的附件1台账（.xlsx 或 .csv），全部成功或全部不改 (import a filled-in ledger).",
            discussion: """
                按“对照排查内容排查出的具体问题”在同一专项整改、同一专班内找回已有问题：新行成为新问题；改过的措施、
                时限、结果、牵头单位、配合单位、责任人、备注、填表人被更新；进展单元格中新写的“7月25日：…”行成为新的
                进展（已记录的进展只增不减，表中删去的行仍保留）。专项整改由标题的事项和年度确定，或用 --campaign 指定；
                新问题所属单位由标题中的单位名称确定，或用 --unit 指定。任何一处错误都整份拒收并逐行列出。
                """)
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Argument(help: ArgumentHelp("台账文件 (ledger file)", valueName: "FILE")) var file: String
        @Option(help: ArgumentHelp("专项整改 id (campaign)", valueName: "ID")) var campaign: String?
        @Option(help: ArgumentHelp("新问题所属单位，12位区划代码 (unit of new problems)", valueName: "CODE")) var unit: String?
        @Option(help: ArgumentHelp("以此干部的名义 (official id)", valueName: "OFFICIAL")) var by: String?
        @Flag(help: "只校验并报告将做的修改，不写入 (validate and report, write nothing)") var dryRun = false
        @Option(help: "输出格式 (output format): table | json") var format: DutyCommand.Format = .table

        func validate() throws {
            if let unit, (try? DivisionCode(validating: unit)) == nil { throw ValidationError("--unit 应为12位区划代码") }
        }

        func run() async throws {
            let bytes = try OperatorFile.read(file)
            let name = URL(fileURLWithPath: file).lastPathComponent
            let result = try await LedgerCLI.withDesk(configurationOptions) { desk in
                let sheets = try await desk.readImport(bytes, fileName: name, campaign: campaign, unit: try unit.map { try DivisionCode(validating: $0) })
                return try await desk.store.importSheets(
                    sheets, fileName: name, entry: try await LedgerCLI.entry(desk, by: by), dryRun: dryRun, clocks: try await desk.deadlineClocks())
            }
            if format == .json { return try printJSON(result) }
            printTable(
                ["专班 GROUP", "行 ROWS", "新增 NEW", "更新 UPDATED", "新进展 PROGRESS", "保留 KEPT"],
                result.groups.map { ["\($0.group)", "\($0.rows)", "\($0.created)", "\($0.updated)", "\($0.progressAdded)", "\($0.progressKept)"] })
            print(dryRun ? "试运行：校验通过，未写入 (dry run: valid, nothing written)" : "已导入 (imported)")
        }
    }
}

extension LedgerCLI {
    static func format(of path: String) -> LedgerDesk.ExportFormat? {
        LedgerDesk.ExportFormat(rawValue: URL(fileURLWithPath: path).pathExtension.lowercased())
    }
}
