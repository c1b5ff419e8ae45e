import ArgumentParser
import DixianBench
import DixianDaemon
import Foundation
import Logging

/// `dixian bench …`: performance figures, printed (never asserted).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "性能基准,打印测量数据 (benchmarks that print figures).",
        subcommands: [Schedule.self, Notify.self]
    )

    struct Schedule: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "排期基准:省级规模的合成目录 + 全部插件 (scheduler benchmark at province size).",
            discussion: """
                1. 纯排期:合成 ≥ --villages 个村的省级目录,用全部启用的插件计算一整年的任务与消息,打印每秒生成的任务数。
                2. 实际排期:在临时目录中启动私有 PostgreSQL,导入 --tick-villages 个村的子集,运行一次完整排期(写入全部
                   任务与消息)、一次无变化的排期和一次模拟重启后的排期(重新读取配置、插件和日历),打印耗时。不触碰已配置的数据库。用 release 构建测量:
                   swift build -c release && .build/release/dixian bench schedule
                """
        )

        @OptionGroup var options: ConfigurationOptions
        @Option(help: "合成目录的村数 (villages in the synthetic province)") var villages = 20_000
        @Option(help: "写入数据库测量排期的村数,0 为不测 (villages for the database ticks; 0 skips)") var tickVillages = 2_000
        @Option(help: "计算哪一年 (the calendar year planned)") var year = 2027

        func run() async throws {
            let running = try self.options.loadRunning()
            let logger = Logger(label: "dixian.bench")
            let benchmark = ScheduleBenchmark(running: running, logger: logger)
            let now = Date()
            var figures = benchmark.planPure(villages: self.villages, year: self.year, now: now) { print($0) }
            print(String(format: "一年 (%d 年) 排期 (year plan): %d 期任务, %d 条消息, %.2f 秒 → %.0f 期任务/秒, %.0f 条消息/秒",
                         self.year, figures.yearOccurrences, figures.yearNotifications, figures.yearSeconds,
                         Double(figures.yearOccurrences) / figures.yearSeconds, Double(figures.yearNotifications) / figures.yearSeconds))
            print(String(format: "一次排期的计算部分 (planning part of one tick, horizon to next quarter end): %d 期任务, %d 条消息, %.2f 秒",
                         figures.horizonOccurrences, figures.horizonNotifications, figures.horizonPlanSeconds))
            guard self.tickVillages > 0 else { return }
            let state = FileManager.default.temporaryDirectory.appendingPathComponent("dixian-bench-\(getpid())").path
            try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            defer { try? FileManager.default.removeItem(atPath: state) }
            print("启动临时 PostgreSQL 并导入 \(self.tickVillages) 个村 (private PostgreSQL in \(state))…")
            let options = self.options
            try await benchmark.tickOnDatabase(
                villages: self.tickVillages, now: now, stateDirectory: state, reload: { try options.loadRunning() }, into: &figures)
            let rowsPerSecond = Double(figures.firstTickRows) / figures.firstTickSeconds
            print(String(format: "首次排期 (first tick, %d 村): 写入 %d 行, %.2f 秒 → %.0f 行/秒", figures.tickVillages,
                         figures.firstTickRows, figures.firstTickSeconds, rowsPerSecond))
            print(String(format: "无变化的排期 (unchanged tick): %.3f 秒", figures.unchangedTickSeconds))
            let restartOutcome = figures.restartTickSkipped ? "无需重排 (nothing to plan)" : "重新排期 (replanned!)"
            print(String(format: "重启后的首次排期 (first tick after a restart, inputs reloaded): %.3f 秒, ", figures.restartTickSeconds) + restartOutcome)
            let fullRows = Double(figures.horizonOccurrences + figures.horizonNotifications)
            print(String(format: "按此速度,%d 村的首次排期约需 %.0f 秒 (estimated first tick at full size)", figures.villages, fullRows / rowsPerSecond))
        }
    }

    struct Notify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "发送基准:发件箱到接收端的吞吐与延迟 (notifier benchmark: outbox throughput and latency).",
            discussion: """
                在临时目录中启动私有 PostgreSQL,运行真实的发送服务(认领、模板渲染、传输),发往本机的
                测速接收端(接收一切,不做验证):
                1. webhook:一次提交 --webhooks 条到期提醒,打印每秒送达条数(通用 webhook,带签名);
                2. 邮件:一次提交 --emails 封,经本机 SMTP 服务器(复用连接),打印每秒封数与所用连接数;
                3. 延迟:逐条提交 --latency-samples 条,打印提交到送达的 p50/p99(低负载)。
                不触碰已配置的数据库与渠道。用 release 构建测量:
                swift build -c release && .build/release/dixian bench notify
                """
        )

        @OptionGroup var options: ConfigurationOptions
        @Option(help: "webhook 条数 (webhook deliveries)") var webhooks = 3_000
        @Option(help: "邮件封数 (emails)") var emails = 1_000
        @Option(help: "延迟采样次数 (latency samples)") var latencySamples = 200

        func run() async throws {
            let running = try self.options.loadRunning()
            var logger = Logger(label: "dixian.bench")
            logger.logLevel = .warning
            let state = FileManager.default.temporaryDirectory.appendingPathComponent("dixian-bench-notify-\(getpid())").path
            try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            defer { try? FileManager.default.removeItem(atPath: state) }
            print("启动临时 PostgreSQL (private PostgreSQL in \(state))…")
            let figures = try await NotifyBenchmark(running: running, logger: logger).run(
                webhooks: webhooks, emails: emails, latencySamples: latencySamples, stateDirectory: state) { print($0) }
            print(String(format: "webhook 吞吐 (deliveries/s to a loopback receiver): %d 条, %.2f 秒 → %.0f 条/秒",
                         figures.webhooks, figures.webhookSeconds, Double(figures.webhooks) / figures.webhookSeconds))
            print(String(format: "邮件吞吐 (emails/s to a local SMTP server): %d 封, %.2f 秒 → %.0f 封/秒, 共用 %d 个连接 (connections)",
                         figures.emails, figures.emailSeconds, Double(figures.emails) / figures.emailSeconds, figures.smtpConnections))
            print(String(format: "提交到送达延迟 (outbox commit → receiver, low load, %d samples): p50 %.1f ms, p99 %.1f ms",
                         figures.latencySamples.count, figures.latencyMilliseconds(percentile: 50),
                         figures.latencyMilliseconds(percentile: 99)))
        }
    }
}
