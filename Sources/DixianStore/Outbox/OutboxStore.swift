import DixianCore
import DixianDispatch
import Foundation
import Logging
import PostgresNIO

/// The outbox (发件箱) in PostgreSQL, seen from the side that sends: claims due messages so that any
/// number of workers on any number of replicas never take the same row, and records the outcome.
public struct OutboxStore: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    static let columns = """
        id, key, occurrence_id, kind, step, recipient_id, role_id, channel, send_at, status, catch_up, attempts,
        retry_at, last_error, digest_key, delivered_as, sent_at, payload::text AS payload,
        partition_month::text AS partition_month
        """

    /// Catch-up after downtime: the due pending messages of `channel` that share an occurrence and
    /// recipient with another one are read, ``CatchUp`` decides which are superseded, and those are marked.
    /// One pass with a window count, not a join of the due rows with their groups: just after a large commit the
    /// statistics still describe the small table, and the join became a nested loop over an index per recipient
    /// (100,000 due rows for one recipient ran for over ten minutes).
    static func supersedeMissed(now: Date, channel: ChannelName, _ connection: PostgresConnection, logger: Logger) async throws {
        let rows = try await connection.query(
            """
            SELECT id, occurrence_id, recipient_id, send_at FROM (
                SELECT id, occurrence_id, recipient_id, send_at,
                       count(*) OVER (PARTITION BY occurrence_id, recipient_id) AS missed
                  FROM outbox
                 WHERE status = 'pending' AND send_at <= \(now) AND channel = \(channel.rawValue)
                   AND occurrence_id IS NOT NULL AND recipient_id IS NOT NULL) x
             WHERE x.missed > 1
            """,
            logger: logger)
        var candidates: [CatchUp.Candidate] = []
        for try await (id, occurrenceID, recipientID, sendAt) in rows.decode((Int64, Int64, String, Date).self) {
            candidates.append(CatchUp.Candidate(id: id, occurrenceID: occurrenceID, recipientID: recipientID, sendAt: sendAt))
        }
        let superseded = CatchUp.superseded(candidates)
        guard !superseded.isEmpty else { return }
        try await connection.query(
            """
            UPDATE outbox SET status = 'superseded', updated_at = now()
             WHERE id = ANY(\(superseded)::bigint[]) AND status = 'pending'
            """,
            logger: logger)
    }

    /// Messages of one occurrence, in send order (for `dixian duty show` and tests).
    public func messages(occurrenceID: Int64) async throws -> [OutboxMessage] {
        try await self.client.withStoreConnection(failing: .outboxFailed, "发件箱读取失败 (outbox query failed)") { connection in
            let rows = try await connection.query(
                "SELECT \(unescaped: Self.columns) FROM outbox WHERE occurrence_id = \(occurrenceID) ORDER BY send_at, key",
                logger: self.logger)
            return try await Self.decode(rows)
        }
    }

    /// Messages planned to go out in `[from, to)`, in send order, optionally only for one recipient.
    public func messages(from: Date, to: Date, recipientID: String? = nil) async throws -> [OutboxMessage] {
        try await self.client.withStoreConnection(failing: .outboxFailed, "发件箱读取失败 (outbox query failed)") { connection in
            let rows = try await connection.query(
                """
                SELECT \(unescaped: Self.columns) FROM outbox
                 WHERE send_at >= \(from) AND send_at < \(to)
                   AND (\(recipientID)::text IS NULL OR recipient_id = \(recipientID))
                 ORDER BY send_at, key
                """,
                logger: self.logger)
            return try await Self.decode(rows)
        }
    }

    static func decode(_ rows: PostgresRowSequence) async throws -> [OutboxMessage] {
        var messages: [OutboxMessage] = []
        for try await row in rows { messages.append(try decodeMessage(row)) }
        return messages
    }

    /// One row of ``columns``.
    static func decodeMessage(_ row: PostgresRow) throws -> OutboxMessage {
        let r = row.makeRandomAccess()
        return OutboxMessage(
            id: try r["id"].decode(Int64.self), key: try r["key"].decode(String.self),
            occurrenceID: try r["occurrence_id"].decode(Int64?.self),
            kind: try decodeEnum(OutboxKind.self, r["kind"].decode(String.self), column: "kind"),
            step: try r["step"].decode(String?.self), recipientID: try r["recipient_id"].decode(String?.self),
            roleID: try r["role_id"].decode(String?.self), channel: ChannelName(try r["channel"].decode(String.self)),
            sendAt: try r["send_at"].decode(Date.self),
            status: try decodeEnum(OutboxStatus.self, r["status"].decode(String.self), column: "status"),
            isCatchUp: try r["catch_up"].decode(Bool.self), attempts: Int(try r["attempts"].decode(Int32.self)),
            retryAt: try r["retry_at"].decode(Date?.self), lastError: try r["last_error"].decode(String?.self),
            digestKey: try r["digest_key"].decode(String?.self), deliveredAs: try r["delivered_as"].decode(String?.self),
            sentAt: try r["sent_at"].decode(Date?.self), payload: try r["payload"].decode(String.self),
            partitionMonth: CalendarDate(parsing: try r["partition_month"].decode(String.self)))
    }

    /// A text column as its enum; a value this version does not know is an error, never a guess.
    static func decodeEnum<Value: RawRepresentable>(_ type: Value.Type, _ text: String, column: String) throws -> Value
    where Value.RawValue == String {
        guard let value = Value(rawValue: text) else {
            throw StoreError(.outboxFailed, "发件箱中有未知的取值 (unknown value in the outbox)", context: ["column": column, "value": text])
        }
        return value
    }
}

extension StoreError.Code {
    /// An outbox query or update failed in PostgreSQL.
    public static let outboxFailed = StoreError.Code(description: "outbox_failed")
}
