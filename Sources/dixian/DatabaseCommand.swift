import ArgumentParser
import DixianDaemon
import DixianEmbeddedPostgres
import Logging

struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "管理内嵌 PostgreSQL (manage the embedded PostgreSQL cluster).",
        discussion: "内嵌数据库位于 <state_dir>/postgres,仅监听 unix socket。`psql \"$(dixian db url)\"` 可直接连接。",
        subcommands: [Start.self, Stop.self, Status.self, URL.self]
    )

    /// The embedded cluster the configuration describes (whether or not a URL is configured).
    static func cluster(_ options: ConfigurationOptions) throws -> EmbeddedPostgres {
        let loaded = try options.load()
        return DatabaseResolver(configuration: loaded.configuration, logger: Logger(label: "dixian.db")).embeddedCluster()
    }

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "启动内嵌数据库 (initdb on first use).")
        @OptionGroup var options: ConfigurationOptions

        func run() async throws {
            let cluster = try DatabaseCommand.cluster(self.options)
            let outcome = try await cluster.start()
            print("内嵌数据库已运行 (running, \(outcome)): \(cluster.socketDirectory)")
        }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "停止内嵌数据库 (stop it; refused while a daemon uses it).",
            discussion: "守护进程或其他命令正在使用时不会停止,退出码为 1 (exit 1 while another dixian process uses the cluster)."
        )
        @OptionGroup var options: ConfigurationOptions

        func run() async throws {
            let cluster = try DatabaseCommand.cluster(self.options)
            switch try await cluster.stop() {
            case .stopped:
                print("内嵌数据库已停止 (stopped)")
            case .notRunning:
                print("内嵌数据库未在运行 (was not running)")
            case .inUseByOthers:
                var standardError = StandardError()
                print(
                    "内嵌数据库正被运行中的 dixian 使用,未停止;请先停止守护进程 (in use by a running dixian; stop the daemon instead)",
                    to: &standardError
                )
                throw ExitCode.failure
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "显示内嵌数据库状态 (running or stopped; exit 3 when stopped).")
        @OptionGroup var options: ConfigurationOptions

        func run() async throws {
            let cluster = try DatabaseCommand.cluster(self.options)
            switch cluster.status() {
            case .running(let pid):
                print("运行中 (running) pid=\(pid) socket=\(cluster.socketDirectory)")
            case .stopped:
                print("未运行 (stopped)")
                // LSB's "program is not running", as `pg_ctl status` and systemctl use it.
                throw ExitCode(3)
            }
        }
    }

    struct URL: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "打印连接 URL,供 psql 使用 (print a libpq URL).")
        @OptionGroup var options: ConfigurationOptions

        func run() async throws {
            let info = try DatabaseCommand.cluster(self.options).connectionInfo
            let port = info.port == 5432 ? "" : "&port=\(info.port)"
            print("postgresql://\(info.username)@/\(info.database)?host=\(info.socketDirectory)\(port)")
        }
    }
}
