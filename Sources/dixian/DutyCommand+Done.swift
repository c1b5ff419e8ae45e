import ArgumentParser
import DixianStore
import Foundation

extension DutyCommand {
    struct Done: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "确认一期任务已完成 (confirm an occurrence done).",
            discussion: """
                只能确认已开放、尚未完成或豁免的任务;未发出的提醒与督办随即取消。
                不带 --by 时操作人记为 cli:<登录用户名>;带 --by 时须为组织目录中的干部工号。
                示例: dixian duty done 1234 --count 12 --note "已走访12户" --by 0101001
                """
        )
        @OptionGroup var options: DutyCommand.Options
        @Argument(help: ArgumentHelp("任务编号 (occurrence id)", valueName: "ID")) var id: Int64
        @Option(help: ArgumentHelp("完成数量,≥ 0 的数,如 12 或 12.5 (achieved count)", valueName: "N"))
        var count: Quantity?
        @Option(help: ArgumentHelp("备注,最多 2000 字 (note)", valueName: "TEXT"))
        var note: String?
        @Option(help: ArgumentHelp("以此干部的名义确认,须在组织目录中 (official id)", valueName: "OFFICIAL"))
        var by: String?

        func validate() throws {
            _ = try DutyCommand.freeText(self.note, option: "--note")
            if let by, by.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("--by 不能为空 (--by must not be empty)")
            }
        }

        func run() async throws {
            let id = self.id
            let by = self.by?.trimmingCharacters(in: .whitespaces)
            let completion = Completion(
                achieved: self.count?.value, note: try DutyCommand.freeText(self.note, option: "--note"),
                actor: by ?? DutyCommand.operatorActor(), actorIsOfficial: by != nil, channel: .cli, at: Date())
            let (record, cancelled) = try await self.options.withStores { stores, _ in
                let record = try await stores.schedule.complete(occurrenceID: id, completion)
                return (record, try await stores.cancelledMessages(id))
            }
            let title = DutyTitles.load(configuration: self.options.configuration).title(record.dutyID)
            var parts = ["已确认完成 (done): " + record.headline(title: title)]
            if let achievement = record.achievementText { parts.append(achievement) }
            parts.append("操作人 \(completion.actor)")
            parts.append("已取消 \(cancelled) 条未发出的提醒与督办")
            print(parts.joined(separator: " · "))
        }
    }

    struct Waive: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "豁免一期任务,须说明理由 (waive an occurrence; a reason is required).",
            discussion: """
                由县巩固衔接办使用;只能豁免尚未完成或豁免的任务,未发出的提醒与督办随即取消。操作人记为 cli:<登录用户名>。
                示例: dixian duty waive 1234 --reason "该村已撤并"
                """
        )
        @OptionGroup var options: DutyCommand.Options
        @Argument(help: ArgumentHelp("任务编号 (occurrence id)", valueName: "ID")) var id: Int64
        @Option(help: ArgumentHelp("豁免理由,必填,最多 2000 字 (reason, required)", valueName: "TEXT"))
        var reason: String

        func validate() throws {
            guard try DutyCommand.freeText(self.reason, option: "--reason") != nil else {
                throw ValidationError("豁免须说明理由:--reason 不能为空 (a waiver needs a non-empty --reason)")
            }
        }

        func run() async throws {
            let id = self.id
            let reason = try DutyCommand.freeText(self.reason, option: "--reason") ?? ""
            let actor = DutyCommand.operatorActor()
            let (record, cancelled) = try await self.options.withStores { stores, _ in
                let record = try await stores.schedule.waive(occurrenceID: id, reason: reason, actor: actor, channel: .cli, at: Date())
                return (record, try await stores.cancelledMessages(id))
            }
            let title = DutyTitles.load(configuration: self.options.configuration).title(record.dutyID)
            print(
                ["已豁免 (waived): " + record.headline(title: title), "理由: \(reason)", "操作人 \(actor)",
                 "已取消 \(cancelled) 条未发出的提醒与督办"].joined(separator: " · "))
        }
    }
}
