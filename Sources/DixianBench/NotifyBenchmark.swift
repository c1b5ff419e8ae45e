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
                let sent = SentCounter(client: client, channel: "hook", logger: logger)
                let (interval, delivered): (Duration, @Sendable () async -> Int) =
                    byRows ? (.milliseconds(20), { await sent.count() }) : (.milliseconds(5), { webhookSink.requests })
                if webhooks > 0, receiver == nil {
                    // Untimed: the first round of a dispatcher opens its connections and compiles its templates, which
                    // would otherwise count against the first drain only and flatter every rate compared with it. Not
                    // with `--receiver`: a receiver of someone else's gets exactly the webhooks it was promised.
                    _ = try await Self.drain(Self.warmUp, channel: "hook", seed: seed, client: client, every: interval, received: delivered)
                }
                progress("webhook: \(webhooks) 条 (deliveries)…")
                figures.webhookSeconds = try await Self.drain(
                    webhooks, channel: "hook", seed: seed, client: client, every: interval, received: delivered)
                figures.webhooks = webhooks
                if backlog > 0 {
                    progress("积压 (backlog): \(backlog) 条 webhook…")
                    figures.backlogSeconds = try await Self.drain(
                        backlog, channel: "hook", seed: seed, client: client, every: interval, received: delivered)
                    figures.backlog = backlog
                }
                if history > 0 {
                    progress("历史 (history): 写入 \(history) 条已发送消息…")
                    try await seed.insertHistory(history, months: Self.historyMonths, client: client, progress: progress)
                    progress("有历史时再送 (again with the history): \(webhooks) 条 webhook…")
                    figures.historySeconds = try await Self.drain(
                        webhooks, channel: "hook", seed: seed, client: client, every: interval, received: delivered)
                    figures.history = history
                }
                progress("email: \(emails) 封 (messages)…")
                let sentMail = SentCounter(client: client, channel: "mail", logger: logger)
                figures.emailSeconds = try await Self.drain(
                    emails, channel: "mail", seed: seed, client: client, every: digests ? .milliseconds(20) : .milliseconds(5)
                ) { digests ? await sentMail.count() : smtpSink.messages }
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

    /// Seconds from the commit of `count` due rows on `channel` to the receiver counting them all.
    static func drain(
        _ count: Int, channel: String, seed: BenchmarkSeed, client: PostgresClient, every interval: Duration = .milliseconds(5),
        received: @Sendable () async -> Int
    ) async throws -> Double {
        guard count > 0 else { return 0 }
        let before = await received()
        try await seed.insert(count, channel: channel, client: client)
        // From the commit: a large backlog's insert is the seed's time, not the dispatcher's.
        let start = ContinuousClock.now
        while await received() - before < count {
            try await Task.sleep(for: interval)
            if ContinuousClock.now - start > .seconds(600) {
                throw StoreError(.outboxFailed, "基准超时 (benchmark timed out): \(await received() - before)/\(count)")
            }
        }
        return (ContinuousClock.now - start).timeInterval
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

/// Sent rows of a channel, counted in the database: a delivery to a receiver the benchmark cannot see into.
struct SentCounter: Sendable {
    let client: PostgresClient
    let channel: String
    let logger: Logger

    func count() async -> Int {
        let rows = try? await client.query("SELECT count(*)::int8 FROM outbox WHERE channel = \(channel) AND status = 'sent'", logger: logger)
        guard let rows else { return 0 }
        do {
            for try await count in rows.decode(Int64.self) { return Int(count) }
        } catch {
            return 0
        }
        return 0
    }
}
