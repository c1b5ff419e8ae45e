import DixianCore
import DixianPlugins
import DixianStore
import DixianWeb
import Logging
import ServiceLifecycle
import UnixSignals

/// Re-reads the configuration and the plugins on SIGHUP (`systemctl reload dixian`, `kill -HUP`), and when the
/// county office approves a bureau's stored override (a `NOTIFY` on ``PluginOverrideStore/notificationChannel``,
/// which every replica hears), one reload at a time.
///
/// Validation happens before anything changes: an invalid configuration is logged error by
/// error, counted, shown in `STATUS=` and `/readyz` warnings, and the running one stays, as
/// Icinga 2 does. systemd hears `RELOADING=1` … `READY=1` around it either way. A valid configuration
/// that changes a key only a restart applies (``Configuration/restartOnlyKeys``) is taken, with one warning
/// per such key.
struct Reloader: Service {
    let options: DaemonOptions
    let store: ConfigurationStore
    let readiness: ReadinessState
    let metrics: DaemonMetrics
    let notifier: SystemdNotifier?
    let logger: Logger
    /// The approved stored overrides, read afresh for every reload; nil where there is no database (tests).
    var storedOverrides: (@Sendable () async throws -> [StoredOverride])? = nil
    /// Lends a connection that `LISTEN`s for approvals; nil where there is no database.
    var approvals: OverrideApprovals? = nil
    /// Records the stored versions this replica runs after start-up and every reload (the console lists every
    /// replica's); nil where there is no database.
    var recordVersions: (@Sendable ([String: Int]) async -> Void)? = nil

    func run() async throws {
        let (causes, continuation) = AsyncStream.makeStream(of: String.self)
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask {
                for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
                    continuation.yield("SIGHUP")
                }
                continuation.finish()
            }
            if let approvals {
                group.addTask { await approvals.listen { continuation.yield("覆盖配置已审批 (override approved) \($0)") } }
            }
            for await cause in causes.cancelOnGracefulShutdown() {
                await self.reloadWithStoredOverrides(cause: cause)
                await self.recordVersions?(self.store.current.plugins.storedOverrideVersions)
            }
            group.cancelAll()
        }
    }

    /// At start-up, before the services: the approved stored overrides, if there are any. A set that does not
    /// load keeps the one from the files, with a readiness warning naming the error.
    func applyStoredOverridesAtStart() async {
        guard let storedOverrides else { return }
        do {
            let stored = try await storedOverrides()
            if !stored.isEmpty { self.reload(storedOverrides: stored, announce: false) }
        } catch {
            self.logger.warning("读取数据库覆盖配置失败,先按覆盖配置文件运行 (stored overrides unreadable at start-up: running on the files)",
                                metadata: ["error": "\(StoreError.explain(error))"])
        }
        await self.recordVersions?(self.store.current.plugins.storedOverrideVersions)
    }

    /// A reload with the stored overrides read now; when the database does not answer, with those in force.
    func reloadWithStoredOverrides(cause: String) async {
        var stored = self.store.current.storedOverrides
        if let storedOverrides {
            do {
                stored = try await storedOverrides()
            } catch {
                self.logger.warning("读取数据库覆盖配置失败,沿用当前版本 (stored overrides unreadable, keeping those in force)",
                                    metadata: ["error": "\(StoreError.explain(error))"])
            }
        }
        self.logger.info("重新加载 (reload)", metadata: ["cause": "\(cause)"])
        self.reload(storedOverrides: stored)
    }

    /// One reload attempt, with the stored overrides in force unless given; internal so tests can drive it
    /// without signals. `announce` tells systemd (not at start-up, before the daemon is ready).
    func reload(storedOverrides: [StoredOverride]? = nil, announce: Bool = true) {
        if announce { self.notifier?.notify(.reloadingNow, .status("正在重新加载配置 (reloading)")) }
        defer { if announce { self.notifier?.notify(.ready, .status(self.readiness.snapshot.statusLine)) } }
        self.logger.info("重新加载配置 (reloading configuration)", metadata: ["source": "\(self.options.configurationSource)"])
        do {
            let new = try self.options.loadRunningConfiguration(storedOverrides: storedOverrides ?? self.store.current.storedOverrides)
            let old = self.store.current
            new.warnings.forEach { self.logger.warning("\($0.description)") }
            self.store.replace(with: new)
            new.configuration.applyLogSettings(to: .shared)
            self.readiness.clear("configuration")
            self.metrics.configurationReloads.increment()
            for key in old.configuration.restartOnlyDifferences(from: new.configuration) {
                self.logger.warning("此项修改需重启才能生效 (change takes effect after a restart)", metadata: ["key": "\(key)"])
            }
            self.logger.info("配置已重新加载 (configuration reloaded)", metadata: ["plugins": "\(new.plugins.summary())"])
            self.logger.info("\(new.overrides)")
            for plugin in new.plugins.plugins where plugin.overrideVersion != nil {
                self.logger.info("数据库覆盖配置生效 (stored override in force)", metadata: ["plugin": "\(plugin.id)", "version": "\(plugin.overrideVersion!)"])
            }
        } catch {
            self.metrics.configurationReloadFailures.increment()
            let diagnostics = error.diagnostics
            for diagnostic in diagnostics {
                self.logger.error("\(diagnostic.description)")
            }
            // A stored version that does not load here is named, so that /readyz says which approval this replica missed.
            let stored = Set(diagnostics.map(\.file).filter { $0.hasPrefix("数据库覆盖配置") }).sorted()
            self.readiness.setWarning(
                "configuration",
                "重新加载失败,继续使用原配置 (reload rejected, old configuration kept): \(diagnostics.count) 个错误"
                    + (stored.isEmpty ? "" : " (\(stored.joined(separator: ", ")))")
            )
            self.logger.error(
                "新配置无效,继续使用原配置 (invalid configuration, keeping the running one)",
                metadata: ["errors": "\(diagnostics.count)"]
            )
        }
    }
}
