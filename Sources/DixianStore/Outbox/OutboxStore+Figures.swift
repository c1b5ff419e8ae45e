import DixianCore
import Foundation
import PostgresNIO

extension OutboxStore {
    /// What an operator watches per channel (发件箱概况): how much is due, how long the oldest undelivered message
    /// has waited, how many dead letters wait for someone, and whether the channel was disabled by a 410.
    public struct ChannelFigures: Sendable, Hashable {
        /// Messages due and waiting, or being sent.
        public var due = 0
        /// When the oldest of them was due; nil when none is.
        public var oldestDue: Date?
        /// Dead letters (死信) nobody retried yet.
        public var deadLetters = 0
        public var isDisabled = false

        public init() {}

        /// Seconds the oldest undelivered message has waited at `now`; 0 when none waits.
        public func oldestAge(at now: Date) -> TimeInterval {
            oldestDue.map { max(0, now.timeIntervalSince($0)) } ?? 0
        }
    }

    /// The figures of every channel that has any, in one statement over the pending, sending and dead rows' partial
    /// indexes. Each status is its own arm of the OR, so each matches its index (a bitmap OR); `status IN (…)`
    /// matches none and scans the whole outbox on every sweep.
    public func channelFigures(now: Date) async throws -> [ChannelName: ChannelFigures] {
        try await self.client.withStoreConnection(failing: .outboxFailed, "发件箱读取失败 (outbox query failed)") { connection in
            var figures: [ChannelName: ChannelFigures] = [:]
            let rows = try await connection.query(
                """
                SELECT channel, count(*) FILTER (WHERE status <> 'dead')::bigint,
                       min(send_at) FILTER (WHERE status <> 'dead'), count(*) FILTER (WHERE status = 'dead')::bigint
                  FROM outbox
                 WHERE (status = 'pending' AND send_at <= \(now)) OR status = 'sending' OR status = 'dead'
                 GROUP BY channel
                """,
                logger: self.logger)
            for try await (channel, due, oldest, dead) in rows.decode((String, Int64, Date?, Int64).self) {
                figures[ChannelName(channel), default: ChannelFigures()].due = Int(due)
                figures[ChannelName(channel)]?.oldestDue = oldest
                figures[ChannelName(channel)]?.deadLetters = Int(dead)
            }
            for try await channel in try await connection.query("SELECT channel FROM notify_disabled_channels", logger: self.logger)
                .decode(String.self)
            {
                figures[ChannelName(channel), default: ChannelFigures()].isDisabled = true
            }
            return figures
        }
    }
}
