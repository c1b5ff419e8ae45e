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

    /// One claimed batch with its round's occurrences, read together.
    struct Batch: Sendable {
        var groups: [OutboxGroup]
        var occurrences: NotificationComposer.Occurrences?

        static let empty = Batch(groups: [], occurrences: [:])

        var messageCount: Int { groups.reduce(0) { $0 + $1.messages.count } }
    }

    /// Runs until shutdown or cancellation; `claimer` is the dispatcher's session identity.
    ///
    /// Deliveries outlive their round: while a full batch is being sent, the next one is already claimed (its
    /// rows locked, its occurrences read), so a drain never idles while the database answers, nor while the
    /// slowest request of a batch completes. Before the lane sleeps, everything in flight finishes and its
    /// outcomes are written.
    func run(claimer: String, doorbell: Doorbell) async {
        let limiter = channel.rateLimit.map { RateLimiter(messages: $0.messages, per: $0.period) }
        let outcomes = DeliveredOutcomes(outbox: outbox, channel: channel.name, logger: logger)
        await withTaskGroup(of: Void.self) { deliveries in
            var inFlight = 0
            // Catch-up is decided on the first claim after each wake; the batches of a drain that follows do not
            // read the whole backlog again.
            var woken = true
            var prefetched: Task<Batch, any Error>?
            while !Task.isShuttingDownGracefully, !Task.isCancelled {
                let batch: Batch
                do {
                    if let next = prefetched {
                        prefetched = nil
                        batch = try await next.value
                    } else {
                        batch = try await self.claim(claimer: claimer, decidingCatchUp: woken)
                    }
                    woken = false
                } catch {
                    logger.warning(
                        "发件箱暂不可用, 稍后重试 (outbox unavailable, retrying)",
                        metadata: ["channel": "\(channel.name)", "error": "\(StoreError.explain(error))"])
                    batch = .empty
                }
                let claimed = batch.messageCount
                // A full batch means more is waiting: claim the next one while this one goes out. A rate-limited lane
                // first lets its batch out, so that no claim waits for tokens behind another (its lease would run out).
                if claimed >= claimLimit, limiter == nil {
                    prefetched = Task { try await self.claim(claimer: claimer, decidingCatchUp: false) }
                }
                await self.send(batch, limiter: limiter, outcomes: outcomes, deliveries: &deliveries, inFlight: &inFlight)
                if claimed >= claimLimit, limiter == nil { continue }
                while inFlight > 0, await deliveries.next() != nil { inFlight -= 1 }
                await outcomes.flush()
                if claimed >= claimLimit { continue }
                await doorbell.wait(upTo: await self.delayUntilNextDue())
                woken = true
            }
            // A batch claimed ahead and not sent stays locked under this session, which ends with the dispatcher; the
            // rows are then taken back like any abandoned claim (OutboxStore.reclaimAbandoned).
            prefetched?.cancel()
            while inFlight > 0, await deliveries.next() != nil { inFlight -= 1 }
            await outcomes.flush()
        }
    }

    /// Claims one batch and reads its occurrences; empty at shutdown.
    private func claim(claimer: String, decidingCatchUp: Bool) async throws -> Batch {
        let request = OutboxClaimRequest(
            channel: ChannelName(channel.name), groupsAllRecipients: !channel.carriesEmail, now: clock.now(), limit: claimLimit,
            digestWindow: settings.digestWindow.timeInterval, digestMaxItems: settings.digestMaxItems,
            lease: Self.lease, claimer: claimer, decidesCatchUp: decidingCatchUp)
        guard let groups = try await abandoningOnShutdown({ try await outbox.claim(request) }), !groups.isEmpty else {
            return .empty
        }
        // One query for the whole round's occurrences, one statement per flush for its outcomes: per message, the
        // lane only renders and sends.
        return Batch(groups: groups, occurrences: await self.occurrences(of: groups))
    }

    /// Starts sending `batch`, keeping at most the channel's concurrency in flight (waiting for a slot when full).
    private func send(
        _ batch: Batch, limiter: RateLimiter?, outcomes: DeliveredOutcomes, deliveries: inout TaskGroup<Void>,
        inFlight: inout Int
    ) async {
        for group in batch.groups {
            if inFlight >= channel.concurrency, await deliveries.next() != nil { inFlight -= 1 }
            deliveries.addTask {
                try? await limiter?.acquire()
                await self.deliver(group, occurrences: batch.occurrences, outcomes: outcomes)
            }
            inFlight += 1
        }
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
