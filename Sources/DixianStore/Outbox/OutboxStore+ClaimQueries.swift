import DixianDispatch
import Foundation
import Logging
import PostgresNIO

/// The two ways a claim finds its rows: the due messages alone, or with their digest companions. Each returns
/// the rows it locked (`FOR UPDATE SKIP LOCKED`), whole, for ``OutboxStore/claim(_:)`` to group and mark.
extension OutboxStore {
    /// The channel's due messages, oldest first: what a claim takes when digests are off.
    package static func dueQuery(_ request: OutboxClaimRequest) -> PostgresQuery {
        let (now, channel) = (request.now, request.channel.rawValue)
        return """
            SELECT \(unescaped: columns) FROM outbox
             WHERE status = 'pending' AND channel = \(channel) AND send_at <= \(now)
               AND (retry_at IS NULL OR retry_at <= \(now))
               AND NOT EXISTS (SELECT 1 FROM notify_disabled_channels d WHERE d.channel = \(channel))
             ORDER BY send_at, id LIMIT \(request.limit)
             FOR UPDATE SKIP LOCKED
            """
    }

    /// The due messages and the messages that go out in the same digests: of the same digest key, or for the same
    /// recipient within the digest window. Companions are looked up per digest and per recipient through indexes
    /// (0013), each lookup reading at most `reach` rows: a claim's cost does not grow with the backlog.
    ///
    /// The candidates are then locked one by one through the primary key, by id and month, never by joining them
    /// with the pending rows: with the statistics of a month just filled, PostgreSQL drove that join from every
    /// pending row of the channel (133 ms a claim at 100,000 pending, 401 ms with sorts off, 26 ms by key). The
    /// status test is written `(status = 'pending') IS TRUE` so that the partial pending indexes, which cannot be
    /// probed by id, are not chosen for it. A candidate beyond the companion limit stays locked, unmarked, until the
    /// claim commits.
    package static func dueWithCompanionsQuery(_ request: OutboxClaimRequest, reach: Int) -> PostgresQuery {
        let (now, channel, all) = (request.now, request.channel.rawValue, request.groupsAllRecipients)
        let horizon = now.addingTimeInterval(request.digestWindow)
        return """
            WITH due AS (
                SELECT \(unescaped: columns) FROM outbox
                 WHERE status = 'pending' AND channel = \(channel) AND send_at <= \(now)
                   AND (retry_at IS NULL OR retry_at <= \(now))
                   AND NOT EXISTS (SELECT 1 FROM notify_disabled_channels d WHERE d.channel = \(channel))
                 ORDER BY send_at, id LIMIT \(request.limit)
                 FOR UPDATE SKIP LOCKED),
            recipients AS (
                SELECT DISTINCT recipient_id, kind = 'notice' AS notice FROM due),
            candidates AS (
                SELECT c.id, c.partition_month FROM due JOIN outbox c ON c.digest_key = due.digest_key
                 WHERE due.digest_key IS NOT NULL AND c.status = 'pending' AND c.digest_key IS NOT NULL
                UNION ALL
                SELECT c.id, c.partition_month FROM recipients r CROSS JOIN LATERAL (
                    SELECT c.id, c.partition_month FROM outbox c
                     WHERE NOT \(all) AND c.channel = \(channel) AND c.recipient_id = r.recipient_id
                       AND c.status = 'pending' AND c.digest_key IS NULL AND c.send_at <= \(horizon)
                       AND (c.kind = 'notice') = r.notice
                     ORDER BY c.send_at LIMIT \(reach)) c
                UNION ALL
                (SELECT c.id, c.partition_month FROM outbox c
                  WHERE \(all) AND c.channel = \(channel) AND c.status = 'pending' AND c.digest_key IS NULL
                    AND c.send_at <= \(horizon) AND (c.kind = 'notice') IN (SELECT notice FROM recipients)
                  ORDER BY c.send_at, c.id LIMIT \(reach))),
            companions AS (
                SELECT o.* FROM (SELECT DISTINCT id, partition_month FROM candidates) k CROSS JOIN LATERAL (
                    SELECT \(unescaped: columns) FROM outbox o
                     WHERE o.id = k.id AND o.partition_month = k.partition_month
                       AND (o.status = 'pending') IS TRUE AND o.channel = \(channel) AND o.id NOT IN (SELECT id FROM due)
                       AND o.send_at <= \(horizon) AND (o.retry_at IS NULL OR o.retry_at <= \(horizon))
                     FOR UPDATE SKIP LOCKED) o
                 ORDER BY o.send_at, o.id LIMIT \(request.companionLimit))
            SELECT * FROM due
            UNION ALL
            SELECT * FROM companions
            """
    }
}

extension OutboxStore {
    /// Runs `body` with the claim's planner settings, in the claim's transaction only.
    ///
    /// Sorts disfavoured: the due rows come in `(send_at, id)` order from each month's index, merged (Merge
    /// Append), and the claim stops after its batch. Just after a large commit the month's statistics still say it
    /// is nearly empty, and PostgreSQL then read every due row of every month and sorted them to take the first
    /// 200: with 40,000 due, 11,600 rows read per claim, and the drain slowed as the backlog grew. Disfavouring sorts
    /// leaves it the index order, whatever the statistics say; sorts it cannot avoid still run.
    ///
    /// Generic plans for the prepared claim statements (``DueStatement``), from their first run on: a plan for the
    /// values at hand would prune no month and only cost the planning again.
    package static func withClaimPlanning<Result>(
        _ connection: PostgresConnection, logger: Logger, _ body: () async throws -> Result
    ) async throws -> Result {
        try await connection.query(
            "SELECT set_config('enable_sort', 'off', true), set_config('plan_cache_mode', 'force_generic_plan', true)",
            logger: logger)
        let result = try await body()
        try await connection.query(
            "SELECT set_config('enable_sort', 'on', true), set_config('plan_cache_mode', 'auto', true)", logger: logger)
        return result
    }
}
