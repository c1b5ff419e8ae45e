import DixianCore
import DixianDispatch
import Foundation
import Logging
import PostgresNIO

extension OutboxStore {
    /// The SQL form of a session's identity: backend pid and start time, so a reused pid is a different session.
    static let sessionIdentitySQL = "a.pid::text || '@' || extract(epoch FROM a.backend_start)::text"

    /// The identity of the session `connection` is, as claims record it in `claimed_by`. Claims of a
    /// session that is gone (its dispatcher was killed) can be taken over at once.
    public static func sessionIdentity(_ connection: PostgresConnection, logger: Logger) async throws -> String {
        let rows = try await connection.query(
            "SELECT \(unescaped: sessionIdentitySQL) FROM pg_stat_activity a WHERE a.pid = pg_backend_pid()", logger: logger)
        for try await identity in rows.decode(String.self) { return identity }
        throw StoreError(.outboxFailed, "无法确定数据库会话 (cannot identify the database session)")
    }

    /// Fails when `connection` no longer answers: the dispatcher's LISTEN connection is checked each sweep,
    /// since a connection whose server restarted can otherwise wait forever.
    public static func checkAlive(_ connection: PostgresConnection, logger: Logger) async throws {
        let rows = try await connection.query("SELECT 1", logger: logger)
        for try await _ in rows {}
    }

    /// Gives messages stuck in `sending` back to `pending` when their claim is over: the lease ended or
    /// the claiming session is gone. They keep their digest, so they go out under the same key.
    @discardableResult
    public func reclaimAbandoned(now: Date) async throws -> Int {
        try await self.client.withStoreConnection(failing: .outboxFailed, "发件箱回收失败 (outbox reclaim failed)") { connection in
            let rows = try await connection.query(
                """
                UPDATE outbox o SET status = 'pending', locked_until = NULL, claimed_by = NULL, updated_at = now()
                 WHERE o.status = 'sending'
                   AND (o.locked_until IS NULL OR o.locked_until < \(now)
                        OR NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE \(unescaped: Self.sessionIdentitySQL) = o.claimed_by))
                RETURNING o.id
                """,
                logger: self.logger)
            var count = 0
            for try await _ in rows { count += 1 }
            return count
        }
    }

    /// Claims the channel's due messages, with the messages of the same digests planned within the
    /// window, and groups them (``OutboxGrouping``). Rows other dispatchers hold are skipped, so any
    /// number of dispatchers on any number of replicas never hold one row at once.
    public func claim(_ request: OutboxClaimRequest) async throws -> [OutboxGroup] {
        let now = request.now
        let threshold = now.addingTimeInterval(-CatchUp.threshold)
        let lockedUntil = now.addingTimeInterval(request.lease)
        // A companion lookup reads at most what a claim could take plus the due rows it skips.
        let reach = request.companionLimit == 0 ? 0 : request.companionLimit + request.limit
        return try await self.client.withStoreTransaction(
            failing: .outboxFailed, "发件箱读取失败 (outbox claim failed)", logger: self.logger
        ) { connection in
            if request.decidesCatchUp {
                try await Self.supersedeMissed(now: now, channel: request.channel, connection, logger: self.logger)
            }
            // First the rows to take, locked and read whole; then one update that marks them and fixes their digests,
            // for their months only (an UPDATE of the outbox is otherwise planned for every month of it, 15 ms a claim
            // at 21 months).
            let taken = try await Self.withClaimPlanning(connection, logger: self.logger) {
                try await Self.lockDue(request, reach: reach, connection, logger: self.logger)
            }
            guard !taken.isEmpty else { return [] }
            let groups = OutboxGrouping.groups(
                taken, allRecipients: request.groupsAllRecipients, maxItems: request.itemsPerMessage)
            return try await Self.markSending(
                groups, threshold: threshold, lockedUntil: lockedUntil, claimer: request.claimer, connection,
                logger: self.logger)
        }
    }

    /// When the channel's next pending message is due (first attempt or retry), if any.
    public func nextDue(channel: ChannelName) async throws -> Date? {
        try await self.client.withStoreConnection(failing: .outboxFailed, "发件箱读取失败 (outbox query failed)") { connection in
            let rows = try await connection.query(
                """
                SELECT min(greatest(send_at, coalesce(retry_at, send_at))) FROM outbox
                 WHERE status = 'pending' AND channel = \(channel.rawValue)
                """,
                logger: self.logger)
            for try await value in rows.decode(Date?.self) { return value }
            return nil
        }
    }
}
