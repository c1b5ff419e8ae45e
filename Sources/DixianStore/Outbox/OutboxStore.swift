import Foundation
import Logging
import PostgresNIO

/// The outbox (发件箱) in PostgreSQL, seen from the side that sends: claims due messages so that any
/// number of workers on any number of replicas never take the same row, and records the outcome.
public struct OutboxStore: Sendable {
    /// A message sent later than this after its planned instant counts as a catch-up (补发).
    public static let catchUpThreshold: TimeInterval = 15 * 60

    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    static let columns = """
        id, key, occurrence_id, kind, step, recipient_id, role_id, channel, send_at, status, catch_up, attempts,
        retry_at, last_error, digest_key, delivered_as, sent_at, payload::text AS payload
        """

    /// Catch-up after downtime (DESIGN.md principle 4): of several due first attempts of one occurrence
    /// for one recipient on `channel`, all but the latest become `superseded`, so only the latest is
    /// claimed. Messages already sent are never claimed again.
    static func supersedeMissed(now: Date, channel: String, _ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            UPDATE outbox x SET status = 'superseded', updated_at = now()
             WHERE x.status = 'pending' AND x.send_at <= \(now) AND x.occurrence_id IS NOT NULL
               AND x.channel = \(channel)
               AND EXISTS (SELECT 1 FROM outbox y
                            WHERE y.occurrence_id = x.occurrence_id AND y.recipient_id = x.recipient_id
                              AND y.channel = x.channel AND y.status = 'pending' AND y.send_at <= \(now)
                              AND (y.send_at, y.id) > (x.send_at, x.id))
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
        for try await row in rows {
            let r = row.makeRandomAccess()
            messages.append(
                OutboxMessage(
                    id: try r["id"].decode(Int64.self), key: try r["key"].decode(String.self),
                    occurrenceID: try r["occurrence_id"].decode(Int64?.self), kind: try r["kind"].decode(String.self),
                    step: try r["step"].decode(String?.self), recipientID: try r["recipient_id"].decode(String?.self),
                    roleID: try r["role_id"].decode(String?.self), channel: try r["channel"].decode(String.self),
                    sendAt: try r["send_at"].decode(Date.self), status: try r["status"].decode(String.self),
                    isCatchUp: try r["catch_up"].decode(Bool.self), attempts: Int(try r["attempts"].decode(Int32.self)),
                    retryAt: try r["retry_at"].decode(Date?.self), lastError: try r["last_error"].decode(String?.self),
                    digestKey: try r["digest_key"].decode(String?.self), deliveredAs: try r["delivered_as"].decode(String?.self),
                    sentAt: try r["sent_at"].decode(Date?.self), payload: try r["payload"].decode(String.self)))
        }
        return messages
    }
}

extension StoreError.Code {
    /// An outbox query or update failed in PostgreSQL.
    public static let outboxFailed = StoreError.Code(description: "outbox_failed")
}
