import ArgumentParser
import DixianBench
import DixianCore
import DixianDaemon
import DixianDirectory
import DixianPlugins
import DixianScheduling
import DixianStore
import Foundation
import Logging

/// `dixian simulate`: what the scheduler would send over a span of days, without sending or storing anything.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "预演提醒与督办:列出一段时间内将发出的全部消息 (preview every reminder and escalation in a date range).",
        discussion: """
            用与守护进程相同的排期逻辑(插件、组织目录、节假日日历、时区、工作时间)在内存中推演,按时间顺序列出
            每条提醒与督办:发送时间、接收人、任务、截止日期。不写数据库,不发送任何消息。
            假设在 --from 当天零点启用全部任务,且期间无人确认完成(因此会列出全部督办)。
            组织目录取自数据库;使用内嵌数据库且目录为空、或内嵌数据库尚未创建时使用演示县 (config/demo)。--demo 总是使用演示县。
            不创建内嵌数据库 (不运行 initdb),不执行数据库迁移;数据库结构旧于本程序时拒绝,请先运行 dixian migrate。
            The same planner as the daemon, run in memory from --from 00:00 as if every duty were enabled then
            and nobody confirmed anything. Writes nothing, sends nothing: no initdb on a fresh state directory
            (the demo county is used), no migrations (an older schema is refused: run dixian migrate first).

            示例 (examples):
              dixian simulate --from 2026-07-01 --to 2026-09-30
              dixian simulate --from 2026-07-01 --to 2026-07-31 --org 149721101 --format json
              dixian simulate --demo --from 2026-07-03 --to 2026-08-20 --event household_included --org 149721101001
                                      一户纳入监测后，无人落实时的 10 天、30 天提醒与督办
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @OptionGroup var options: ConfigurationOptions
    @Option(help: ArgumentHelp("起始日期 (first day), YYYY-MM-DD", valueName: "DATE")) var from: String
    @Option(help: ArgumentHelp("结束日期,含当天 (last day, inclusive), YYYY-MM-DD", valueName: "DATE")) var to: String
    @Option(help: ArgumentHelp("只看此单位及其下级的任务 (org subtree): 代码或前缀", valueName: "CODE")) var org: String?
    @Option(help: ArgumentHelp("只看此任务 (one duty), <插件>.<任务>", valueName: "DUTY")) var duty: String?
    @Flag(help: "使用演示县而不是数据库中的组织目录 (use the demo county)") var demo = false
    @Option(help: ArgumentHelp("只预演一个监测帮扶事件的时限：household_included 纳入监测 | alert_raised 预警产生，发生在 --from 当天 9:00，需 --org 指定村 (preview one procedure event's clocks)", valueName: "EVENT"))
    var event: String?
    @Option(help: "输出格式 table|json") var format: Format = .table

    func validate() throws {
        guard let first = CalendarDate(parsing: self.from), let last = CalendarDate(parsing: self.to) else {
            throw ValidationError("日期格式应为 YYYY-MM-DD (dates must be YYYY-MM-DD)")
        }
        guard first <= last, first.days(until: last) <= 366 else {
            throw ValidationError("--to 须不早于 --from,且跨度不超过 366 天 (--to must follow --from, at most 366 days)")
        }
        if let org = self.org, DivisionCode(prefix: org) == nil {
            throw ValidationError("无效的单位代码 '\(org)' (invalid org code)")
        }
        if let event {
            guard ["household_included", "alert_raised"].contains(event) else {
                throw ValidationError("--event 应为 household_included 或 alert_raised (unknown event)")
            }
            guard let org, (try? DivisionCode(validating: org)) != nil else {
                throw ValidationError("--event 需要 --org 指定一个村的12位代码 (--event needs --org with a village code)")
            }
        }
    }

    func run() async throws {
        let running = try self.options.loadRunning()
        let first = CalendarDate(parsing: self.from)!
        let last = CalendarDate(parsing: self.to)!
        let (units, officials) = try await loadDirectory(running, demo: self.demo, label: "dixian.simulate")
        let simulation = ScheduleSimulation(running: running, units: units, officials: officials)
        let event = try self.event.flatMap(EventTrigger.Event.init(rawValue:)).map { ($0, try DivisionCode(validating: self.org ?? "")) }
        let report = simulation.run(
            from: first, through: last, unit: self.org.flatMap(DivisionCode.init(prefix:)), duty: self.duty, event: event)
        var standardError = StandardError()
        for warning in report.warnings { print("warning: \(warning)", to: &standardError) }
        switch self.format {
        case .json: try printJSON(report)
        case .table:
            printTable(
                ["发送时间", "类型", "接收人", "角色", "渠道", "任务", "单位", "期次", "截止"],
                report.messages.map {
                    [$0.sendAtLocal, $0.kindName, $0.recipientName, $0.roleName, $0.channel, $0.dutyTitle, $0.unitName,
                     $0.periodLabel, $0.dueAtLocal]
                })
            print("共 \(report.messages.count) 条消息 (提醒 \(report.reminderCount),督办 \(report.escalationCount)),涉及 \(report.occurrenceCount) 期任务")
        }
    }
}
