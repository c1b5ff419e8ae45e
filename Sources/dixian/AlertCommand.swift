import ArgumentParser
import DixianCore
import DixianDaemon
import DixianDirectory
import DixianStore
import Foundation
import Logging

/// `dixian alert list | show`: the alerts (预警) screening raised, for the village to verify.
struct AlertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alert",
        abstract: "预警：查看筛查产生的返贫致贫风险预警 (alerts raised by screening).",
        discussion: """
            每条预警属于户籍所在村，由村党组织书记在期限内入户核实（插件 governance 的 alert_verification 任务及其督办）。
            身份证号一律脱敏显示。状态 (status): open 待核实 · verified 已核实 · dismissed 已排除。
            “不再命中”表示最新数据已不满足规则条件，预警仍保留到核实为止。

            示例 (examples):
              dixian alert list --org 149721101000 --status open    某乡镇待核实的预警
              dixian alert list --rule seasonal_water_shortage
              dixian alert show 42

            退出码: 0 成功; 1 编号不存在或数据库错误; 64 参数错误。
            """,
        subcommands: [List.self, Show.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出预警，最新的在前 (list alerts, newest first).")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Option(help: ArgumentHelp("只看此单位及其下级 (this unit and below), 12位区划代码", valueName: "CODE")) var org: String?
        @Option(help: ArgumentHelp("只看此规则 (only this rule id)", valueName: "RULE")) var rule: String?
        @Option(help: ArgumentHelp("只看此状态 (only this status): open|verified|dismissed", valueName: "S")) var status: String?
        @Option(help: ArgumentHelp("最多条数 (at most), 1-10000", valueName: "N")) var limit: Int = 100
        @Option(help: "输出格式 (output format): table | json") var format: DutyCommand.Format = .table

        func validate() throws {
            guard (1...10_000).contains(limit) else { throw ValidationError("--limit 应在 1-10000 之间 (between 1 and 10000)") }
            if let status, !["open", "verified", "dismissed"].contains(status) {
                throw ValidationError("--status 应为 open、verified 或 dismissed (unknown status)")
            }
            if let org, (try? DivisionCode(validating: org)) == nil {
                throw ValidationError("--org 应为12位区划代码 (a 12-digit division code)")
            }
        }

        func run() async throws {
            let running = try configurationOptions.loadRunning()
            let filter = AlertFilter(
                unit: try org.map { try DivisionCode(validating: $0) }, ruleID: rule, status: status, limit: limit)
            let alerts = try await ScreenCommand.withStore(running) { client in
                try await ScreeningStore(client: client, logger: Logger(label: "dixian.alert")).alerts(filter)
            }
            let time = DutyTimeFormat(timezone: running.configuration.timezone)
            if format == .json { return try printJSON(alerts.map { AlertView($0, running: running, time: time) }) }
            guard !alerts.isEmpty else { return print("没有符合条件的预警 (no alerts)") }
            printTable(
                ["编号 ID", "案件 CASE", "规则 RULE", "对象 SUBJECT", "村 VILLAGE", "级别 LEVEL", "状态 STATUS", "产生 RAISED"],
                alerts.map { alert in
                    let view = AlertView(alert, running: running, time: time)
                    return [String(alert.id), alert.caseNumber, view.ruleTitle, view.subject, alert.unitCode.rawValue,
                            alert.severity, view.statusText, view.raisedAt]
                })
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "一条预警的详情 (one alert in full).")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Argument(help: ArgumentHelp("预警编号 (alert id)", valueName: "ID")) var id: Int64
        @Option(help: "输出格式 (output format): table | json") var format: DutyCommand.Format = .table

        func run() async throws {
            let running = try configurationOptions.loadRunning()
            let id = self.id
            let found = try await ScreenCommand.withStore(running) { client in
                try await ScreeningStore(client: client, logger: Logger(label: "dixian.alert")).alert(id: id)
            }
            guard let alert = found else {
                var standardError = StandardError()
                print("错误 (error): 没有编号为 \(id) 的预警 (no such alert)", to: &standardError)
                throw ExitCode.failure
            }
            let view = AlertView(alert, running: running, time: DutyTimeFormat(timezone: running.configuration.timezone))
            if format == .json { return try printJSON(view) }
            let rows: [(String, String?)] = [
                ("编号 id", String(alert.id)), ("案件编号 case", alert.caseNumber),
                ("规则 rule", "\(alert.plugin).\(alert.ruleID) \(view.ruleTitle)"), ("对象 subject", view.subject),
                ("户编号 household", alert.householdID), ("村 village", alert.unitCode.rawValue),
                ("级别 severity", alert.severity), ("状态 status", view.statusText), ("产生 raised", view.raisedAt),
                ("最近命中 last matched", time(alert.lastMatchedAt, running)),
                ("不再命中 no longer matching", alert.noLongerMatchingAt.map { time($0, running) }),
                ("核实时钟 clock", alert.eventClockID.map { "E\($0)：dixian duty list 查看核实任务" } ?? "待启动 pending"),
            ]
            for (label, value) in rows { if let value { print("\(label): \(value)") } }
        }

        private func time(_ date: Date, _ running: RunningConfiguration) -> String {
            DutyTimeFormat(timezone: running.configuration.timezone).string(date)
        }
    }
}

/// An alert as the CLI presents it: IDs masked, the rule's Chinese title.
struct AlertView: Encodable {
    var id: Int64
    var caseNumber: String
    var plugin: String
    var rule: String
    var ruleTitle: String
    var subject: String
    var householdID: String?
    var unitCode: String
    var severity: String
    var status: String
    var statusText: String
    var stillMatching: Bool
    var raisedAt: String
    /// The verification clock (核实时钟) its `alert_raised` event started; nil until the screener starts it.
    var clockID: Int64?

    init(_ alert: AlertRecord, running: RunningConfiguration, time: DutyTimeFormat) {
        id = alert.id
        caseNumber = alert.caseNumber
        plugin = alert.plugin
        rule = alert.ruleID
        ruleTitle = running.plugins.rule(qualifiedID: "\(alert.plugin).\(alert.ruleID)")?.title ?? alert.ruleID
        subject = alert.maskedSubject
        householdID = alert.householdID
        unitCode = alert.unitCode.rawValue
        severity = alert.severity
        status = alert.status
        let base = ["open": "待核实", "verified": "已核实", "dismissed": "已排除"][alert.status] ?? alert.status
        statusText = alert.status == "open" && !alert.stillMatching ? base + "（不再命中）" : base
        stillMatching = alert.stillMatching
        raisedAt = time.string(alert.raisedAt)
        clockID = alert.eventClockID
    }
}
