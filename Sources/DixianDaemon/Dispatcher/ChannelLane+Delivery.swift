import DixianCore
import DixianDispatch
import DixianNotify
import DixianStore
import Foundation
import Logging
import Metrics

extension ChannelLane {
    /// Sends one group and records what happened. Never throws: every outcome is written to the outbox
    /// (sent, through `outcomes` with the round's others; waiting to retry; dead), and a database failure leaves the
    /// claim to expire and be retried. `occurrences` are the round's, read once (nil: read them for this group).
    func deliver(_ group: OutboxGroup, occurrences: NotificationComposer.Occurrences?, outcomes: DeliveredOutcomes) async {
        let dimensions = [("channel", channel.name)]
        do {
            let notification = try await self.compose(group, occurrences: occurrences)
            let receipt = try await transport.deliver(notification)
            let now = clock.now()
            await outcomes.delivered(OutboxStore.Delivery(ids: group.ids, key: group.key, at: now, months: group.partitionMonths))
            Counter(label: "dixian_notify_sent_total", dimensions: dimensions).increment(by: group.messages.count)
            let latency = Timer(label: "dixian_notify_delivery_latency_seconds", dimensions: dimensions)
            for message in group.messages {
                latency.recordSeconds(max(0, now.timeIntervalSince(message.retryAt ?? message.sendAt)))
            }
            logger.debug(
                "提醒已发送 (delivered)",
                metadata: ["channel": "\(channel.name)", "key": "\(group.key)", "messages": "\(group.messages.count)",
                           "reply": "\(receipt.transcript.last ?? "")"])
        } catch let failure as DeliveryFailure {
            await self.record(failure, for: group)
        } catch let error as StoreError {
            logger.warning(
                "发送结果未能记录, 将在认领过期后重试 (outcome not recorded; retried when the claim ends)",
                metadata: ["channel": "\(channel.name)", "key": "\(group.key)", "error": "\(error)"])
        } catch {
            await self.record(DeliveryFailure(.transient, "\(error)"), for: group)
        }
    }

    /// Reads what the group's message needs (its occurrences, the directory, the compiled templates) and
    /// lets the pure composer write it.
    private func compose(_ group: OutboxGroup, occurrences prefetched: NotificationComposer.Occurrences?) async throws -> DixianNotify.Notification {
        let now = clock.now()
        let running = composition.running()
        let snapshot = try await composition.directory.current()
        let ids = Array(Set(group.messages.compactMap(\.occurrenceID)))
        let occurrences: NotificationComposer.Occurrences
        if group.isNotice {
            occurrences = [:]
        } else if let prefetched, ids.allSatisfy({ prefetched[$0] != nil }) {
            // The composer looks its occurrences up by id: the round's dictionary serves every group as it is.
            occurrences = prefetched
        } else {
            // Every month: an occurrence the round's pruned lookup missed is still found.
            occurrences = try await composition.schedule.messageOccurrences(ids: ids, now: now)
        }
        let composer = NotificationComposer(
            plugins: running.plugins, renderer: try await composition.renderers.renderer(for: running.plugins),
            office: running.configuration.office.facts, links: composition.links, timeZone: running.configuration.zone)
        return try composer.compose(group, carriesEmail: channel.carriesEmail, occurrences: occurrences, directory: snapshot, now: now)
    }

    private func record(_ failure: DeliveryFailure, for group: OutboxGroup) async {
        let now = clock.now()
        let dimensions = [("channel", channel.name)]
        Counter(label: "dixian_notify_failed_total", dimensions: dimensions + [("kind", failure.kind.rawValue)]).increment()
        let metadata: Logger.Metadata = [
            "channel": "\(channel.name)", "key": "\(group.key)", "messages": "\(group.messages.count)",
            "attempt": "\(group.attempt)", "reason": "\(failure.reason)",
        ]
        do {
            switch DeliveryDecision.after(failure, group: group, policy: policy, now: now, unitRandom: Double.random(in: 0..<1)) {
            case .disableChannel(let reason):
                try await outbox.disableChannel(
                    group.channel, reason: reason, at: now, returning: group.ids, months: group.partitionMonths)
                logger.error(
                    "接收端已不存在 (410), 渠道已停用; 修复后用 dixian outbox retry 恢复 (endpoint gone: channel disabled)",
                    metadata: metadata)
            case .retry(let delay):
                try await outbox.markRetry(
                    ids: group.ids, months: group.partitionMonths, at: now.addingTimeInterval(delay), error: failure.description)
                logger.warning(
                    "发送失败, 稍后重试 (delivery failed, will retry)",
                    metadata: metadata.merging(["retry_in_s": "\(Int(delay.rounded(.up)))"]) { $1 })
            case .deadLetter(let reason):
                try await self.deadLetter(group, reason: reason, at: now, metadata: metadata)
            }
        } catch {
            logger.warning(
                "发送结果未能记录, 将在认领过期后重试 (outcome not recorded; retried when the claim ends)",
                metadata: metadata.merging(["error": "\(StoreError.explain(error))"]) { $1 })
        }
    }

    private func deadLetter(_ group: OutboxGroup, reason: String, at now: Date, metadata: Logger.Metadata) async throws {
        let role = settings.deadLetterRole
        let notice = DeadLetterNotice.forGroup(
            group, role: role, channel: ChannelName(settings.deadLetterChannel), plugins: composition.running().plugins,
            directory: try await composition.directory.current().index)
        let notices = try await outbox.markDead(
            ids: group.ids, months: group.partitionMonths, error: reason, at: now, notice: notice)
        Counter(label: "dixian_notify_dead_total", dimensions: [("channel", channel.name)]).increment(by: group.messages.count)
        let told = notices > 0 || group.isNotice
        logger.error(
            told
                ? "发送最终失败, 已转入死信并通知县级办公室 (dead-lettered; county office told)"
                : "发送最终失败, 已转入死信; 无人担任 \(role), 无法通知 (dead-lettered; nobody holds the role to tell)",
            metadata: metadata.merging(["dead_reason": "\(reason)", "notices": "\(notices)"]) { $1 })
    }

    /// The occurrences of a round's groups in one query, searched in the groups' months only; nil when it fails
    /// (each group then reads its own).
    func occurrences(of groups: [OutboxGroup]) async -> NotificationComposer.Occurrences? {
        let planned = groups.filter { !$0.isNotice }
        let ids = Array(Set(planned.flatMap { $0.messages.compactMap(\.occurrenceID) }))
        guard !ids.isEmpty else { return [:] }
        let months = OutboxGroup.partitionMonths(joining: planned.map(\.partitionMonths))
        return try? await composition.schedule.messageOccurrences(ids: ids, months: months, now: clock.now())
    }

    /// The retry policy from `notify:`.
    var policy: RetryPolicy {
        RetryPolicy(
            initialDelay: settings.retryInitial.timeInterval, maximumDelay: settings.retryMaxDelay.timeInterval,
            maximumAttempts: settings.maxAttempts, maximumAge: settings.maxAge.timeInterval)
    }
}
