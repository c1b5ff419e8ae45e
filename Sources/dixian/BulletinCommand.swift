import ArgumentParser
import DixianDaemon
import DixianDirectory
import DixianReports
import DixianTabular
import Foundation

/// `dixian bulletin`: the weekly bulletin (每周通报) on demand.
struct BulletinCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bulletin",
        abstract: "每周通报：逾期任务按乡镇和行业排名、预警按时核实率、超过10天/30天时限的监测户、整改逾期、较上周变化 (weekly bulletin).",
        discussion: """
            逾期排名按当年截至该周末仍逾期未完成的任务计；预警和整改进展按该周计，并与上一周比较。
            终端打印群聊摘要（只含数字）；--out 写出 .xlsx（逾期排名、时限逾期、较上周三个工作表）或 .json。
            运行中的 dixian 每周按治理插件的 bulletin_weekday、bulletin_hour 自动发布上一周的通报（邮件附 .xlsx，群聊发摘要），
            本命令只生成，不发送。

            示例 (examples):
              dixian bulletin --week 2026-W31 --out 第31周通报.xlsx
              dixian bulletin --org 149721101000          # 上一周，一个乡镇，只打印摘要
            """)
    @OptionGroup var configurationOptions: ConfigurationOptions
    @Option(help: ArgumentHelp("ISO 周，如 2026-W31，缺省为上一周 (week)", valueName: "YYYY-Www")) var week: String?
    @Option(help: ArgumentHelp("只统计此单位及其下级，12位区划代码 (this unit and below)", valueName: "CODE")) var org: String?
    @Option(help: ArgumentHelp("输出文件：.xlsx 或 .json (output file)", valueName: "FILE")) var out: String?

    func validate() throws {
        if let week, ReportPeriod(.weekly, week) == nil { throw ValidationError("--week 应为 \(ReportPeriod.Kind.weekly.pattern)") }
        if let org, (try? DivisionCode(validating: org)) == nil { throw ValidationError("--org 应为12位区划代码") }
        if let out, !["xlsx", "json"].contains(URL(fileURLWithPath: out).pathExtension.lowercased()) {
            throw ValidationError("--out 须以 .xlsx 或 .json 结尾")
        }
    }

    func run() async throws {
        let bulletin = try await DeskSession.run(configurationOptions, label: "dixian.bulletin") { parts in
            let desk = ReportDesk(client: parts.client, running: parts.running, logger: parts.logger, clock: parts.clock)
            let chosen = week.flatMap { ReportPeriod(.weekly, $0) } ?? ReportPeriod(.weekly, containing: desk.today).previous
            return try await desk.bulletin(chosen, unit: try org.map { try DivisionCode(validating: $0) })
        }
        print(bulletin.chatSummary)
        guard let out else { return }
        let xlsx = URL(fileURLWithPath: out).pathExtension.lowercased() == "xlsx"
        try OperatorFile.write(xlsx ? try XLSXWriter.write(bulletin.workbook()) : try OperatorFile.json(bulletin), to: out)
        print("已写出 → \(out) (written)")
    }
}
