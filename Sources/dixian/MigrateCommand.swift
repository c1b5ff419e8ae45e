import ArgumentParser
import DixianDaemon
import DixianStore
import Logging

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "应用数据库迁移,或用 --status 查看 (apply or show schema migrations).",
        discussion: """
            守护进程启动时会自动迁移;此命令用于升级前预先迁移或查看状态。多个副本同时迁移是安全的(咨询锁)。
            使用与守护进程相同的数据库选择:配置的 URL,否则内嵌数据库(若未运行则临时启动)。
            """
    )

    @OptionGroup var options: ConfigurationOptions

    @Flag(help: "只显示每个迁移的状态,不做修改 (show status only)")
    var status = false

    func run() async throws {
        let loaded = try self.options.load()
        let logger = Logger(label: "dixian.migrate")
        let showStatus = self.status
        let lines = try await DatabaseSession.withClient(configuration: loaded.configuration, logger: logger) { client, endpoint in
            let migrator = Migrator()
            if showStatus {
                let rows = try await migrator.status(client: client, logger: logger)
                return ["数据库 (database): \(endpoint)"] + rows.map(Self.describe)
            }
            let applied = try await migrator.migrate(client: client, logger: logger)
            if applied.isEmpty {
                return ["数据库结构已是最新 (up to date): 版本 \(MigrationCatalog.latestVersion) · \(endpoint)"]
            }
            return applied.map { "已应用 (applied) \($0.version) \($0.name)" }
        }
        lines.forEach { print($0) }
    }

    static func describe(_ status: MigrationStatus) -> String {
        let state: String
        switch status.state {
        case .applied: state = "已应用 applied"
        case .pending: state = "待应用 pending"
        case .changed: state = "已修改 CHANGED"
        case .unknown: state = "未知 unknown (newer binary)"
        }
        let version = String(status.version).leftPadded(to: 4, with: "0")
        return "\(version)  \(status.name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(state)  \(status.appliedAt ?? "")"
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character) -> String {
        String(repeating: pad, count: max(0, width - self.count)) + self
    }
}
