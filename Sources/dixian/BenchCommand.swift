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
        subcommands: [Schedule.self, Notify.self, Screen.self]
    )

    /// A fresh directory for a bench's private PostgreSQL, removed afterwards: a bench never touches the
    /// configured database. Readable by all, since the server runs as an unprivileged user when we are root.
    static func withStateDirectory<T: Sendable>(_ bench: String, _ body: (String) async throws -> T) async throws -> T {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("dixian-bench-\(bench)-\(getpid())").path
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        defer { try? FileManager.default.removeItem(atPath: state) }
        return try await body(state)
    }

    struct Schedule: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "排期基准:省级规模的合成目录 + 全部插件 (scheduler benchmark at province size).",
            discussion: """
                1. 纯排期:合成 ≥ --villages 个村的省级目录,用全部启用的插件逐片(每项任务每 500 个单位)计算一整年的任务与消息,
                   打印每秒生成的任务数和峰值内存 (planned slice by slice; peak RSS printed)。
                2. 实际排期:在临时目录中启动私有 PostgreSQL,导入 --tick-villages 个村的子集,运行一次完整排期(写入全部
                   任务与消息)、一次无变化的排期和一次模拟重启后的排期(重新读取配置、插件和日历),打印耗时;
                   再用 psql \\copy 把首次排期写入的同一批行导入仅有主键的普通表和结构相同的表(全部索引与外键),
                   打印两者的速度与比值;PATH 中没有 psql 时说明未测,其余照常 (the same rows by psql \\copy; needs psql on PATH)。不触碰已配置的数据库。用 release 构建测量:
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
            print(String(format: "排期峰值内存 (peak RSS after planning, synthetic province included): %.0f MB",
                         Double(figures.planningPeakResidentBytes) / 1_048_576))
            guard self.tickVillages > 0 else { return }
            let options = self.options
            figures = try await BenchCommand.withStateDirectory("schedule") { [figures] state in
                print("启动临时 PostgreSQL 并导入 \(self.tickVillages) 个村 (private PostgreSQL in \(state))…")
                var figures = figures
                try await benchmark.tickOnDatabase(
                    villages: self.tickVillages, now: now, stateDirectory: state, reload: { try options.loadRunning() }, into: &figures)
                return figures
            }
            let rowsPerSecond = Double(figures.firstTickRows) / figures.firstTickSeconds
            print(String(format: "首次排期 (first tick, %d 村): 写入 %d 行, %.2f 秒 → %.0f 行/秒", figures.tickVillages,
                         figures.firstTickRows, figures.firstTickSeconds, rowsPerSecond))
            if let problem = figures.copyPeerProblem {
                print("同一批行的 psql \\copy 对照未测 (the psql \\copy peer was not measured): \(problem)")
            } else {
                print(String(format: "同一批行用 psql \\copy 导入 (the same rows by psql \\copy): 仅主键的普通表 (plain tables, key only) %.0f 行/秒 → 排期为其 %.2f×; "
                             + "同结构的表 (copies with every index and foreign key) %.0f 行/秒 → %.2f×",
                             figures.copyPlainRowsPerSecond, rowsPerSecond / figures.copyPlainRowsPerSecond,
                             figures.copySchemaRowsPerSecond, rowsPerSecond / figures.copySchemaRowsPerSecond))
            }
            print(String(format: "无变化的排期 (unchanged tick): %.3f 秒", figures.unchangedTickSeconds))
            let restartOutcome = figures.restartTickSkipped ? "无需重排 (nothing to plan)" : "重新排期 (replanned!)"
            print(String(format: "重启后的首次排期 (first tick after a restart, inputs reloaded): %.3f 秒, ", figures.restartTickSeconds) + restartOutcome)
            let fullRows = Double(figures.horizonOccurrences + figures.horizonNotifications)
            print(String(format: "按此速度,%d 村的首次排期约需 %.0f 秒 (estimated first tick at full size)", figures.villages, fullRows / rowsPerSecond))
            print(String(format: "峰值内存 (peak RSS of this process, ticks included): %.0f MB", Double(figures.peakResidentBytes) / 1_048_576))
        }
    }

    struct Notify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "发送基准:发件箱到接收端的吞吐与延迟 (notifier benchmark: outbox throughput and latency).",
            discussion: """
                在临时目录中启动私有 PostgreSQL,运行真实的发送服务(认领、模板渲染、传输),发往本机的
                测速接收端(接收一切,不做验证):
                1. webhook:(用内置接收端时先不计时送 200 条预热, 建立连接、编译模板; untimed warm-up)再一次提交
                   --webhooks 条到期提醒,打印每秒送达条数(通用 webhook,带签名);
                2. 邮件:一次提交 --emails 封,经本机 SMTP 服务器(复用连接),打印每秒封数与所用连接数;
                3. 延迟:逐条提交 --latency-samples 条,打印提交到送达的 p50/p99(低负载)。
                --backlog N:webhook 之后再一次提交 N 条(如 100000),打印其速度及与 --webhooks 时之比
                (the rate with a large backlog, and its ratio to the first drain's)。
                --history N:之后写入 N 条过去 24 个月的已发送消息(如 10000000,按月分区),再送 --webhooks 条,
                打印其速度及与无历史时之比 (the rate over that history, and its ratio to the rate without)。
                --receiver URL:webhook 改发到该地址(如同机对比的 nginx,见 scripts/bench-peers),
                以数据库中标记为已发送计数;此时不测延迟。
                --digests:按默认汇总窗口(10 分钟)合并发送,一条消息最多 20 条提醒;各速度按标记为已发送的提醒计
                (digests on, in the default window; every rate counts reminders marked sent)。
                不触碰已配置的数据库与渠道。用 release 构建测量:
                swift build -c release && .build/release/dixian bench notify
                """
        )

        @OptionGroup var options: ConfigurationOptions
        @Option(help: "webhook 条数 (webhook deliveries)") var webhooks = 3_000
        @Option(help: "邮件封数 (emails)") var emails = 1_000
        @Option(help: "延迟采样次数 (latency samples)") var latencySamples = 200
        @Option(help: "再一次提交这么多条 webhook,打印其速度与 --webhooks 之比,0 为不测 (a second drain of this backlog; 0 skips)")
        var backlog = 0
        @Option(help: "写入这么多条历史已发送消息后再测一次 webhook,0 为不测 (sent rows of past months before a third drain; 0 skips)")
        var history = 0
        @Option(help: ArgumentHelp("webhook 发往此地址而非内置接收端 (send the webhooks to this receiver)", valueName: "URL"))
        var receiver: String?
        @Flag(help: "按默认汇总窗口合并发送,按已发送的提醒计数 (digests on; rates count reminders marked sent)")
        var digests = false

        func validate() throws {
            if (backlog > 0 || history > 0) && receiver != nil {
                throw ValidationError("--backlog 与 --history 只用内置接收端 (--backlog and --history use the built-in receiver)")
            }
            if let receiver, !(receiver.hasPrefix("http://") || receiver.hasPrefix("https://")) {
                throw ValidationError("--receiver 应为 http:// 或 https:// 地址 (an http(s) URL)")
            }
            if webhooks < 0 || emails < 0 || latencySamples < 0 || backlog < 0 || history < 0 { throw ValidationError("数量不能为负 (counts must be ≥ 0)") }
        }

        func run() async throws {
            let running = try self.options.loadRunning()
            var logger = Logger(label: "dixian.bench")
            logger.logLevel = .warning
            let figures = try await BenchCommand.withStateDirectory("notify") { state in
                print("启动临时 PostgreSQL (private PostgreSQL in \(state))…")
                return try await NotifyBenchmark(running: running, logger: logger).run(
                    webhooks: webhooks, emails: emails, latencySamples: latencySamples, backlog: backlog, history: history,
                    receiver: receiver, digests: digests,
                    stateDirectory: state) { print($0) }
            }
            if figures.webhooks > 0 {
                print("webhook 吞吐 (deliveries/s to \(receiver ?? "a loopback receiver")): " + String(
                    format: "%d 条, %.2f 秒 → %.0f 条/秒", figures.webhooks, figures.webhookSeconds, Double(figures.webhooks) / figures.webhookSeconds))
            }
            if figures.backlog > 0 {
                let small = Double(figures.webhooks) / figures.webhookSeconds
                let large = Double(figures.backlog) / figures.backlogSeconds
                print(String(format: "积压时的 webhook 吞吐 (deliveries/s with a backlog of %d): %.2f 秒 → %.0f 条/秒, 为 %d 条时的 %.2f×",
                             figures.backlog, figures.backlogSeconds, large, figures.webhooks, large / small))
            }
            if figures.history > 0 {
                let without = Double(figures.webhooks) / figures.webhookSeconds
                let with = Double(figures.webhooks) / figures.historySeconds
                print(String(format: "有 %d 条历史消息时的 webhook 吞吐 (deliveries/s over that history): %.2f 秒 → %.0f 条/秒, 为无历史时的 %.2f×",
                             figures.history, figures.historySeconds, with, with / without))
            }
            if figures.emails > 0 {
                print(String(format: "邮件吞吐 (emails/s to a local SMTP server): %d 封, %.2f 秒 → %.0f 封/秒, 共用 %d 个连接 (connections)",
                             figures.emails, figures.emailSeconds, Double(figures.emails) / figures.emailSeconds, figures.smtpConnections))
            }
            if !figures.latencySamples.isEmpty {
                print(String(format: "提交到送达延迟 (outbox commit → receiver, low load, %d samples): p50 %.1f ms, p99 %.1f ms",
                             figures.latencySamples.count, figures.latencyMilliseconds(percentile: 50),
                             figures.latencyMilliseconds(percentile: 99)))
            }
            print(String(format: "峰值内存 (peak RSS of this process): %.0f MB", Double(figures.peakResidentBytes) / 1_048_576))
        }
    }

    struct Screen: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "筛查基准:数据导入与规则查询 (screening benchmark: import rows/s and rule queries).",
            discussion: """
                在临时目录中启动私有 PostgreSQL,用演示县的生成器按 --persons 的规模生成人口台账与全部行业数据
                (private PostgreSQL, the demo county's data at the scale of --persons):
                1. 导入:--persons 行的 health.insurance_enrollment CSV 文件,按 dixian data import 的完整路径
                   (在独立线程上读取与逐格校验, 有效行分块边读边 COPY)计时,再用 psql \\copy 把同一文件导入同列同键的普通表,
                   交替三轮、每轮先清空两表,打印中位数那一轮的每秒行数及各轮之比
                   (dixian's full import against psql \\copy, three alternating rounds, the median reported; goal ≥ 0.7×)。
                2. 规则:每条启用的规则,编译出的查询(即筛查所运行的 SELECT)与手写的等价 SQL 在同一数据上交替运行
                   --repetitions 次,打印行数、两者耗时的中位数及其比 (compiled against hand-written; goal ≤ 1.3×)。
                   两者匹配行数不同即为错误:大声打印并以非零状态退出 (a count mismatch exits non-zero)。
                只打印数据,不判断快慢;进度打印在 stderr。不触碰已配置的数据库。需要 PATH 中的 psql。
                用 release 构建测量 (measure with a release build):
                swift build -c release && .build/release/dixian bench screen
                """
        )

        @OptionGroup var options: ConfigurationOptions
        @Option(help: "导入文件的行数,人口台账约为其 1/2.7 户 (rows of the imported file; the register has about N/2.7 households)")
        var persons = 1_000_000
        @Option(help: "每条规则每种查询的计时次数,取中位数 (timed runs of each query, median kept)") var repetitions = 5

        func validate() throws {
            guard self.persons >= 100 else { throw ValidationError("--persons 至少为 100 (at least 100)") }
            guard self.repetitions >= 1 else { throw ValidationError("--repetitions 至少为 1 (at least 1)") }
        }

        func run() async throws {
            let running = try self.options.loadRunning()
            var logger = Logger(label: "dixian.bench")
            logger.logLevel = .warning
            let benchmark = ScreenBenchmark(running: running, logger: logger, persons: self.persons, repetitions: self.repetitions)
            let figures = try await BenchCommand.withStateDirectory("screen") { state in
                try await benchmark.run(stateDirectory: state) { line in
                    var standardError = StandardError()
                    print(line, to: &standardError)
                }
            }
            try Self.present(figures)
        }

        static func present(_ figures: ScreenBenchmark.Figures) throws {
            let load = figures.importFigures
            print("人口台账 (register): \(figures.households) 户 (households), \(figures.persons) 人 (persons); "
                  + String(format: "其余数据 (other tables) %d 行 (rows) 载入 %.1f 秒 (loaded in s)", figures.loadedRows, figures.loadSeconds))
            print("导入 (import) \(load.target): " + String(format: "%d 行 (rows), %.1f MB", load.rows, Double(load.bytes) / 1_000_000))
            print(String(format: "  dixian (读取+逐格校验+COPY, read + validate every cell + COPY): %.2f 秒 → %.0f 行/秒 (rows/s); "
                         + "读取与校验 %.2f 秒, 与写入同时进行 (read + validate, beside the write)",
                         load.dixianSeconds, load.dixianRowsPerSecond, load.validateSeconds))
            print(String(format: "  psql \\copy (同列同键的普通表, plain table, same columns and key): %.2f 秒 → %.0f 行/秒 (rows/s)",
                         load.psqlSeconds, load.psqlRowsPerSecond))
            print(String(format: "导入速度比 (import ratio, dixian / psql \\copy): %.2f×, 各轮 (rounds) ", load.ratio)
                  + load.roundRatios.map { String(format: "%.2f×", $0) }.joined(separator: " ")
                  + ", 取中位数 (the median round above; 目标 goal ≥ 0.7×)")
            // Each Chinese character takes two columns on a terminal: the header is padded by display width.
            print("  规则 (rule)" + String(repeating: " ", count: 37) + "行数 (rows)  匹配 (matched)  编译 (compiled)"
                  + "  手写 (hand-written)  比 (ratio)")
            for rule in figures.rules {
                let name = rule.rule.padding(toLength: 48, withPad: " ", startingAt: 0)
                let compiled = String(format: "%9d  %14d  %12.1f ms        ", rule.rows, rule.compiledMatched, rule.compiledMilliseconds)
                let hand = rule.handMilliseconds.map { String(format: "%9.1f ms", $0) } ?? "        —   "
                let ratio = rule.ratio.map { String(format: "%6.2f×", $0) } ?? "  无手写查询 (no hand-written query)"
                let flag = rule.mismatch ? "  ← 匹配数不同 (COUNT MISMATCH)" : ""
                print("  " + name + compiled + hand + "  " + ratio + flag)
            }
            let ratios = figures.rules.compactMap { rule in rule.ratio.map { (rule: rule.rule, ratio: $0) } }.sorted { $0.ratio < $1.ratio }
            if let worst = ratios.last {
                print(String(format: "规则耗时比 (rule ratio, compiled / hand-written): 中位数 (median) %.2f×, 最大 (worst) %.2f× ",
                             ratios[ratios.count / 2].ratio, worst.ratio) + "(\(worst.rule)) (目标 goal ≤ 1.3×)")
            }
            let mismatches = figures.rules.filter(\.mismatch)
            guard mismatches.isEmpty else {
                var standardError = StandardError()
                for rule in mismatches {
                    print("错误 (error): \(rule.rule) 编译查询与手写查询的匹配行数不同 (compiled and hand-written counts differ): "
                          + "\(rule.compiledMatched) ≠ \(rule.handMatched ?? 0)", to: &standardError)
                }
                throw ExitCode.failure
            }
        }
    }
}
