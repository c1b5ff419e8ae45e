import DixianCore
import DixianDispatch
import DixianLinks
import DixianNotify
import DixianStore
import Foundation
import Logging
import Metrics
import PostgresNIO
import ServiceLifecycle

/// The outbox dispatcher (发送服务): the one component that talks to the outside world.
///
/// It holds a dedicated database connection that LISTENs on `dixian_outbox` (the outbox's insert trigger
/// NOTIFYs once per transaction) and whose session identity marks its claims, so a killed replica's
/// claims are taken over at the next sweep. One ``ChannelLane`` per configured channel claims and sends;
/// a periodic sweep catches anything a notification missed. Any number of replicas may run it at once.
public struct DispatcherService: Service {
    /// How long a replica waits before reconnecting after the database went away.
    static let reconnectDelay: Duration = .seconds(2)

    let endpoint: DatabaseEndpoint
    let client: PostgresClient
    /// The configuration in force now (it changes on reload).
    let running: @Sendable () -> RunningConfiguration
    let clock: any WallClock
    let links: ActionLinks?
    let logger: Logger

    public init(
        endpoint: DatabaseEndpoint, client: PostgresClient, running: @escaping @Sendable () -> RunningConfiguration,
        clock: any WallClock, links: ActionLinks?, logger: Logger
    ) {
        self.endpoint = endpoint
        self.client = client
        self.running = running
        self.clock = clock
        self.links = links
        self.logger = logger
    }

    init(context: DaemonContext, links: ActionLinks?) {
        let store = context.store
        self.init(
            endpoint: context.endpoint, client: context.client, running: { store.current }, clock: context.options.clock,
            links: links, logger: context.logger)
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let running = self.running()
            do {
                try await self.dispatch(running)
            } catch where Task.isShuttingDownGracefully || Task.isCancelled {
                break
            } catch {
                logger.warning("发送服务暂停, 稍后重试 (dispatcher paused, retrying)", metadata: ["error": "\(StoreError.explain(error))"])
            }
            guard await sleepUnlessShuttingDown(for: Self.reconnectDelay) else { break }
        }
    }

    /// Runs the lanes for one configuration on one connection; returns when the channels were
    /// reconfigured, throws when the connection is lost.
    private func dispatch(_ running: RunningConfiguration) async throws {
        let configuration = running.configuration
        let zone = configuration.zone
        let transports = try self.makeTransports(configuration, zone: zone)
        defer { Task { for (_, transport) in transports { await transport.shutdown() } } }
        let postgres = try await PostgresConnection.connect(
            configuration: try endpoint.connectionConfiguration(connectTimeout: configuration.database.connectTimeout),
            id: 2_000, logger: logger, givingUpAfter: configuration.database.connectTimeout + .seconds(5))
        defer { Task { try? await postgres.close() } }
        let claimer = try await abandoningAfter(.seconds(5)) { try await OutboxStore.sessionIdentity(postgres, logger: logger) }
        let outbox = OutboxStore(client: client, logger: logger)
        let schedule = ScheduleStore(client: client, logger: logger)
        let composition = CompositionSources(
            schedule: schedule, directory: DirectoryCache(schedule: schedule, directory: DirectoryStore(client: client, logger: logger)),
            running: self.running, links: links)
        let signal = WakeSignal()
        logger.info("发送服务已启动 (dispatcher started)", metadata: ["channels": "\(transports.keys.sorted())"])
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.listen(on: postgres, signal: signal) }
            group.addTask {
                try await self.sweep(outbox, connection: postgres, signal: signal, configuration: configuration)
            }
            for (name, transport) in transports {
                let lane = ChannelLane(
                    channel: configuration.channels[name]!, transport: transport, composition: composition, outbox: outbox,
                    settings: configuration.notify, clock: clock, logger: logger)
                let doorbell = signal.register()
                group.addTask { await lane.run(claimer: claimer, doorbell: doorbell) }
            }
            // The first task to end (shutdown, lost connection, new channels) ends them all.
            try await group.next()
            group.cancelAll()
        }
    }

    private func makeTransports(_ configuration: Configuration, zone: TimeZone) throws -> [String: any NotificationTransport] {
        var transports: [String: any NotificationTransport] = [:]
        for (name, channel) in configuration.channels {
            do {
                transports[name] = try ChannelTransports.make(channel, timeZone: zone, stateDirectory: configuration.stateDirectory)
            } catch {
                logger.error("渠道无法使用, 其消息暂不发送 (channel unusable; its messages wait)", metadata: ["channel": "\(name)", "error": "\(error)"])
            }
        }
        return transports
    }

    /// Rings the lanes on every NOTIFY; ends at shutdown, throws when the connection drops.
    private func listen(on connection: PostgresConnection, signal: WakeSignal) async throws {
        try await cancelWhenGracefulShutdown {
            try await connection.listen(on: "dixian_outbox") { notifications in
                for try await _ in notifications { signal.wake() }
            }
        }
    }

    /// Every sweep interval: frees claims of dispatchers that died, publishes the queue's figures (depth, oldest age, dead letters, disabled), checks the
    /// LISTEN connection, notices reconfigured channels, and rings the lanes.
    private func sweep(_ outbox: OutboxStore, connection: PostgresConnection, signal: WakeSignal, configuration: Configuration) async throws {
        repeat {
            let current = running().configuration
            guard current.channels == configuration.channels, current.notify == configuration.notify
            else {
                logger.notice("渠道配置已变更, 发送服务重新加载 (channels changed; dispatcher restarts)")
                return
            }
            try await abandoningAfter(.seconds(5)) { try await OutboxStore.checkAlive(connection, logger: logger) }
            let now = clock.now()
            if let reclaimed = try? await abandoningOnShutdown({ try await outbox.reclaimAbandoned(now: now) }), reclaimed > 0 {
                logger.notice("已收回中断的发送 (reclaimed messages of a stopped dispatcher)", metadata: ["messages": "\(reclaimed)"])
            }
            if let figures = try? await abandoningOnShutdown({ try await outbox.channelFigures(now: now) }) {
                Self.record(figures, channels: configuration.channels.keys, now: now)
            }
            signal.wake()
        } while await sleepUnlessShuttingDown(for: configuration.notify.sweepInterval)
    }

    /// The queue's gauges per configured channel (a channel nobody configures any more is not reported).
    static func record(_ figures: [ChannelName: OutboxStore.ChannelFigures], channels: some Sequence<String>, now: Date) {
        for name in channels {
            let channel = figures[ChannelName(name)] ?? OutboxStore.ChannelFigures()
            let dimensions = [("channel", name)]
            Gauge(label: "dixian_outbox_queue_depth", dimensions: dimensions).record(channel.due)
            Gauge(label: "dixian_outbox_oldest_pending_age_seconds", dimensions: dimensions).record(channel.oldestAge(at: now))
            Gauge(label: "dixian_outbox_dead_letters", dimensions: dimensions).record(channel.deadLetters)
            Gauge(label: "dixian_notify_channel_disabled", dimensions: dimensions).record(channel.isDisabled ? 1 : 0)
        }
    }
}
