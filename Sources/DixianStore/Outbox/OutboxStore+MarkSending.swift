import DixianCore
import DixianDispatch
import Foundation
import Logging
import PostgresNIO

extension OutboxStore {
    /// Marks the claimed rows of `groups` as being sent by `claimer` and writes each group's key into the
    /// rows that had none, in one statement; returns the groups as the rows now are.
    ///
    /// The digest key fixes the grouping for retries and crashes: a row that went out as part of a digest
    /// goes out again under that digest's key, never under a new one. Marking and keying were two updates of
    /// every claimed row before (4 ms each per claim of 200); each update of a row is a new row version and a new
    /// entry in every index of the outbox.
    static func markSending(
        _ groups: [OutboxGroup], threshold: Date, lockedUntil: Date, claimer: String, _ connection: PostgresConnection,
        logger: Logger
    ) async throws -> [OutboxGroup] {
        var ids: [Int64] = []
        var keys: [String] = []
        for group in groups {
            for message in group.messages {
                ids.append(message.id)
                keys.append(message.digestKey ?? group.key)
            }
        }
        let months = try await PartitionMonths.of(
            ids, known: OutboxGroup.partitionMonths(joining: groups.map(\.partitionMonths)), connection, logger: logger)
        let rows = try await connection.query(
            """
            UPDATE outbox o SET status = 'sending', attempts = o.attempts + 1, catch_up = o.send_at < \(threshold),
                   locked_until = \(lockedUntil), claimed_by = \(claimer), updated_at = now(), digest_key = t.k
              FROM unnest(\(ids)::int8[], \(keys)::text[]) AS t(id, k)
             WHERE o.id = t.id AND o.id = ANY(\(ids)::int8[]) AND o.partition_month = ANY(\(months.dates))
            RETURNING o.id, o.attempts, o.catch_up
            """,
            logger: logger)
        var marked: [Int64: (attempts: Int, isCatchUp: Bool)] = [:]
        for try await (id, attempts, isCatchUp) in rows.decode((Int64, Int, Bool).self) {
            marked[id] = (attempts, isCatchUp)
        }
        guard marked.count == ids.count else {
            // The rows were locked by this transaction, so every one is updated; anything else is a bug to stop at.
            throw StoreError(
                .outboxFailed, "认领的消息未能全部标记 (not every claimed message could be marked)",
                context: ["claimed": "\(ids.count)", "marked": "\(marked.count)"])
        }
        return groups.map { group in
            var group = group
            group.messages = group.messages.map { message in
                var message = message
                message.status = .sending
                if let row = marked[message.id] { (message.attempts, message.isCatchUp) = row }
                message.digestKey = message.digestKey ?? group.key
                return message
            }
            return group
        }
    }
}
