import DixianCore
import DixianDispatch
import Foundation
import Logging
import PostgresNIO

extension OutboxStore {
    /// Records that the group's messages were delivered as `deliveredAs` (their own key or the digest's).
    public func markDelivered(ids: [Int64], deliveredAs: String, at instant: Date) async throws {
        try await markDelivered([Delivery(ids: ids, key: deliveredAs, at: instant)])
    }

    /// One delivered group, for ``markDelivered(_:)``.
    public struct Delivery: Sendable {
        public var ids: [Int64]
        public var key: String
        public var at: Date
        /// The month partitions of the messages (``OutboxGroup/partitionMonths``); empty: unknown.
        public var months: [CalendarDate]

        public init(ids: [Int64], key: String, at: Date, months: [CalendarDate] = []) {
            (self.ids, self.key, self.at, self.months) = (ids, key, at, months)
        }
    }

    /// Records many delivered groups in one statement: a lane's round writes its outcomes together rather than one
    /// statement per message. The ids are also given as `id = ANY(…)`, so the rows are found through the primary
    /// key: joined only with the unnested list, a month just filled (its statistics still say empty) was scanned
    /// once per id, 738 ms for a statement of 320 digested rows at 20,000 pending.
    public func markDelivered(_ deliveries: [Delivery]) async throws {
        guard !deliveries.isEmpty else { return }
        var ids: [Int64] = [], keys: [String] = [], instants: [Double] = []
        let known = OutboxGroup.partitionMonths(joining: deliveries.map(\.months))
        for delivery in deliveries {
            for id in delivery.ids {
                ids.append(id)
                keys.append(delivery.key)
                instants.append(delivery.at.timeIntervalSince1970)
            }
        }
        try await self.client.withStoreConnection(failing: .outboxFailed, "发件箱更新失败 (outbox update failed)") { connection in
            let months = try await PartitionMonths.of(ids, known: known, connection, logger: self.logger)
            try await connection.query(
                """
                UPDATE outbox o SET status = 'sent', sent_at = to_timestamp(t.at), delivered_as = t.k, last_error = NULL,
                       locked_until = NULL, claimed_by = NULL, retry_at = NULL, updated_at = now()
                  FROM unnest(\(ids)::bigint[], \(keys)::text[], \(instants)::float8[]) AS t(id, k, at)
                 WHERE o.id = t.id AND o.id = ANY(\(ids)::bigint[]) AND o.status IN ('sending', 'pending')
                   AND o.partition_month = ANY(\(months.dates))
                """,
                logger: self.logger)
        }
    }

    /// Puts the messages back to wait until `retryAt`, keeping their digest.
    public func markRetry(ids: [Int64], months: [CalendarDate] = [], at retryAt: Date, error: String) async throws {
        try await self.client.withStoreConnection(failing: .outboxFailed, "发件箱更新失败 (outbox update failed)") { connection in
            let partitions = try await PartitionMonths.of(ids, known: months, connection, logger: self.logger)
            try await connection.query(
                """
                UPDATE outbox SET status = 'pending', retry_at = \(retryAt), last_error = \(error),
                       locked_until = NULL, claimed_by = NULL, updated_at = now()
                 WHERE id = ANY(\(ids)::bigint[]) AND status = 'sending'
                   AND partition_month = ANY(\(partitions.dates))
                """,
                logger: self.logger)
        }
    }

