import ArgumentParser
import DixianDaemon
import DixianPlugins
import DixianStore
import Logging

/// `--stored-overrides auto|yes|no`: whether `check` and `plugins list|show` read the approved bureau overrides kept
/// in PostgreSQL (数据库覆盖配置), so that they show what every replica runs.
struct StoredOverridesOption: ParsableArguments {
    enum Choice: String, ExpressibleByArgument, CaseIterable {
        /// With a database server (`database.url`, `DIXIAN_DATABASE_URL`): the one replicas share, read without
        /// starting anything. An unreachable server is a note, not a failure (a check before the first start).
        case auto
        /// Always, the embedded database too (started if it is not running); unreachable is an error.
        case yes
        /// Never: the files only.
        case no
    }

    @Option(help: ArgumentHelp(
        "读取数据库中已审批的覆盖配置: auto (配置了数据库服务器时) | yes (含内置数据库, 读不到即报错) | no (read approved stored overrides)",
        valueName: "WHEN"))
    var storedOverrides: Choice = .auto

    /// The approved stored overrides under `configuration`; nil when not read, as chosen or because `auto` could
    /// not reach the server (a note on stderr). Reads only: no migration, nothing written.
    func read(_ configuration: Configuration) async throws -> [StoredOverride]? {
        let logger = Logger(label: "dixian.plugins")
        switch (storedOverrides, DatabaseResolver(configuration: configuration, logger: logger).choose()) {
        case (.no, _), (.auto, .embedded): return nil
        default: break
        }
        do {
            return try await DatabaseSession.withClient(configuration: configuration, logger: logger) { client, _ in
                try await PluginOverrideStore(client: client, logger: logger).approvedOverrides()
            }
        } catch {
            var standardError = StandardError()
            let reason = (error as? StoreError)?.message ?? "\(error)"
            if storedOverrides == .yes {
                print("错误 (error): 无法读取数据库中的覆盖配置 (stored overrides unreadable): \(reason)", to: &standardError)
                throw ExitCode.failure
            }
            print("注意: 未能读取数据库中的覆盖配置, 仅按覆盖配置文件 (note: stored overrides not read, files only): \(reason)", to: &standardError)
            return nil
        }
    }

    /// One line naming the stored versions loaded (nil: none read), for `check`.
    static func summary(_ plugins: PluginSet, read: Bool) -> String {
        guard read else { return "数据库覆盖配置: 未读取 (stored overrides: not read; --stored-overrides yes reads the embedded database)" }
        let versions = plugins.storedOverrideVersions.sorted { $0.key < $1.key }
        guard !versions.isEmpty else { return "数据库覆盖配置: 无 (stored overrides: none)" }
        return "数据库覆盖配置 (stored overrides): " + versions.map { "\($0.key) 第 \($0.value) 版" }.joined(separator: ", ")
    }
}
