import ArgumentParser
import DixianDaemon
import DixianScheduling
import DixianStore
import Foundation
import Logging
import PostgresNIO

/// `dixian duty list | show | done | waive`: the occurrences of duties (一期任务) and their confirmation.
struct DutyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "duty",
        abstract: "工作任务:查看各期任务,确认完成或豁免 (duty occurrences: list, show, confirm done, waive).",
        discussion: """
            每项工作任务按周期生成“一期任务”(occurrence),有编号、截止时间和状态:
              open 进行中 · overdue 已逾期(进行中且已过截止时间) · done 已完成 · waived 已豁免 · withdrawn 已撤销。
            时间按配置项 timezone 显示(默认 Asia/Shanghai)。

            示例 (examples):
              dixian duty list --org 149721101 --status overdue     某乡镇及下属村的逾期任务
              dixian duty list --duty education.dropout_check --format json
              dixian duty show 1234                                 任务详情、提醒发送情况与操作记录
              dixian duty done 1234 --count 12 --note "已走访12户"   确认完成(操作人记为 cli:<登录用户名>)
              dixian duty done 1234 --by 0101001                    以组织目录中干部的名义确认
              dixian duty waive 1234 --reason "该村已撤并"           豁免(须说明理由)

            确认或豁免后,该期任务尚未发出的提醒与督办全部取消,并写入操作记录。
            退出码: 0 成功; 1 被拒绝(编号不存在、已完成/已豁免、尚未开放、干部不存在)或数据库错误,此时不做任何修改;
            64 参数错误。
            """,
        subcommands: [List.self, Show.self, Done.self, Waive.self, ICal.self]
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    /// Options every `duty` subcommand shares.
    struct Options: ParsableArguments {
        @OptionGroup var configuration: ConfigurationOptions

        /// Loads the configuration and lends the stores to `body`; a store refusal or failure ends the
        /// command with its message on stderr and exit code 1.
        func withStores<R: Sendable>(
            _ body: @escaping @Sendable (DutyStores, DutyTimeFormat) async throws -> R
        ) async throws -> R {
            let configuration = try self.configuration.load().configuration
            let logger = Logger(label: "dixian.duty")
            let time = DutyTimeFormat(timezone: configuration.timezone)
            do {
                return try await DatabaseSession.withClient(configuration: configuration, logger: logger) { client, _ in
                    try await body(DutyStores(client: client, logger: logger), time)
                }
            } catch let error as StoreError {
                var standardError = StandardError()
                print("错误 (error): \(error.message)", to: &standardError)
                throw ExitCode.failure
            }
        }
    }
}

/// The stores a `duty` command works with, on one pool.
struct DutyStores: Sendable {
    let schedule: ScheduleStore
    let outbox: OutboxStore
    let directory: DirectoryStore

    init(client: PostgresClient, logger: Logger) {
        self.schedule = ScheduleStore(client: client, logger: logger)
        self.outbox = OutboxStore(client: client, logger: logger)
        self.directory = DirectoryStore(client: client, logger: logger)
    }

    /// The occurrence, or the store's "no such occurrence" refusal.
    func occurrence(_ id: Int64, now: Date) async throws -> OccurrenceRecord {
        guard let record = try await self.schedule.occurrence(id: id, now: now) else {
            throw StoreError(.occurrenceNotFound, "没有编号为 \(id) 的任务 (no such occurrence)", context: ["id": String(id)])
        }
        return record
    }

    /// How many pending messages the latest change of `id` cancelled, from its audit trail.
    func cancelledMessages(_ id: Int64) async throws -> Int {
        let trail = try await self.schedule.auditTrail(occurrenceID: id)
        return trail.last?.details["cancelled_messages"].flatMap { Int($0) } ?? 0
    }
}

extension OccurrenceStatus: ExpressibleByArgument {}