    /// Dead-letters the messages (死信) and, in the same transaction, queues one notice per dead message
    /// and recipient of `notice` (decided by ``DeadLetterNotice``): nothing fails silently. Returns how
    /// many notices were queued.
    @discardableResult
    public func markDead(
        ids: [Int64], months: [CalendarDate] = [], error: String, at instant: Date, notice: DeadLetterNotice?
    ) async throws -> Int {
        try await self.client.withStoreTransaction(
            failing: .outboxFailed, "发件箱更新失败 (outbox update failed)", logger: self.logger
        ) { connection in
            let partitions = try await PartitionMonths.of(ids, known: months, connection, logger: self.logger)
            let rows = try await connection.query(
                """
                UPDATE outbox SET status = 'dead', last_error = \(error), locked_until = NULL, claimed_by = NULL,
                       updated_at = now()
                 WHERE id = ANY(\(ids)::bigint[]) AND status = 'sending'
                   AND partition_month = ANY(\(partitions.dates))
                RETURNING id
                """,
                logger: self.logger)
            var dead: [Int64] = []
            for try await id in rows.decode(Int64.self) { dead.append(id) }
            guard let notice, !dead.isEmpty, !notice.recipientIDs.isEmpty else { return 0 }
            return try await Self.queueNotices(for: dead, notice: notice, at: instant, connection, logger: self.logger)
        }
    }

    private static func queueNotices(
        for dead: [Int64], notice: DeadLetterNotice, at instant: Date, _ connection: PostgresConnection, logger: Logger
    ) async throws -> Int {
        let rows = try await connection.query(
            """
            INSERT INTO outbox (key, occurrence_id, kind, step, recipient_id, role_id, channel, send_at, partition_month,
                                payload)
            SELECT 'notice/dead/' || d.key || '/' || f.id || '/' || \(notice.channel.rawValue),
                   d.occurrence_id, 'notice', 'dead', f.id, \(notice.role), \(notice.channel.rawValue), \(instant),
                   d.partition_month,
                   jsonb_build_object('dead_id', d.id, 'dead_key', d.key, 'dead_channel', d.channel,
                                      'dead_kind', d.kind, 'recipient_id', d.recipient_id, 'reason', d.last_error,
                                      'attempts', d.attempts)
              FROM outbox d CROSS JOIN unnest(\(notice.recipientIDs)::text[]) AS f(id)
             WHERE d.id = ANY(\(dead)::bigint[])
            ON CONFLICT (key, partition_month) DO NOTHING
            RETURNING id
            """,
            logger: logger)
        var count = 0
        for try await _ in rows { count += 1 }
        return count
    }

    /// Stops sending to a channel whose endpoint answered 410 Gone, and puts the messages back to wait.
    public func disableChannel(
        _ channel: ChannelName, reason: String, at instant: Date, returning ids: [Int64], months: [CalendarDate] = []
    ) async throws {
        try await self.client.withStoreTransaction(
            failing: .outboxFailed, "发件箱更新失败 (outbox update failed)", logger: self.logger
        ) { connection in
            try await connection.query(
                """
                INSERT INTO notify_disabled_channels (channel, disabled_at, reason) VALUES (\(channel.rawValue), \(instant), \(reason))
                ON CONFLICT (channel) DO UPDATE SET disabled_at = EXCLUDED.disabled_at, reason = EXCLUDED.reason
                """,
                logger: self.logger)
            let partitions = try await PartitionMonths.of(ids, known: months, connection, logger: self.logger)
            try await connection.query(
                """
                UPDATE outbox SET status = 'pending', last_error = \(reason), locked_until = NULL, claimed_by = NULL,
                       updated_at = now()
                 WHERE id = ANY(\(ids)::bigint[]) AND status = 'sending'
                   AND partition_month = ANY(\(partitions.dates))
                """,
                logger: self.logger)
        }
    }

    /// Channels disabled after a 410, with why.
    public func disabledChannels() async throws -> [ChannelName: String] {
        try await self.client.withStoreConnection(failing: .outboxFailed, "发件箱读取失败 (outbox query failed)") { connection in
            let rows = try await connection.query("SELECT channel, reason FROM notify_disabled_channels", logger: self.logger)
            var result: [ChannelName: String] = [:]
            for try await (channel, reason) in rows.decode((String, String).self) { result[ChannelName(channel)] = reason }
            return result
        }
    }
}
