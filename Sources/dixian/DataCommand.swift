import ArgumentParser
import DixianCore
import DixianDaemon
import Foundation
import Logging

/// `dixian data import`: a sector bureau's file into its plugin's dataset.
struct DataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "行业数据：导入行业部门的数据文件 (sector data: import a bureau's file).",
        discussion: """
            数据集由插件声明（dixian plugins show 插件 查看列名和中文列标题）。文件为 CSV（UTF-8 或 GB18030）或 XLSX（默认第一个工作表），
            表头用中文列标题或列名。先校验全部数据：每个问题列出行号、列标题和原因；有问题时默认不导入任何数据。
            同一数据集同一期次（--period，默认当月）再次导入时整批替换上次的数据。导入后立即按该数据集的规则筛查。

            示例 (examples):
              dixian data import education.student_roll 学籍比对2026年6月.xlsx --period 2026-06
              dixian data import health.insurance_enrollment 参保.csv --dry-run
              dixian data import water.household_water 饮水.csv --skip-invalid

            退出码: 0 已导入（或试运行无问题）; 1 文件有问题未导入、数据集不存在或数据库错误; 64 参数错误。
            """,
        subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "导入一个数据文件 (import one file).")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Argument(help: ArgumentHelp("插件.数据集 (plugin.dataset), 如 education.student_roll", valueName: "PLUGIN.DATASET"))
        var target: String
        @Argument(help: ArgumentHelp("CSV 或 XLSX 文件 (the file)", valueName: "FILE")) var file: String
        @Option(help: ArgumentHelp("数据期次 (period) YYYY-MM, 默认当月", valueName: "YYYY-MM")) var period: String?
        @Option(help: ArgumentHelp("XLSX 的工作表名 (sheet), 默认第一个", valueName: "NAME")) var sheet: String?
        @Flag(help: "只校验，不写入 (validate only, write nothing)") var dryRun = false
        @Flag(help: "跳过有问题的行，导入其余的行 (import the valid rows, skip the others)") var skipInvalid = false
        @Option(help: "输出格式 (output format): table | json") var format: DutyCommand.Format = .table

        func validate() throws {
            guard target.split(separator: ".").count == 2 else {
                throw ValidationError("应写作 插件.数据集，如 education.student_roll (expected PLUGIN.DATASET)")
            }
            if let period, !DataCommand.isPeriod(period) {
                throw ValidationError("--period 应为 YYYY-MM，如 2026-06 (expected YYYY-MM)")
            }
        }

        func run() async throws {
            let running = try configurationOptions.loadRunning()
            let parts = target.split(separator: ".").map(String.init)
            let file = try DataCommand.read(self.file)
            let options = DatasetImporter.Options(
                period: period, dryRun: dryRun, skipInvalid: skipInvalid, sheet: sheet,
                actor: DutyCommand.operatorActor(), channel: "cli")
            let progress = DataCommand.progressPrinter()
            let now = try configurationOptions.clock.now()
            let report = try await ScreenCommand.withStore(running) { client in
                try await DatasetImporter(client: client, logger: Logger(label: "dixian.data")).importDataset(
                    file, plugin: parts[0], dataset: parts[1], running: running, options: options, now: now, progress: progress)
            }
            try DataCommand.present([report], format: format, dryRun: dryRun)
        }
    }

    static func isPeriod(_ text: String) -> Bool {
        guard text.count == 7, let date = CalendarDate(parsing: text + "-01") else { return false }
        return date.day == 1
    }

    /// The file, or a clear error naming it (exit 1).
    static func read(_ path: String) throws -> DatasetImporter.File {
        guard let data = FileManager.default.contents(atPath: path) else {
            var standardError = StandardError()
            print("错误 (error): 无法读取文件 (cannot read the file): \(PersonalDataMask.maskingIDNumbers(in: path))", to: &standardError)
            throw ExitCode.failure
        }
        return DatasetImporter.File(name: (path as NSString).lastPathComponent, bytes: Array(data))
    }

    /// Rows read so far, on one line of a terminal's stderr; nothing when stderr is not a terminal.
    static func progressPrinter() -> @Sendable (Int) -> Void {
        guard isatty(STDERR_FILENO) == 1 else { return { _ in } }
        return { rows in
            var standardError = StandardError()
            print("\r已读取 \(rows) 行 (rows read)…", terminator: "", to: &standardError)
        }
    }

    /// Prints the reports; a refused file ends the command with exit code 1 after its issues.
    static func present(_ reports: [DatasetImporter.Report], format: DutyCommand.Format, dryRun: Bool) throws {
        if isatty(STDERR_FILENO) == 1 {
            var standardError = StandardError()
            print("\r", terminator: "", to: &standardError)
        }
        if format == .json {
            try printJSON(reports)
        } else {
            for report in reports { presentTable(report, dryRun: dryRun) }
        }
        if reports.contains(where: \.refused) { throw ExitCode.failure }
    }

    private static func presentTable(_ report: DatasetImporter.Report, dryRun: Bool) {
        let what = "\(report.target) ← \(report.file)" + (report.period.map { "（\($0)）" } ?? "")
        print("\(what)：读取 \(report.rowsRead) 行，有效 \(report.rowsValid) 行，问题 \(report.issueCount) 个")
        for line in report.issues { print("  \(line)") }
        if let result = report.result {
            var line = "已导入 (imported)：批次 \(result.importID)，写入 \(result.rows) 行"
            if result.updated > 0 || report.target.hasPrefix("register.") { line += "（新增 \(result.inserted)，更新 \(result.updated)）" }
            if let replaced = result.replacedImportID { line += "，替换同期批次 \(replaced)" }
            print(line)
        } else if report.refused {
            print("未导入任何数据 (nothing imported)" + (report.issues.contains { $0.hasPrefix("表头") } ? "" : "；可用 --skip-invalid 跳过问题行"))
        } else if dryRun {
            print("试运行：校验通过，未写入 (dry run: valid, nothing written)")
        }
        for run in report.screening {
            print("  筛查 \(run.plugin).\(run.ruleID)：命中 \(run.matched)，新预警 \(run.newAlerts)，数据缺失 \(run.dataMissing)")
        }
    }
}
