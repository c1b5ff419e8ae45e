import ArgumentParser
import DixianDaemon
import DixianDirectory
import DixianReports
import DixianTabular
import Foundation

/// `dixian report weekly|monthly|quarterly`: the 周报, 月报 and 季报 seed 004 asks for, drafted from the data.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "生成周报、月报、季报：任务完成、逾期事项、预警核实、监测对象、整改台账 (period reports).",
        discussion: """
            任务按截止日期落在统计期间内计（豁免、撤回、不适用的不计），逾期未完成为截止已过仍未确认完成的，与
            dixian duty list 的“已逾期”一致；预警按产生日期计，按时核实指在核实时钟的首个截止前核实；监测对象为当前
            状态，另计本期纳入和消除风险的户数；整改台账为当前状态，另计本期新增的整改进展。
            输出按扩展名：.xlsx（每部分一个工作表）、.html（含条形图，可直接打印）、.json（全部数字，供核对）。

            示例 (examples):
              dixian report monthly --period 2026-07 --out 2026年7月月报.xlsx
              dixian report weekly --period 2026-W31 --org 149721101000 --out 周报.html
              dixian report quarterly --out 季报.json          # 缺省为上一个完整的季度
            """,
        subcommands: [Weekly.self, Monthly.self, Quarterly.self])

    struct Weekly: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "周报 (weekly report), --period YYYY-Www.")
        @OptionGroup var options: ReportOptions
        func validate() throws { try options.check(.weekly) }
        func run() async throws { try await options.write(.weekly) }
    }

    struct Monthly: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "月报 (monthly report), --period YYYY-MM.")
        @OptionGroup var options: ReportOptions
        func validate() throws { try options.check(.monthly) }
        func run() async throws { try await options.write(.monthly) }
    }

    struct Quarterly: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "季报 (quarterly report), --period YYYY-Qn.")
        @OptionGroup var options: ReportOptions
        func validate() throws { try options.check(.quarterly) }
        func run() async throws { try await options.write(.quarterly) }
    }
}

/// What every report command takes.
struct ReportOptions: ParsableArguments {
    @OptionGroup var configurationOptions: ConfigurationOptions
    @Option(help: ArgumentHelp("统计期间，缺省为上一个完整的周、月或季度 (period)", valueName: "P")) var period: String?
    @Option(help: ArgumentHelp("只统计此单位及其下级，12位区划代码 (this unit and below)", valueName: "CODE")) var org: String?
    @Option(help: ArgumentHelp("输出文件：.xlsx、.html 或 .json (output file)", valueName: "FILE")) var out: String

    func check(_ kind: ReportPeriod.Kind) throws {
        if let period, ReportPeriod(kind, period) == nil { throw ValidationError("--period 应为 \(kind.pattern)") }
        if let org, (try? DivisionCode(validating: org)) == nil { throw ValidationError("--org 应为12位区划代码") }
        guard ["xlsx", "html", "json"].contains(URL(fileURLWithPath: out).pathExtension.lowercased()) else {
            throw ValidationError("--out 须以 .xlsx、.html 或 .json 结尾")
        }
    }

    func write(_ kind: ReportPeriod.Kind) async throws {
        let report = try await DeskSession.run(configurationOptions, label: "dixian.report") { parts in
            let desk = ReportDesk(client: parts.client, running: parts.running, logger: parts.logger, clock: parts.clock)
            let chosen = period.flatMap { ReportPeriod(kind, $0) } ?? ReportPeriod(kind, containing: desk.today).previous
            return try await desk.report(chosen, unit: try org.map { try DivisionCode(validating: $0) })
        }
        let bytes: [UInt8]
        switch URL(fileURLWithPath: out).pathExtension.lowercased() {
        case "xlsx": bytes = try XLSXWriter.write(report.workbook())
        case "html": bytes = Array(report.html().utf8)
        default: bytes = try OperatorFile.json(report)
        }
        try OperatorFile.write(bytes, to: out)
        print("已生成\(report.title)（\(report.from) 至 \(report.to)）→ \(out) (report written)")
    }
}
