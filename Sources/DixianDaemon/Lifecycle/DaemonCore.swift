import DixianDirectory
import DixianLinks
import DixianPlugins
import DixianStore
import DixianWeb
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The part of the daemon that needs a running pool: migrations, registration, the first
/// health check, then the long-running services in one nested group.
///
/// It runs inside the outer group next to the ``PostgresClient`` (a pool must be running before
/// it can serve a query), and the nested group follows the outer one's graceful shutdown.
struct DaemonCore: Service {
    let context: DaemonContext

    /// The demo county's files, relative to the working directory: the repository root for `swift run dixian serve`.
    static let demoDirectory = "config/demo"

    func run() async throws {
        let context = self.context
        let logger = context.logger
        context.notifier?.notify(.status("正在迁移数据库结构 (applying migrations)"))
        let applied = try await Migrator().migrate(client: context.client, logger: logger)
        logger.info(
            applied.isEmpty ? "数据库结构已是最新 (schema current)" : "数据库迁移完成 (migrations applied)",
            metadata: ["applied": "\(applied.map(\.version))", "schema": "\(MigrationCatalog.latestVersion)"]
        )
        try await context.instance.register(client: context.client, logger: logger)
        await self.importDemoCountyIfEmpty()

        let monitor = ReadinessMonitor(
            client: context.client, instance: context.instance, readiness: context.readiness,
            metrics: context.metrics, notifier: context.notifier, logger: logger
        )
        await monitor.probeOnce()

        let links = try await ActionLinks.make(
            context.store.current.configuration.links, store: ScheduleStore(client: context.client, logger: logger))
        let overrides = PluginOverrideStore(client: context.client, logger: logger)
        let reloader = Reloader(
            options: context.options, store: context.store, readiness: context.readiness,
            metrics: context.metrics, notifier: context.notifier, logger: logger,
            storedOverrides: { try await overrides.approvedOverrides() },
            approvals: OverrideApprovals(client: context.client, logger: logger),
            recordVersions: { versions in
                do {
                    try await context.instance.recordOverrides(versions, client: context.client, logger: logger)
                } catch {
                    logger.warning("未能记录本实例的覆盖配置版本 (replica override versions not recorded)", metadata: ["error": "\(StoreError.explain(error))"])
                }
            })
        await reloader.applyStoredOverridesAtStart()
        var services: [any Service] = [
            monitor,
            reloader,
            self.makeHTTPServer(links: links),
            WorkFiguresService(context: context),
        ]
        if context.store.current.configuration.schedule.enabled {
            services.append(SchedulerService(context: context))
        } else {
            logger.notice("本实例不参与排期 (schedule.enabled: false)")
        }
        if let demo = DemoDataService(context: context) {
            services.append(demo)
        }
        if let watchdog = WatchdogService(notifier: context.notifier, environment: context.options.environment) {
            services.append(watchdog)
        }
        if context.store.current.configuration.notify.enabled {
            services.append(DispatcherService(context: context, links: links))
        } else {
            logger.notice("本实例不发送提醒 (notify.enabled: false)")
        }
        try await ServiceGroup(services: services, logger: logger).run()
        try? await context.instance.markStopped(client: context.client, logger: logger)
    }

    /// On the embedded database (a newcomer's `swift run dixian serve`), an empty org directory
    /// gets the synthetic demo county of `config/demo/`, so there is real work to see at once.
    /// A county's own database never gets demo data, and a failure here never stops the daemon.
    private func importDemoCountyIfEmpty() async {
        let context = self.context
        let demo = Self.demoDirectory
        guard context.usesEmbeddedDatabase, FileManager.default.fileExists(atPath: demo + "/" + DemoCounty.unitsFileName) else {
            return
        }
        do {
            let reports = try await DirectoryStore.importDemoIfEmpty(
                client: context.client, demoDirectory: demo,
                knownRoles: context.store.current.roleCatalogue, logger: context.logger
            )
            if let reports {
                context.logger.info("已导入演示县组织架构 (demo county imported)", metadata: ["files": "\(reports.count)", "from": "\(demo)"])
            }
        } catch {
            context.logger.error("演示县导入失败 (demo county import failed)", metadata: ["error": "\(error)"])
        }
    }

