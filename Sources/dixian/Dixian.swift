import ArgumentParser
import DixianDaemon
import Logging

/// `dixian`: the daemon and its admin CLI in one executable.
@main
struct Dixian: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dixian",
        abstract: "底线 dixian:防止返贫动态监测与工作提醒守护进程 (return-to-poverty monitoring and duty reminders).",
        discussion: """
            常用命令 (common commands):
              dixian serve              运行守护进程;未配置数据库时自动启动内嵌 PostgreSQL
              dixian check              检查配置与插件,列出全部错误 (validate, like icinga2 daemon -C)
              dixian plugins list       列出行业插件及其工作任务
              dixian recur RRULE        列出周期规则 (RRULE) 的发生时间,检查规则
              dixian directory import   导入组织架构与干部名单 (CSV, UTF-8 或 GB18030)
              dixian outbox list        发件箱:待发、已发、死信消息,重发或取消
              dixian notify test        向某渠道发送一条测试消息并显示服务器应答
              dixian migrate --status   查看数据库迁移状态
              dixian db status          查看内嵌数据库状态
            配置文件: --config PATH,或环境变量 DIXIAN_CONFIG;都没有时使用编译在程序内的默认配置 (状态目录 ./var),
            并在标准错误输出一行提示。config/dixian.yaml 逐项列出这些默认值,但程序不读取它。
            Configuration: --config PATH or $DIXIAN_CONFIG; without either, the defaults built into the binary
            (state directory ./var), with a one-line notice on stderr. config/dixian.yaml lists them but is never read.
            """,
        version: Daemon.version,
        subcommands: [
            ServeCommand.self, CheckCommand.self, PluginsCommand.self, DirectoryCommand.self,
            MigrateCommand.self, DatabaseCommand.self, SimulateCommand.self, BenchCommand.self,
            DutyCommand.self, RecurCommand.self, OutboxCommand.self, NotifyCommand.self,
            RegisterCommand.self, DataCommand.self, RulesCommand.self, ScreenCommand.self, AlertCommand.self,
            SignalCommand.self, CaseCommand.self, LedgerCommand.self, ReportCommand.self, BulletinCommand.self, ConsoleCommand.self,
        ]
    )

    static func main() async {
        LoggingSystem.bootstrap { label in LogLineHandler(label: label) }
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
