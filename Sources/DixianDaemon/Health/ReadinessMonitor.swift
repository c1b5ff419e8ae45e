import DixianCore
import DixianStore
import DixianWeb
import Logging
import PostgresNIO
import ServiceLifecycle

/// Probes the database on an interval and keeps ``ReadinessState`` current.
///
/// The pool reconnects on its own (with backoff); this service only observes, so a database
/// restart never stops the daemon. Each transition is logged once and pushed to systemd's
/// `STATUS=`, instead of a log line per failed probe.
public struct ReadinessMonitor: Service {
    public var interval: Duration = .seconds(5)
    public var probeTimeout: Duration = .seconds(5)
    let client: PostgresClient
    let instance: DaemonInstance
    let readiness: ReadinessState
    let metrics: DaemonMetrics
    let notifier: SystemdNotifier?
    let logger: Logger

    public func run() async throws {
        repeat {
            await self.probeOnce()
        } while await sleepUnlessShuttingDown(for: self.interval)
    }

    /// One probe: reachability, schema version, heartbeat. Public so start-up can run the first
    /// health check before it reports READY=1.
    public func probeOnce() async {
        let start = ContinuousClock.now
        do {
            let client = self.client
            let instance = self.instance
            let logger = self.logger
            let version = try await withTimeout(self.probeTimeout) {
                try await instance.heartbeat(client: client, logger: logger)
                return try await Migrator.currentVersion(client: client, logger: logger)
            }
            self.metrics.databaseProbeDuration.record(ContinuousClock.now - start)
            self.metrics.databaseUp.set(to: 1)
            self.metrics.databaseSchemaVersion.set(to: Double(version))
            self.record(self.readiness.clear("database"), level: .info, "数据库已恢复连接 (database reachable)")
            self.checkSchema(version)
        } catch {
            self.metrics.databaseUp.set(to: 0)
            let reason = StoreError.explain(error)
            self.record(
                self.readiness.setProblem("database", "数据库不可达 (database unreachable): \(reason)"),
                level: .error, "数据库不可达,连接池将自动重试 (database unreachable; the pool keeps retrying)",
                ["error": "\(reason)"]
            )
        }
    }

    private func checkSchema(_ version: Int) {
        let expected = MigrationCatalog.latestVersion
        if version < expected {
            self.record(
                self.readiness.setProblem("migrations", "数据库结构版本 \(version) 低于程序所需 \(expected),请运行 dixian migrate"),
                level: .error, "schema behind binary", ["schema": "\(version)", "expected": "\(expected)"]
            )
        } else if version > expected {
            self.record(
                self.readiness.setWarning("migrations", "数据库结构版本 \(version) 高于本程序 \(expected);请升级本副本"),
                level: .warning, "schema ahead of binary (a newer replica migrated)", ["schema": "\(version)"]
            )
        } else {
            self.record(self.readiness.clear("migrations"), level: .info, "数据库结构已是最新 (schema current)")
        }
    }

    private func record(_ changed: Bool, level: Logger.Level, _ message: Logger.Message, _ metadata: Logger.Metadata = [:]) {
        guard changed else { return }
        self.logger.log(level: level, message, metadata: metadata)
        self.notifier?.notify(.status(self.readiness.snapshot.statusLine))
    }
}