    private func makeHTTPServer(links: ActionLinks) -> some Service {
        let context = self.context
        let http = context.store.current.configuration.http
        let listen = http.listen
        let limits = HTTPServerLimits(
            headerTimeout: http.headerTimeout, bodyTimeout: http.bodyTimeout, idleTimeout: http.idleTimeout,
            maxConnections: http.maxConnections)
        let gate = DatabaseGate(
            readiness: context.readiness, components: ["database", EmbeddedPostgresSupervisor.component], deadline: http.databaseTimeout,
            logger: context.logger)
        let duty = DutyAPI(
            schedule: ScheduleStore(client: context.client, logger: context.logger),
            directory: DirectoryStore(client: context.client, logger: context.logger),
            token: { context.store.current.configuration.api.token },
            now: { context.options.clock.now() },
            gate: gate,
            logger: context.logger
        )
        let data = DataAPI(
            screening: ScreeningStore(client: context.client, logger: context.logger),
            importer: self.dataImporter(), maxBytes: { context.store.current.configuration.api.importMaxBytes },
            token: { context.store.current.configuration.api.token }, gate: gate, logger: context.logger)
        let desk: @Sendable () throws -> any ProcedureDesk = {
            try MonitoringDesk(client: context.client, running: context.store.current, logger: context.logger, clock: context.options.clock)
        }
        let monitoring = MonitoringAPI(
            desk: desk, token: { context.store.current.configuration.api.token }, gate: gate, logger: context.logger)
        let linkRoutes = LinkRoutes(
            links: links, schedule: ScheduleStore(client: context.client, logger: context.logger),
            settings: { context.store.current.webSettings }, now: { context.options.clock.now() }, gate: gate,
            logger: context.logger, procedureDesk: desk)
        // The reminder preview reads the directory; it changes seldom, and reading it per request cost more than planning.
        let consoleDirectory = DirectoryCache(
            schedule: ScheduleStore(client: context.client, logger: context.logger), directory: DirectoryStore(client: context.client, logger: context.logger))
        let overrideDesk: @Sendable () throws -> any OverrideDesk = {
            StoredOverrideDesk(
                client: context.client, options: context.options, running: context.store.current, directory: consoleDirectory,
                logger: context.logger)
        }
        let overrides = PluginOverrideAPI(
            desk: overrideDesk, plugins: { context.store.current.plugins }, token: { context.store.current.configuration.api.token },
            now: { context.options.clock.now() }, gate: gate, logger: context.logger)
        let console = ConsoleRoutes(
            store: ConsoleStore(client: context.client, logger: context.logger),
            schedule: ScheduleStore(client: context.client, logger: context.logger),
            outbox: OutboxStore(client: context.client, logger: context.logger),
            settings: { SignInMail.settings(context.store.current) },
            composeMail: { official, link in try SignInMail.compose(official: official, link: link, configuration: context.store.current.configuration) },
            procedureDesk: desk,
            documents: {
                ConsoleDocumentDesk(
                    client: context.client, running: context.store.current, directory: consoleDirectory, logger: context.logger,
                    clock: context.options.clock)
            },
            overrides: overrideDesk,
            apiToken: { context.store.current.configuration.api.token }, now: { context.options.clock.now() }, gate: gate, logger: context.logger)
        return Application(
            router: HTTPEndpoints.router(
                readiness: context.readiness, metrics: { context.metrics.exposition() },
                pluginOverrides: { context.store.current.plugins.storedOverrideVersions }, duty: duty, data: data, links: linkRoutes,
                apply: self.applyRoutes(links: links, gate: gate), monitoring: monitoring, overrides: overrides, console: console, logger: context.logger),
            server: limits.serverBuilder,
            configuration: .init(
                address: .hostname(listen.host, port: listen.port), serverName: "dixian",
                availableConnectionsDelegate: limits.connectionLimit(logger: context.logger)),
            onServerRunning: { channel in
                let address = channel.localAddress.map { "\($0.ipAddress ?? listen.host):\($0.port ?? listen.port)" }
                context.logger.info("HTTP 服务已启动 (HTTP listening)", metadata: ["address": "\(address ?? "?")"])
                context.logger.info(
                    "网页工作台 (web console): 输入登记邮箱登录, 或 dixian console link 工号 生成登录链接",
                    metadata: ["url": "http://\(address ?? "?")/console/"])
                if context.usesEmbeddedDatabase, FileManager.default.fileExists(atPath: Self.demoDirectory + "/" + DemoCounty.officialsFileName) {
                    context.logger.info(
                        "演示县: 以县乡村振兴局身份登录, 请另开终端运行 swift run dixian console link \(DemoCounty.countyOfficeID) 并打开它打印的链接 (demo county: sign in as the county office)")
                }
                let readiness = context.readiness.snapshot
                context.notifier?.notify(.ready, .status(readiness.statusLine))
                context.logger.info("dixian 已就绪 (ready)", metadata: ["status": "\(readiness.statusLine)"])
            },
            logger: context.logger
        )
    }
}
