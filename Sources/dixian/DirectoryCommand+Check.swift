import ArgumentParser
import DixianDaemon
import DixianDirectory
import DixianScheduling
import Foundation

extension DirectoryCommand {
    /// `dixian directory check`: who the plan cannot reach (无法送达), duty by duty.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "检查通讯录能否送达每项任务的提醒 (check that every duty's reminders can reach their recipients).",
            discussion: """
                按当前插件、渠道和组织目录计算到下季度末的排期(只在内存中,不写数据库),列出无法送达的接收人:
                任务的渠道都需要对方的地址(如邮件渠道需要邮箱),而该干部没有,且任务未设 fallback_channels 或其后备渠道也无法送达。
                补全干部的邮箱,或在插件/覆盖配置中设置 fallback_channels: [chat]。
                另列出无责任人的任务 (unassigned: 责任角色在该单位无人担任, 提醒改发督办第一级), 按任务计数;
                表格输出时在标准输出, json 输出时在标准错误。不影响退出码。
                退出码: 0 全部可送达; 1 有无法送达的接收人。
                """
        )
        @OptionGroup var options: ConfigurationOptions
        @Flag(help: "使用演示县而不是数据库中的组织目录 (use the demo county)") var demo = false
        @Option(help: "输出格式 table|json") var format: Format = .table

        func run() async throws {
            let running = try self.options.loadRunning()
            let (units, officials) = try await loadDirectory(running, demo: self.demo, label: "dixian.directory")
            let planner = SchedulePlanner(
                plugins: running.plugins, directory: DirectoryIndex(units: units, officials: officials),
                context: running.configuration.scheduleContext(calendar: running.calendar))
            let now = Date()
            let plan = planner.plan(from: now, through: SchedulePlanner.horizonEnd(after: now, zone: running.configuration.zone))
            let unreachable = plan.unreachable
            if self.format == .json {
                try printJSON(unreachable)
            } else if unreachable.isEmpty {
                print("全部可送达 (every recipient is reachable): \(officials.filter(\.active).count) 名在岗干部")
            } else {
                let byID = Dictionary(officials.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
                let titles = Dictionary(
                    running.plugins.plugins.flatMap(\.duties).map { ($0.qualifiedID, $0.title) }, uniquingKeysWith: { first, _ in first })
                printTable(
                    ["任务 DUTY", "工号 ID", "姓名 NAME", "单位 UNIT", "无法送达的渠道 CHANNELS"],
                    unreachable.map { entry in
                        let official = byID[entry.officialID]
                        return [
                            titles[entry.dutyID].map { "\($0) (\(entry.dutyID))" } ?? entry.dutyID, entry.officialID,
                            official?.name ?? "-", official.flatMap { planner.directory.name(of: $0.orgUnitCode) } ?? "-",
                            entry.channels.map(\.rawValue).joined(separator: ", "),
                        ]
                    })
                let people = Set(unreachable.map(\.officialID)).count
                print("共 \(unreachable.count) 处无法送达,涉及 \(people) 名干部 (unreachable: \(unreachable.count) duty/official pairs, \(people) officials)")
            }
            Self.reportUnassigned(plan, titles: running, toStandardError: self.format == .json)
            if !unreachable.isEmpty { throw ExitCode(1) }
        }

        /// One line per duty with occurrences whose owner role has no holder (plugins/README.md §6).
        static func reportUnassigned(_ plan: SchedulePlan, titles running: RunningConfiguration, toStandardError: Bool) {
            let counts = Dictionary(grouping: plan.occurrences.filter(\.isUnassigned), by: \.dutyID).mapValues(\.count)
            guard !counts.isEmpty else { return }
            let titles = Dictionary(
                running.plugins.plugins.flatMap(\.duties).map { ($0.qualifiedID, $0.title) }, uniquingKeysWith: { first, _ in first })
            var standardError = StandardError()
            for (duty, count) in counts.sorted(by: { $0.key < $1.key }) {
                let line = "无责任人: \(titles[duty].map { "\($0) (\(duty))" } ?? duty) \(count) 期任务, 提醒改发督办第一级"
                    + " (unassigned: \(count) occurrences; reminders go to the first escalation step)"
                if toStandardError { print(line, to: &standardError) } else { print(line) }
            }
        }
    }
}
