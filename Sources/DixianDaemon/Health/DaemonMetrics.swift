import DixianCore
import Foundation
import Prometheus

/// The daemon's own Prometheus metrics; libraries using swift-metrics land in the same registry.
public struct DaemonMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    public let databaseUp: Gauge
    public let databaseSchemaVersion: Gauge
    public let databaseMaxConnections: Gauge
    public let databaseProbeDuration: DurationHistogram
    public let configurationReloads: Counter
    public let configurationReloadFailures: Counter
    private let uptime: Gauge
    private let startedAt: ContinuousClock.Instant

    public init(registry: PrometheusCollectorRegistry, version: String, maxConnections: Int) {
        self.registry = registry
        self.startedAt = .now
        let build = registry.makeGauge(
            name: "dixian_build_info", labels: [("version", version)],
            help: "dixian 版本信息 (build information); always 1"
        )
        build.set(to: 1)
        registry.makeGauge(name: "dixian_start_time_seconds", help: "启动时间 (start time, Unix seconds)")
            .set(to: Date().timeIntervalSince1970)
        self.uptime = registry.makeGauge(name: "dixian_uptime_seconds", help: "运行时长 (seconds since start)")
        self.databaseUp = registry.makeGauge(
            name: "dixian_database_up", help: "数据库可达为 1 (1 when the last database probe succeeded)"
        )
        self.databaseSchemaVersion = registry.makeGauge(
            name: "dixian_database_schema_version", help: "数据库结构版本 (highest applied migration)"
        )
        self.databaseMaxConnections = registry.makeGauge(
            name: "dixian_database_pool_max_connections", help: "连接池上限 (connection pool size limit)"
        )
        self.databaseMaxConnections.set(to: Double(maxConnections))
        self.databaseProbeDuration = registry.makeDurationHistogram(
            name: "dixian_database_probe_duration_seconds",
            buckets: [.milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100),
                      .milliseconds(500), .seconds(2), .seconds(5)],
            help: "数据库探测耗时 (time of one readiness probe)"
        )
        self.configurationReloads = registry.makeCounter(
            name: "dixian_config_reloads_total", help: "配置重新加载成功次数 (successful reloads)"
        )
        self.configurationReloadFailures = registry.makeCounter(
            name: "dixian_config_reload_failures_total", help: "配置重新加载失败次数 (rejected reloads)"
        )
    }

    /// Metrics in a registry of their own, for tests and tools that drive one part of the daemon.
    public init(version: String, maxConnections: Int) {
        self.init(registry: PrometheusCollectorRegistry(), version: version, maxConnections: maxConnections)
    }

    /// The Prometheus text exposition, with time-dependent gauges refreshed first and help on every family.
    public func exposition() -> [UInt8] {
        let elapsed = ContinuousClock.now - self.startedAt
        self.uptime.set(to: elapsed.timeInterval)
        return MetricHelp.annotate(self.registry.emitToBuffer())
    }
}
