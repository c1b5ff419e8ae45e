import DixianDaemon
import DixianCore
import DixianDirectory
import DixianStore
import Foundation
import Logging
import PostgresNIO

/// `dixian bench notify`: how fast the outbox drains (发送基准).
///
/// Everything runs on this machine: a private throw-away PostgreSQL, the real dispatcher (claims,
/// rendering, transports), a loopback webhook receiver and a loopback SMTP server that accept
/// everything. Three figures: webhook deliveries per second, emails per second over reused SMTP
/// connections, and the time from an outbox row's commit to its arrival at the receiver at low load.
public struct NotifyBenchmark: Sendable {
    /// Figures of one run.
    public struct Figures: Sendable {
        public var webhooks = 0
        public var webhookSeconds = 0.0
        /// The second webhook drain, committed at once (`--backlog`): the rate must not fall with the queue.
        public var backlog = 0
        public var backlogSeconds = 0.0
        /// Sent messages of past months written before a third drain of ``webhooks`` (`--history`): the rate must not
        /// fall with the history either.
        public var history = 0
        public var historySeconds = 0.0
        public var emails = 0
        public var emailSeconds = 0.0
        public var smtpConnections = 0
        public var latencySamples: [Double] = []
        /// The benchmark process's peak resident memory (`VmHWM`), in bytes; 0 where /proc does not say.
        public var peakResidentBytes = 0

