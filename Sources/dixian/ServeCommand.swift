import ArgumentParser
import DixianCore
import DixianDaemon
import Foundation
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "运行守护进程 (run the daemon).",
        discussion: """
            未配置数据库 (database.url / DIXIAN_DATABASE_URL) 时,在状态目录下启动私有 PostgreSQL(仅 unix socket)。
            信号: SIGTERM/SIGINT 优雅停止; SIGHUP 重新加载配置(无效则保留原配置)。
            以 systemd Type=notify 运行时发送 READY=1、STATUS=、RELOADING=1、STOPPING=1 与 WATCHDOG=1。
            退出码: 0 正常; 1 启动失败; 78 配置无效 (EX_CONFIG, systemd 不会反复重启)。
            """
    )

    @OptionGroup var options: ConfigurationOptions

    @Option(help: ArgumentHelp("HTTP 监听地址,覆盖 http.listen (e.g. 127.0.0.1:8080)", valueName: "HOST:PORT"))
    var listen: String?

    @Option(help: ArgumentHelp("插件目录,覆盖 plugins.dir (plugins directory)", valueName: "DIR"))
    var pluginsDir: String?

    @Option(help: ArgumentHelp("日志格式,覆盖 log.format: logfmt | json", valueName: "FORMAT"))
    var logFormat: String?

    @Option(
        help: ArgumentHelp(
            "虚拟时钟起点,用于演示和测试 (virtual clock start, for demos and tests), e.g. 2026-07-01T00:00:00+08:00",
            valueName: "ISO-DATETIME"))
    var clockStart: String?

    @Option(help: ArgumentHelp("虚拟时钟倍速,需 --clock-start (virtual seconds per real second)", valueName: "RATE"))
    var clockRate: Double?

    func validate() throws {
        if self.clockRate != nil, self.clockStart == nil {
            throw ValidationError("--clock-rate 需要同时给出 --clock-start (--clock-rate needs --clock-start)")
        }
        if let rate = self.clockRate, !(rate > 0 && rate <= 1_000_000) {
            throw ValidationError("--clock-rate 应在 0 到 1000000 之间 (out of range)")
        }
        if let start = self.clockStart, ISO8601DateFormatter().date(from: start) == nil {
            throw ValidationError("无效的 --clock-start '\(start)' (expected ISO 8601 with offset, e.g. 2026-07-01T00:00:00+08:00)")
        }
    }

    func run() async throws {
        // Until the reloader traps SIGHUP, the default action would kill the process.
        signal(SIGHUP, SIG_IGN)
        let logger = Logger(label: "dixian")
        var options = self.options.daemonOptions(listen: self.listen, logFormat: self.logFormat, pluginsDirectory: self.pluginsDir)
        if let start = self.clockStart.flatMap(ISO8601DateFormatter().date(from:)) {
            options.clock = VirtualWallClock(start: start, rate: self.clockRate ?? 1)
            logger.warning("使用虚拟时钟 (virtual clock)", metadata: ["start": "\(start)", "rate": "\(self.clockRate ?? 1)"])
        }
        let daemon = Daemon(options: options, logger: logger)
        do {
            try await daemon.run()
        } catch let error as ConfigurationError {
            throw reportConfigurationError(error, exitCode: 78)
        } catch {
            logger.critical("启动失败 (start-up failed): \(error)")
            throw ExitCode.failure
        }
    }
}
