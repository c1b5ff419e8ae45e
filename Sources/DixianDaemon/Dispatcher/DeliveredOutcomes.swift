import DixianStore
import Foundation
import Logging

/// A lane's delivered groups, written to the outbox together (``OutboxStore/markDelivered(_:)``): every
/// ``flushSize`` groups and whenever the lane runs out of work, instead of one statement per message.
///
/// A crash before a flush leaves those rows `sending` under a session that is gone; they are taken back and sent
/// again under the same key, which webhook receivers deduplicate and an email reader sees twice, as after any
/// crash between sending and recording. Hence a small batch: about one lane's concurrency (with 64 the kill -9
/// drain test counted 574 repeats for 5,000 keys after 20 kills; one statement per message gave 42).
actor DeliveredOutcomes {
    /// Groups written per statement during a drain.
    static let flushSize = 16

    let outbox: OutboxStore
    let channel: String
    let logger: Logger
    private var pending: [OutboxStore.Delivery] = []

    init(outbox: OutboxStore, channel: String, logger: Logger) {
        (self.outbox, self.channel, self.logger) = (outbox, channel, logger)
    }

    func delivered(_ delivery: OutboxStore.Delivery) async {
        pending.append(delivery)
        if pending.count >= Self.flushSize { await flush() }
    }

    /// Writes what is waiting; a failure is logged, and the rows' claim ends with the session as after a crash.
    func flush() async {
        let batch = pending
        pending = []
        guard !batch.isEmpty else { return }
        do {
            try await outbox.markDelivered(batch)
        } catch {
            logger.warning(
                "发送结果未能记录, 将在认领过期后重试 (outcome not recorded; retried when the claim ends)",
                metadata: ["channel": "\(channel)", "groups": "\(batch.count)", "error": "\(StoreError.explain(error))"])
        }
    }
}
