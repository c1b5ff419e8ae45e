import DixianCore
import DixianDispatch
import DixianNotify
import DixianStore
import Foundation
import Logging
import Metrics
import ServiceLifecycle

/// One channel's share of the dispatcher (发送通道): claims the channel's due messages, sends them with
/// at most `concurrency` in flight and within the rate limit, and records each outcome. Lanes are
/// independent, so a mail server that is down never holds up the chat bot.
struct ChannelLane: Sendable {
    /// A claim holds this long if its dispatcher's session cannot be checked (normally a claim ends with
    /// its session: see ``OutboxStore/reclaimAbandoned(now:)``).
    static let lease: TimeInterval = 600

    let channel: Configuration.Channel
    let transport: any NotificationTransport
    let composition: CompositionSources
    let outbox: OutboxStore
    let settings: Configuration.Notify
    let clock: any WallClock
    let logger: Logger

    /// Runs until shutdown or cancellation; `claimer` is the dispatcher's session identity.
    ///
    /// Deliveries outlive their round: the next batch is claimed as soon as the last group of this one has
    /// started, not when it has finished, so a drain never idles while the slowest request of a batch completes.
    /// Before the lane sleeps, everything in flight finishes and its outcomes are written.
    func run(claimer: String, doorbell: Doorbell) async {
        let limiter = channel.rateLimit.map { RateLimiter(messages: $0.messages, per: $0.period) }
        let outcomes = DeliveredOutcomes(outbox: outbox, channel: channel.name, logger: logger)
        await withTaskGroup(of: Void.self) { deliveries in
            var inFlight = 0
            // Catch-up is decided on the first claim after each wake; the batches of a drain that follows do not
            // read the whole backlog again.
            var woken = true
            while !Task.isShuttingDownGracefully, !Task.isCancelled {
                let claimed: Int
                do {
                    claimed = try await self.round(
                        claimer: claimer, limiter: limiter, decidingCatchUp: woken, outcomes: outcomes,
                        deliveries: &deliveries, inFlight: &inFlight)
                    woken = false
                } catch {
                    logger.warning(
                        "发件箱暂不可用, 稍后重试 (outbox unavailable, retrying)",
                        metadata: ["channel": "\(channel.name)", "error": "\(StoreError.explain(error))"])
                    claimed = 0
                }
                // A full batch means more is waiting: go on at once. A rate-limited lane first lets its batch
                // out, so that no claim waits for tokens behind another (its lease would run out).
                if claimed >= claimLimit, limiter == nil { continue }
                while inFlight > 0, await deliveries.next() != nil { inFlight -= 1 }
                await outcomes.flush()
                if claimed >= claimLimit { continue }
                await doorbell.wait(upTo: await self.delayUntilNextDue())
                woken = true
            }
            while inFlight > 0, await deliveries.next() != nil { inFlight -= 1 }
            await outcomes.flush()
        }
    }

    /// Claims one batch and starts sending it, keeping at most the channel's concurrency in flight; returns how
    /// many messages were claimed.
    private func round(
        claimer: String, limiter: RateLimiter?, decidingCatchUp: Bool, outcomes: DeliveredOutcomes,
        deliveries: inout TaskGroup<Void>, inFlight: inout Int
    ) async throws -> Int {
        let now = clock.now()
        let request = OutboxClaimRequest(
            channel: ChannelName(channel.name), groupsAllRecipients: !channel.carriesEmail, now: now, limit: claimLimit,
            digestWindow: settings.digestWindow.timeInterval, digestMaxItems: settings.digestMaxItems,
            lease: Self.lease, claimer: claimer, decidesCatchUp: decidingCatchUp)
        guard let groups = try await abandoningOnShutdown({ try await outbox.claim(request) }) else { return 0 }
        guard !groups.isEmpty else { return 0 }
        // One query for the whole round's occurrences, one statement per flush for its outcomes: per message, the
        // lane only renders and sends.
        let occurrences = await self.occurrences(of: groups)
        for group in groups {
            if inFlight >= channel.concurrency, await deliveries.next() != nil { inFlight -= 1 }
            deliveries.addTask {
                try? await limiter?.acquire()
                await self.deliver(group, occurrences: occurrences, outcomes: outcomes)
            }
            inFlight += 1
        }
        return groups.reduce(0) { $0 + $1.messages.count }
    }

    /// Rows claimed per round: a rate-limited lane claims no more than one period lets out, so a claim
    /// never outlives its lease while it waits for tokens (an expired lease would let another replica
    /// send the row again), and the rest stays free for other replicas.
    private var claimLimit: Int {
        min(settings.batchSize, channel.rateLimit?.messages ?? .max)
    }

    /// Sleep until the channel's next message is due, at most one sweep interval.
    private func delayUntilNextDue() async -> Duration {
        let sweep = settings.sweepInterval
        guard let next = try? await abandoningOnShutdown({ try await outbox.nextDue(channel: ChannelName(channel.name)) }) ?? nil else {
            return sweep
        }
        let delay = clock.realDuration(until: next)
        return min(max(delay, .milliseconds(5)), sweep)
    }
}
