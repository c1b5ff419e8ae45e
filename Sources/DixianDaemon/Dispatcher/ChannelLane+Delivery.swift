import DixianNotify
import DixianStore
import Foundation
import Logging
import Metrics

extension ChannelLane {
    /// Sends one group and records what happened. Never throws: every outcome is written to the outbox
    /// (sent, waiting to retry, dead), and a database failure leaves the claim to expire and be retried.
    func deliver(_ group: OutboxGroup) async {
        let dimensions = [("channel", channel.name)]
        do {
            let notification = try await composer.compose(group, channel: channel, now: clock.now())
            let receipt = try await transport.deliver(notification)
            let now = clock.now()
            try await outbox.markDelivered(ids: group.ids, deliveredAs: group.key, at: now)
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

    private func record(_ failure: DeliveryFailure, for group: OutboxGroup) async {
        let now = clock.now()
        let dimensions = [("channel", channel.name)]
        Counter(label: "dixian_notify_failed_total", dimensions: dimensions + [("kind", failure.kind.rawValue)]).increment()
        let metadata: Logger.Metadata = [
            "channel": "\(channel.name)", "key": "\(group.key)", "messages": "\(group.messages.count)",
            "attempt": "\(group.messages.map(\.attempts).max() ?? 1)", "reason": "\(failure.reason)",
        ]
        do {
            if failure.kind == .endpointGone {
                try await outbox.disableChannel(channel.name, reason: failure.reason, at: now, returning: group.ids)
                logger.error(
                    "接收端已不存在 (410), 渠道已停用; 修复后用 dixian outbox retry 恢复 (endpoint gone: channel disabled)",
                    metadata: metadata)
                return
            }
            let oldest = group.messages.map(\.sendAt).min() ?? now
            let decision = self.policy.decide(
                after: failure, attempt: group.messages.map(\.attempts).max() ?? 1, age: now.timeIntervalSince(oldest),
                unitRandom: Double.random(in: 0..<1))
            switch decision {
            case .retry(let delay):
                try await outbox.markRetry(ids: group.ids, at: now.addingTimeInterval(delay), error: failure.description)
                logger.warning(
                    "发送失败, 稍后重试 (delivery failed, will retry)",
                    metadata: metadata.merging(["retry_in_s": "\(Int(delay.rounded(.up)))"]) { $1 })
            case .deadLetter(let reason):
                let notice = DeadLetterNotice(role: settings.deadLetterRole, channel: settings.deadLetterChannel)
                let notices = try await outbox.markDead(ids: group.ids, error: reason, at: now, notice: notice)
                Counter(label: "dixian_notify_dead_total", dimensions: dimensions).increment(by: group.messages.count)
                let told = notices > 0 || group.messages.allSatisfy { $0.kind == "notice" }
                logger.error(
                    told
                        ? "发送最终失败, 已转入死信并通知县级办公室 (dead-lettered; county office told)"
                        : "发送最终失败, 已转入死信; 无人担任 \(notice.role), 无法通知 (dead-lettered; nobody holds the role to tell)",
                    metadata: metadata.merging(["dead_reason": "\(reason)", "notices": "\(notices)"]) { $1 })
            }
        } catch {
            logger.warning(
                "发送结果未能记录, 将在认领过期后重试 (outcome not recorded; retried when the claim ends)",
                metadata: metadata.merging(["error": "\(StoreError.explain(error))"]) { $1 })
        }
    }

    /// The retry policy from `notify:`.
    var policy: RetryPolicy {
        RetryPolicy(
            initialDelay: settings.retryInitial.timeInterval, maximumDelay: settings.retryMaxDelay.timeInterval,
            maximumAttempts: settings.maxAttempts, maximumAge: settings.maxAge.timeInterval)
    }
}
