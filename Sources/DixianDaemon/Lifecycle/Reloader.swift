import DixianCore
import DixianWeb
import Logging
import ServiceLifecycle
import UnixSignals

/// Re-reads the configuration and the plugins on SIGHUP (`systemctl reload dixian`, `kill -HUP`).
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

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            self.reload()
        }
    }

    /// One reload attempt; internal so tests can drive it without signals.
    func reload() {
        self.notifier?.notify(.reloadingNow, .status("正在重新加载配置 (reloading)"))
        defer { self.notifier?.notify(.ready, .status(self.readiness.snapshot.statusLine)) }
        self.logger.info("重新加载配置 (reloading configuration)", metadata: ["source": "\(self.options.configurationSource)"])
        do {
            let new = try self.options.loadRunningConfiguration()
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
        } catch {
            self.metrics.configurationReloadFailures.increment()
            let diagnostics = error.diagnostics
            for diagnostic in diagnostics {
                self.logger.error("\(diagnostic.description)")
            }
            self.readiness.setWarning(
                "configuration",
                "重新加载失败,继续使用原配置 (reload rejected, old configuration kept): \(diagnostics.count) 个错误"
            )
            self.logger.error(
                "新配置无效,继续使用原配置 (invalid configuration, keeping the running one)",
                metadata: ["errors": "\(diagnostics.count)"]
            )
        }
    }
}
