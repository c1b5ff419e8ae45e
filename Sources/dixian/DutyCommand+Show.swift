import ArgumentParser
import DixianDispatch
import DixianScheduling
import DixianStore
import Foundation

extension DutyCommand {
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "显示一期任务:状态、提醒与督办的发送情况、操作记录 (show an occurrence, its messages and audit trail).",
            discussion: "示例: dixian duty show 1234 --format json"
        )
        @OptionGroup var options: DutyCommand.Options
        @Argument(help: ArgumentHelp("任务编号 (occurrence id)", valueName: "ID")) var id: Int64
        @Option(help: "输出格式 table|json (output format)")
        var format: DutyCommand.Format = .table

        /// `--format json`.
        struct Details: Encodable, Sendable {
            var occurrence: OccurrenceRecord
            var messages: [OutboxMessage]
            var audit: [AuditEntry]
        }

        func run() async throws {
            let id = self.id
            let (details, time) = try await self.options.withStores { stores, time in
                let occurrence = try await stores.occurrence(id, now: Date())
                let messages = try await stores.outbox.messages(occurrenceID: id)
                let audit = try await stores.schedule.auditTrail(occurrenceID: id)
                return (Details(occurrence: occurrence, messages: messages, audit: audit), time)
            }
            if self.format == .json {
                try printJSON(details)
                return
            }
            let o = details.occurrence
            let title = DutyTitles.load(configuration: self.options.configuration).title(o.dutyID)
            var lines = [
                o.headline(title: title) + (title == o.dutyID ? "" : " (\(o.dutyID))"),
                "单位: \(o.unitName) (\(o.unitCode))" + (o.officialID.map { " · 责任人 \($0)" } ?? "")
                    + (o.isUnassigned ? " · 无人承担(提醒转给督办角色)" : ""),
                "截止: \(time.string(o.dueAt)) · 开放: \(time.string(o.opensAt)) · 状态: \(o.status.chineseName) (\(o.status.rawValue))",
            ]
            if let achievement = o.achievementText { lines.append(achievement) }
            if let at = o.completedAt {
                let channel = o.completionChannel.map { "经\($0.chineseName)" } ?? ""
                lines.append("\(o.status == .waived ? "豁免" : "确认"): \(time.string(at)) · \(o.completedBy ?? "?") \(channel)")
            }
            if let note = o.note { lines.append((o.status == .waived ? "理由: " : "备注: ") + note) }
            lines.forEach { print($0) }

            print("\n提醒与督办 (messages) \(details.messages.count) 条:")
            if !details.messages.isEmpty {
                printTable(["发送时间", "类别", "步骤", "收件人", "渠道", "状态"], details.messages.map {
                    [time.string($0.sendAt), $0.kindName, $0.step ?? "-", $0.recipientID ?? "-", $0.channel.rawValue,
                     $0.statusName + ($0.isCatchUp ? "(补发)" : "")]
                })
            }
            print("\n操作记录 (audit) \(details.audit.count) 条:")
            for entry in details.audit {
                let extra = entry.details.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                print("  \(time.string(entry.at))  \(entry.action)  \(entry.actor) (\(entry.channel))  \(extra)")
            }
        }
    }
}
