import ArgumentParser
import DixianCore
import DixianDaemon
import DixianStore
import Foundation
import Logging
import PostgresNIO

/// `dixian screen`: runs the plugins' screening rules over the latest imported data now.
struct ScreenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "立即筛查：按插件规则筛查最新导入的行业数据，产生预警 (run the screening rules now).",
        discussion: """
            服务每次导入数据后和每天自动筛查；本命令用于规则或参数调整后立即重跑。每条规则只筛查其数据集最新一期的数据。
            同一规则对同一对象只保留一条未核实的预警：重复筛查不会重复预警；不再命中的预警标记出来，保留到核实为止。
            条件结果缺失（数据缺失）的行只计数，不产生预警。

            示例 (examples):
              dixian screen                                   全部规则
              dixian screen --plugin education                教育插件的规则
              dixian screen --rule compulsory_age_not_enrolled --dry-run   只计算，不写入

            退出码: 0 成功; 1 配置或数据库错误,此时不做任何修改; 64 参数错误。
            """)

    @OptionGroup var configurationOptions: ConfigurationOptions
    @Option(help: ArgumentHelp("只运行此插件的规则 (only this plugin's rules)", valueName: "PLUGIN")) var plugin: String?
    @Option(help: ArgumentHelp("只运行此规则 (only this rule id)", valueName: "RULE")) var rule: String?
    @Flag(help: "只计算命中数，不写入预警 (compute the figures, write nothing)") var dryRun = false
    @Option(help: "输出格式 (output format): table | json") var format: DutyCommand.Format = .table

    func run() async throws {
        let running = try configurationOptions.loadRunning()
        try Self.checkSelection(plugin: plugin, rule: rule, running)
        let logger = Logger(label: "dixian.screen")
        let selection = Screener.Selection(plugin: plugin, rule: rule)
        let dryRun = self.dryRun
        let now = try configurationOptions.clock.now()
        let results = try await Self.withStore(running) { client in
            try await Screener(client: client, logger: logger).run(
                running, selection: selection, trigger: "manual", dryRun: dryRun, now: now)
        }
        if format == .json { return try printJSON(results) }
        guard !results.isEmpty else { return print("没有可运行的规则 (no enabled rule selected)") }
        printTable(
            ["规则 RULE", "期次 PERIOD", "筛查行 ROWS", "命中 MATCHED", "新预警 NEW", "仍命中 OPEN", "不再命中 GONE", "数据缺失 MISSING", "耗时 MS"],
            results.map { result in
                ["\(result.plugin).\(result.ruleID)", result.period ?? "无数据 none", String(result.rowsScreened),
                 String(result.matched), String(result.newAlerts), String(result.stillOpen), String(result.noLongerMatching),
                 String(result.dataMissing), String(result.durationMilliseconds)]
            })
        let unknown = results.reduce(0) { $0 + $1.unknownVillage }
        if unknown > 0 {
            print("⚠ \(unknown) 个命中行的村区划代码不在组织目录中，未产生预警 (matching rows of unknown villages raised nothing)")
        }
        if dryRun { print("试运行，未写入 (dry run: nothing written)") }
    }

    /// A named plugin or rule that does not exist is an error before anything runs.
    static func checkSelection(plugin: String?, rule: String?, _ running: RunningConfiguration) throws {
        let plugins = running.plugins.plugins
        if let plugin, !plugins.contains(where: { $0.id == plugin }) {
            throw ValidationError("没有插件 \(plugin) (no such plugin): \(plugins.map(\.id).joined(separator: ", "))")
        }
        if let rule, !plugins.contains(where: { $0.id == (plugin ?? $0.id) && $0.rules.contains { $0.id == rule } }) {
            throw ValidationError("没有规则 \(rule) (no such rule); dixian plugins show 插件 列出规则")
        }
    }

    /// Runs `body` with a database client on a schema brought up to date; a store error ends the command with
    /// exit code 1.
    static func withStore<R: Sendable>(
        _ running: RunningConfiguration, _ body: @escaping @Sendable (PostgresClient) async throws -> R
    ) async throws -> R {
        let logger = Logger(label: "dixian.screen")
        do {
            return try await DatabaseSession.withClient(configuration: running.configuration, logger: logger) { client, _ in
                try await Migrator().migrate(client: client, logger: logger)
                return try await body(client)
            }
        } catch let error as StoreError {
            var standardError = StandardError()
            print("错误 (error): \(error.message)", to: &standardError)
            throw ExitCode.failure
        }
    }
}
