import ArgumentParser
import DixianDaemon
import DixianDirectory
import DixianPlugins
import DixianScheduling
import DixianStore
import Foundation

extension DutyCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "列出各期任务,按截止时间排序 (list occurrences, earliest due first).",
            discussion: """
                示例: dixian duty list --org 149721 --status overdue
                表格列: 编号 任务 单位 期次 截止 状态,有数量目标时另有 目标 完成。
                """
        )
        @OptionGroup var options: DutyCommand.Options
        @Option(help: ArgumentHelp("只列此单位及其下级 (org subtree): 12 位代码或前缀 14/1497/149721/149721101", valueName: "CODE"))
        var org: String?
        @Option(help: ArgumentHelp("只列此状态 open|overdue|done|waived|withdrawn|not_applicable (status)", valueName: "STATUS"))
        var status: OccurrenceStatus?
        @Option(help: ArgumentHelp("只列此任务 <插件>.<任务> (duty id)", valueName: "ID"))
        var duty: String?
        @Option(help: ArgumentHelp("最多列出条数 (at most N)", valueName: "N"))
        var limit = 100
        @Option(help: "输出格式 table|json (output format)")
        var format: DutyCommand.Format = .table

        func validate() throws {
            guard (1...10_000).contains(self.limit) else {
                throw ValidationError("--limit 应为 1 到 10000 (limit must be 1...10000)")
            }
            if let org, DivisionCode(prefix: org) == nil {
                throw ValidationError("单位代码无效 (invalid org code): \(org);应为 12 位代码或 2/4/6/9 位前缀")
            }
        }

        func run() async throws {
            let filter = OccurrenceFilter(
                unit: self.org.flatMap(DivisionCode.init(prefix:)), status: self.status, dutyID: self.duty, limit: self.limit)
            let (records, time) = try await self.options.withStores { stores, time in
                (try await stores.schedule.occurrences(filter, now: Date()), time)
            }
            if self.format == .json {
                try printJSON(records)
                return
            }
            let titles = DutyTitles.load(configuration: self.options.configuration)
            let withTargets = records.contains { $0.target != nil || $0.achieved != nil }
            var header = ["编号", "任务", "单位", "期次", "截止", "状态"]
            if withTargets { header += ["目标", "完成"] }
            printTable(header, records.map { record in
                var row = [
                    String(record.id), titles.title(record.dutyID), record.unitName, record.periodLabel,
                    time.string(record.dueAt), record.status.chineseName,
                ]
                if withTargets { row += [record.targetText ?? "-", record.achieved.map { "\($0)" } ?? "-"] }
                return row
            })
            let more = records.count == self.limit ? "(已达上限 --limit \(self.limit))" : ""
            print("共 \(records.count) 期任务\(more)")
        }
    }
}

/// Duty titles from the plugins, for tables; a duty whose plugin is not loaded shows its id.
struct DutyTitles {
    var titles: [String: String] = [:]

    static func load(configuration: ConfigurationOptions) -> DutyTitles {
        guard let set = try? configuration.load().loadPlugins() else { return DutyTitles() }
        var titles: [String: String] = [:]
        for plugin in set.plugins {
            for duty in plugin.duties { titles["\(plugin.id).\(duty.id)"] = duty.title }
        }
        return DutyTitles(titles: titles)
    }

    func title(_ dutyID: String) -> String {
        self.titles[dutyID] ?? dutyID
    }
}
