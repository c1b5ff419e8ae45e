import DixianStore
import DixianWeb
import Foundation
import Hummingbird
import Logging
import Metrics
import NIOCore
import PostgresNIO
import Prometheus
import ServiceLifecycle

/// `dixian serve`: the long-running daemon (守护进程).
///
/// Start-up order, each step visible in `STATUS=`: configuration → database (the embedded
/// cluster if none is configured) → start-up probe → migrations under an advisory lock →
/// first health check → HTTP → `READY=1`. SIGTERM/SIGINT shut down gracefully within the
/// configured limit; the embedded cluster is stopped last.
public struct Daemon: Sendable {
    /// Version reported in logs, metrics and `daemon_instances`.
    public static let version = "0.1.0"

    public let options: DaemonOptions
    public let logger: Logger

    public init(options: DaemonOptions, logger: Logger) {
        self.options = options
        self.logger = logger
    }

    /// Runs until a shutdown signal. Throws when start-up fails, with a message for the operator.
    public func run() async throws {
        HeapRelease.limitArenas()
        let notifier = SystemdNotifier(environment: self.options.environment)
        let loaded = try self.options.loadRunningConfiguration()
        loaded.configuration.applyLogSettings(to: .shared)
        loaded.warnings.forEach { self.logger.warning("\($0.description)") }
        self.logger.info(
            "dixian 正在启动 (starting)",
            metadata: [
                "version": "\(Self.version)", "config": "\(loaded.loaded.sourceDescription)",
                "plugins": "\(loaded.plugins.summary())", "links": "\(loaded.configuration.links.baseURL)",
            ]
        )
        self.logger.info("\(loaded.overrides)")
        let choice = DatabaseResolver(configuration: loaded.configuration, logger: self.logger).choose()
        if case .embedded(let cluster, _) = choice {
            notifier?.notify(.status("正在启动内嵌数据库 (starting embedded PostgreSQL)"))
            let outcome = try await cluster.start()
            self.logger.info("内嵌数据库已就绪 (embedded PostgreSQL up)", metadata: ["outcome": "\(outcome)"])
        }
        do {
            try await self.serve(loaded: loaded, choice: choice, notifier: notifier)
        } catch {
            try await self.stopEmbedded(choice)
            throw error
        }
        try await self.stopEmbedded(choice)
        self.logger.info("dixian 已停止 (stopped)")
    }

    private func stopEmbedded(_ choice: DatabaseResolver.Choice) async throws {
        guard case .embedded(let cluster, _) = choice else { return }
        self.logger.info("正在停止内嵌数据库 (stopping embedded PostgreSQL)")
        try await cluster.stop()
    }

    private func serve(loaded: RunningConfiguration, choice: DatabaseResolver.Choice, notifier: SystemdNotifier?) async throws {
        let configuration = loaded.configuration
        let endpoint = choice.endpoint
        notifier?.notify(.status("正在连接数据库 (connecting to \(endpoint))"))
        let serverVersion = try await DatabaseProbe(endpoint: endpoint, timeout: configuration.database.connectTimeout)
            .waitUntilReachable(total: configuration.database.connectTimeout, logger: self.logger)
        self.logger.info("数据库可达 (database reachable)", metadata: ["database": "\(endpoint)", "server": "\(serverVersion)"])

        let client = PostgresClient(
            configuration: try endpoint.clientConfiguration(
                maxConnections: configuration.database.maxConnections,
                connectTimeout: configuration.database.connectTimeout
            ),
            backgroundLogger: self.logger
        )
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let context = DaemonContext(
            options: self.options,
            store: ConfigurationStore(loaded),
            client: client,
            endpoint: endpoint,
            readiness: ReadinessState(),
            metrics: DaemonMetrics(
                registry: registry, version: Self.version, maxConnections: configuration.database.maxConnections
            ),
            instance: DaemonInstance(version: Self.version),
            usesEmbeddedDatabase: choice.isEmbedded,
            notifier: notifier,
            logger: self.logger
        )
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: client),
            .init(service: DaemonCore(context: context), successTerminationBehavior: .gracefullyShutdownGroup),
            .init(service: ShutdownAnnouncer(notifier: notifier)),
        ]
        if case .embedded(let cluster, _) = choice {
            let supervisor = EmbeddedPostgresSupervisor(
                cluster: cluster, readiness: context.readiness, notifier: notifier, logger: self.logger)
            services.append(.init(service: supervisor, successTerminationBehavior: .ignore))
        }
        var groupConfiguration = ServiceGroupConfiguration(
            services: services,
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: self.logger
        )
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(7)
        groupConfiguration.maximumCancellationDuration = .seconds(1)
        try await ServiceGroup(configuration: groupConfiguration).run()
    }
}
