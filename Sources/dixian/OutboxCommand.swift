import ArgumentParser
import DixianCore
import DixianDaemon
import DixianDispatch
import DixianStore
import Foundation
import Logging

/// `dixian outbox list | show | retry | cancel`: the messages waiting to leave, sent, or dead-lettered.
struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "发件箱:查看、重发或取消提醒消息 (the outbox: list, show, retry or cancel messages).",
        discussion: """
            每条提醒先写入发件箱,再由发送服务按时发出。状态 (status):
              pending 待发送(retry_at 有值表示失败后等待重试) · sending 发送中 · sent 已发送
              dead 死信(多次失败或永久失败,已停止重试,县级办公室已收到通知)
              cancelled 已取消(任务已完成/豁免,或人工取消) · superseded 已被更晚的补发提醒取代

            示例 (examples):
              dixian outbox list --status dead          查看死信
              dixian outbox show 4711                   一条消息的详情与最后一次错误
              dixian outbox retry 4711                  修复渠道配置后重新发送(尝试次数清零;410 停用的渠道随之恢复)
              dixian outbox cancel 4711                 不再发送

            退出码: 0 成功; 1 编号不存在、状态不允许或数据库错误,此时不做任何修改; 64 参数错误。
            """,
        subcommands: [List.self, Show.self, Retry.self, Cancel.self]
    )

    /// Loads the configuration and lends the outbox to `body`; a refusal ends the command with exit code 1.
    static func withOutbox<R: Sendable>(
        _ options: ConfigurationOptions, _ body: @escaping @Sendable (OutboxStore, DutyTimeFormat) async throws -> R
    ) async throws -> R {
        let configuration = try options.load().configuration
        let logger = Logger(label: "dixian.outbox")
        do {
            return try await DatabaseSession.withClient(configuration: configuration, logger: logger) { client, _ in
                try await body(OutboxStore(client: client, logger: logger), DutyTimeFormat(timezone: configuration.timezone))
            }
        } catch let error as StoreError {
            var standardError = StandardError()
            print("错误 (error): \(error.message)", to: &standardError)
            throw ExitCode.failure
        }
    }

    static func notFound(_ id: Int64) -> StoreError {
        StoreError(.outboxStatus, "没有编号为 \(id) 的消息 (no such message)", context: ["id": "\(id)"])
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出消息,最近变化的在前 (list messages, most recently changed first).")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Option(help: ArgumentHelp("只看此状态 (only this status): \(OutboxStatus.allNames.joined(separator: "|"))", valueName: "STATUS"))
        var status: OutboxStatus?
        @Option(help: ArgumentHelp("只看此渠道 (only this channel)", valueName: "NAME")) var channel: String?
        @Option(help: ArgumentHelp("最多条数 (at most), 1-10000", valueName: "N")) var limit: Int = 50
        @Option(help: "输出格式 (output format): table | json") var format: DutyCommand.Format = .table

        func validate() throws {
            guard (1...10_000).contains(limit) else { throw ValidationError("--limit 应在 1-10000 之间 (between 1 and 10000)") }
        }

        func run() async throws {
            let filter = OutboxFilter(status: status, channel: channel.map(ChannelName.init(rawValue:)), limit: limit)
            let (messages, disabled, time) = try await OutboxCommand.withOutbox(configurationOptions) { outbox, time in
                (try await outbox.list(filter), try await outbox.disabledChannels(), time)
            }
            if format == .json { return try printJSON(messages) }
            // A channel stopped by 410 Gone sends nothing until an operator acts: say so before anything else.
            for (name, reason) in disabled.sorted(by: { $0.key < $1.key }) {
                print("⚠ 渠道 \(name) 已停用 (channel disabled): \(reason); 修复后执行 dixian outbox retry 编号 恢复 (retry one of its messages to resume)")
            }
            guard !messages.isEmpty else { return print("没有符合条件的消息 (no messages)") }
            printTable(
                ["编号 ID", "状态 STATUS", "渠道 CHANNEL", "收件人 TO", "计划时间 SEND AT", "尝试 TRIES", "最后错误 LAST ERROR"],
                messages.map { message in
                    [String(message.id), message.statusText, message.channel.rawValue, message.recipientID ?? "—",
                     time.string(message.sendAt), String(message.attempts), String((message.lastError ?? "").prefix(60))]
                })
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "一条消息的详情 (one message in full).")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Argument(help: ArgumentHelp("消息编号 (message id)", valueName: "ID")) var id: Int64
        @Option(help: "输出格式 (output format): table | json") var format: DutyCommand.Format = .table

        func run() async throws {
            let id = self.id
            let (message, time) = try await OutboxCommand.withOutbox(configurationOptions) { outbox, time in
                guard let message = try await outbox.message(id: id) else { throw OutboxCommand.notFound(id) }
                return (message, time)
            }
            if format == .json { return try printJSON(message) }
            let rows: [(String, String?)] = [
                ("编号 id", String(message.id)), ("键 key", message.key), ("状态 status", message.statusText),
                ("类型 kind", message.kind.rawValue + (message.step.map { " " + $0 } ?? "")), ("渠道 channel", message.channel.rawValue),
                ("收件人 recipient", message.recipientID), ("任务 occurrence", message.occurrenceID.map(String.init)),
                ("计划时间 send at", time.string(message.sendAt)), ("下次重试 retry at", message.retryAt.map(time.string)),
                ("尝试次数 attempts", String(message.attempts)), ("发送时间 sent at", message.sentAt.map(time.string)),
                ("汇总 digest", message.digestKey), ("送达为 delivered as", message.deliveredAs),
                ("补发 catch-up", message.isCatchUp ? "是 yes" : nil), ("最后错误 last error", message.lastError),
            ]
            for (label, value) in rows { if let value { print("\(label): \(value)") } }
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "立即重新发送一条死信或待重试的消息 (send a dead or waiting message again now).",
            discussion: "尝试次数清零;若其渠道因 410 被停用,一并恢复。操作写入操作记录 (audit log)。")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Argument(help: ArgumentHelp("消息编号 (message id)", valueName: "ID")) var id: Int64

        func run() async throws {
            try await OutboxCommand.operate(on: id, configurationOptions, done: "已重新排队 (queued again)") {
                try await $0.retry(id: $1, actor: $2, at: Date())
            }
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "取消一条尚未发出的消息 (cancel a message that has not gone out).")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Argument(help: ArgumentHelp("消息编号 (message id)", valueName: "ID")) var id: Int64

        func run() async throws {
            try await OutboxCommand.operate(on: id, configurationOptions, done: "已取消 (cancelled)") {
                try await $0.cancel(id: $1, actor: $2, at: Date())
            }
        }
    }

    /// Runs an audited operator action on message `id` and prints what was done and by whom.
    static func operate(
        on id: Int64, _ options: ConfigurationOptions, done: String,
        _ action: @escaping @Sendable (OutboxStore, Int64, String) async throws -> OutboxMessage?
    ) async throws {
        let actor = DutyCommand.operatorActor()
        let message = try await withOutbox(options) { outbox, _ in
            guard let message = try await action(outbox, id, actor) else { throw notFound(id) }
            return message
        }
        print("\(done): 编号 \(message.id) · 渠道 \(message.channel) · 操作人 \(actor)")
    }
}

extension OutboxMessage {
    /// `待发送`, `待重试`, `已发送`, `死信`…
    var statusText: String {
        switch status {
        case .pending: retryAt == nil ? "待发送 pending" : "待重试 pending (retry)"
        case .sending: "发送中 sending"
        case .sent: "已发送 sent"
        case .failed: "失败 failed"
        case .dead: "死信 dead"
        case .cancelled: "已取消 cancelled"
        case .superseded: "已取代 superseded"
        }
    }
}

extension OutboxStatus: ExpressibleByArgument {
    /// The names `--status` takes, in lifecycle order.
    static var allNames: [String] { allCases.map(\.rawValue) }

    public init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }
}