        /// The `p`-th percentile of the latency samples, in milliseconds.
        public func latencyMilliseconds(percentile p: Double) -> Double {
            let sorted = latencySamples.sorted()
            guard !sorted.isEmpty else { return 0 }
            return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p / 100).rounded(.up)) - 1)] * 1000
        }
    }

    let running: RunningConfiguration
    let logger: Logger

    public init(running: RunningConfiguration, logger: Logger) {
        self.running = running
        self.logger = logger
    }

    /// Runs the three measurements against a private PostgreSQL in `stateDirectory`. With `receiver` the webhooks go
    /// to that URL instead of the built-in sink (a peer's receiver, such as the nginx of `scripts/bench-peers`), and a
    /// delivery counts when its row is marked sent, which happens on the receiver's 2xx.
    public func run(
        webhooks: Int, emails: Int, latencySamples: Int, backlog: Int = 0, history: Int = 0, receiver: String? = nil,
        digests: Bool = false, stateDirectory: String,
        progress: @escaping @Sendable (String) -> Void
    ) async throws -> Figures {
        var configuration = running.configuration
        configuration.stateDirectory = stateDirectory
        configuration.database.url = nil
        let session = configuration
        let base = running
        let logger = self.logger
        return try await DatabaseSession.withClient(configuration: configuration, logger: logger) { client, endpoint in
            try await Migrator().migrate(client: client, logger: logger)
            let seed = try await BenchmarkSeed.prepare(client: client, running: base, logger: logger)
            let webhookSink = WebhookSink()
            let (portStream, portContinuation) = AsyncStream<Int>.makeStream()
            let smtpSink = try await SMTPSink()
            defer { Task { await smtpSink.close() } }
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await webhookSink.run { portContinuation.yield($0) } }
                var ports = portStream.makeAsyncIterator()
                let webhookPort = await ports.next() ?? 0
                var running = base
                running.loaded.configuration = Self.configuration(
                    session, webhookURL: receiver ?? "http://127.0.0.1:\(webhookPort)/hook", smtpPort: smtpSink.port,
                    digests: digests)
                let dispatcher = DispatcherService(
                    endpoint: endpoint, client: client, running: { [running] in running }, clock: SystemWallClock(), links: nil,
                    logger: logger)
                group.addTask { try await dispatcher.run() }
                var figures = Figures()
                // A row counts when the sink has it, or, when a request may carry several rows (digests) or the receiver
                // is not ours, when the row is marked sent.
                let byRows = digests || receiver != nil
                let delivered: DrainEnd =
                    byRows ? .allSent(UnsentProbe(client: client, channel: "hook", logger: logger)) : .counted({ webhookSink.requests })
                if webhooks > 0, receiver == nil {
                    // Untimed: the first round of a dispatcher opens its connections and compiles its templates, which
                    // would otherwise count against the first drain only and flatter every rate compared with it. Not
                    // with `--receiver`: a receiver of someone else's gets exactly the webhooks it was promised.
                    _ = try await Self.drain(Self.warmUp, channel: "hook", seed: seed, client: client, until: delivered)
                }
                progress("webhook: \(webhooks) 条 (deliveries)…")
                figures.webhookSeconds = try await Self.drain(
                    webhooks, channel: "hook", seed: seed, client: client, until: delivered)
                figures.webhooks = webhooks
                if backlog > 0 {
                    progress("积压 (backlog): \(backlog) 条 webhook…")
                    figures.backlogSeconds = try await Self.drain(
                        backlog, channel: "hook", seed: seed, client: client, until: delivered)
                    figures.backlog = backlog
                }
                if history > 0 {
                    progress("历史 (history): 写入 \(history) 条已发送消息…")
                    try await seed.insertHistory(history, months: Self.historyMonths, client: client, progress: progress)
                    progress("有历史时再送 (again with the history): \(webhooks) 条 webhook…")
                    figures.historySeconds = try await Self.drain(
                        webhooks, channel: "hook", seed: seed, client: client, until: delivered)
                    figures.history = history
                }
                progress("email: \(emails) 封 (messages)…")
                figures.emailSeconds = try await Self.drain(
                    emails, channel: "mail", seed: seed, client: client,
                    until: digests ? .allSent(UnsentProbe(client: client, channel: "mail", logger: logger)) : .counted({ smtpSink.messages }))
                figures.emails = emails
                figures.smtpConnections = smtpSink.connections
                progress("延迟 (latency): \(latencySamples) 次…")
                if receiver == nil {
                    figures.latencySamples = try await Self.latencies(latencySamples, seed: seed, client: client, sink: webhookSink)
                }
                figures.peakResidentBytes = ProcessMemory.peakResidentBytes()
                group.cancelAll()
                return figures
            }
        }
    }

    /// Webhooks drained before the first timed drain.
    static let warmUp = 200

    /// The months `--history` spreads its rows over: two years, as under the default retention.
    static let historyMonths = 24

    /// The benchmark's channels: a generic signed webhook and plain SMTP to the sinks; digests only with `digests`,
    /// in the default window (every seeded row has one recipient, so they go out twenty to a message).
    static func configuration(_ base: Configuration, webhookURL: String, smtpPort: Int, digests: Bool) -> Configuration {
        var configuration = base
        configuration.notify = Configuration.Notify()
        if !digests { configuration.notify.digestWindow = .zero }
        configuration.notify.batchSize = 200
        configuration.notify.sweepInterval = .seconds(1)
        let secret = "whsec_" + Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        configuration.channels = [
            "hook": .init(
                name: "hook", kind: .webhook, concurrency: 16,
                transport: .webhook(.init(
                    url: Secret(webhookURL), secret: Secret(secret), caFile: nil,
                    mentionMobiles: false, timeout: .seconds(10)))),
            "mail": .init(
                name: "mail", kind: .smtp, concurrency: 4,
                transport: .smtp(.init(
                    host: "127.0.0.1", port: smtpPort, tls: .none, username: nil, password: nil, caFile: nil,
                    from: Configuration.defaultSender, timeout: .seconds(30)))),
        ]
        return configuration
    }

    /// How a drain knows it is over.
    enum DrainEnd: Sendable {
        /// The sink counted as many more requests as rows were committed.
        case counted(@Sendable () async -> Int)
        /// No row of the channel is left pending or sending.
        case allSent(UnsentProbe)
    }

    /// Seconds from the commit of `count` due rows on `channel` to the drain's end, polled every 5 ms.
    static func drain(_ count: Int, channel: String, seed: BenchmarkSeed, client: PostgresClient, until end: DrainEnd) async throws -> Double {
        guard count > 0 else { return 0 }
        var before = 0
        if case .counted(let received) = end { before = await received() }
        try await seed.insert(count, channel: channel, client: client)
        // From the commit: a large backlog's insert is the seed's time, not the dispatcher's.
        let start = ContinuousClock.now
        while true {
            switch end {
            case .counted(let received): if await received() - before >= count { return (ContinuousClock.now - start).timeInterval }
            case .allSent(let probe): if await probe.allSent() { return (ContinuousClock.now - start).timeInterval }
            }
            try await Task.sleep(for: .milliseconds(5))
            if ContinuousClock.now - start > .seconds(600) {
                throw StoreError(.outboxFailed, "基准超时 (benchmark timed out): \(count) 条未在 600 秒内送完 (not drained in 600 s)")
            }
        }
    }

    /// One row at a time: seconds from its commit to its arrival at the webhook receiver.
    static func latencies(_ samples: Int, seed: BenchmarkSeed, client: PostgresClient, sink: WebhookSink) async throws -> [Double] {
        var latencies: [Double] = []
        for _ in 0..<samples {
            let key = try await seed.insert(1, channel: "hook", client: client)[0]
            let committed = Date()
            let deadline = ContinuousClock.now + .seconds(30)
            while sink.arrival(of: key) == nil, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(1))
            }
            if let arrival = sink.arrival(of: key) { latencies.append(max(0, arrival.timeIntervalSince(committed))) }
            try await Task.sleep(for: .milliseconds(20))
        }
        return latencies
    }
}

/// Whether a channel's rows are all sent, asked of the database: a delivery to a receiver the benchmark cannot see
/// into, or one request carrying several rows (digests).
///
/// It asks whether any row is still pending or being sent, two probes of the partial indexes, not how many are
/// sent: counting 100,000 sent rows every 20 ms took 20 ms a time, a whole PostgreSQL backend beside the one
/// being measured. Prepared: planned afresh at every poll, over every month's partition, it took 2.4 ms a poll.
struct UnsentProbe: Sendable {
    struct Statement: PostgresPreparedStatement {
        static let sql = """
            SELECT NOT EXISTS (SELECT 1 FROM outbox WHERE channel = $1 AND status = 'pending')
               AND NOT EXISTS (SELECT 1 FROM outbox WHERE channel = $1 AND status = 'sending')
            """
        typealias Row = Bool
        let channel: String

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(channel)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Bool { try row.decode(Bool.self) }
    }

    let client: PostgresClient
    let channel: String
    let logger: Logger

    /// True when no row of the channel is pending or sending; false also when the database cannot tell.
    func allSent() async -> Bool {
        do {
            for try await done in try await client.execute(Statement(channel: channel), logger: logger) { return done }
        } catch {
            return false
        }
        return false
    }
}
