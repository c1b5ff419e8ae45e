import DixianCore
import Foundation
import Logging
import PostgresNIO

/// The weekly bulletins issued (每周通报) and their messages: a bulletin is recorded and queued in the outbox in
/// one transaction, once per ISO week.
public struct BulletinStore: Sendable {
    /// One message of a bulletin: to an official on an email channel, or once to a chat group (no recipient).
    public struct Message: Sendable, Hashable {
        public var recipientID: String?
        public var roleID: String?
        public var channel: ChannelName
        /// A ``DixianDispatch/PreparedNotice`` payload.
        public var payload: String

        public init(recipientID: String?, roleID: String?, channel: ChannelName, payload: String) {
            self.recipientID = recipientID
            self.roleID = roleID
            self.channel = channel
            self.payload = payload
        }

        /// `notice/bulletin/<week>/<official or "group">/<channel>`.
        func key(week: String) -> String { "notice/bulletin/\(week)/\(recipientID ?? "group")/\(channel.rawValue)" }
    }

    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Whether the bulletin of `week` (`2026-W31`) was issued.
    public func isIssued(week: String) async throws -> Bool {
        try await client.withStoreConnection(failing: .reportFailed, "通报查询失败 (bulletin query failed)") { connection in
            let rows = try await connection.query("SELECT 1 FROM bulletin_issues WHERE week = \(week)", logger: logger)
            for try await _ in rows { return true }
            return false
        }
    }

    /// Records the bulletin of `week` and queues its messages, due at once, each alone in its digest so it never
    /// merges with another notice. Returns false, changing nothing, when the week was issued already (by another
    /// leader in between).
    public func issue(week: String, messages: [Message], at instant: Date) async throws -> Bool {
        try await client.withStoreTransaction(failing: .reportFailed, "通报发布失败 (bulletin issue failed)", logger: logger) { connection in
            let claimed = try await connection.query(
                """
                INSERT INTO bulletin_issues (week, issued_at, messages) VALUES (\(week), \(instant), \(messages.count))
                ON CONFLICT (week) DO NOTHING RETURNING week
                """,
                logger: logger)
            var fresh = false
            for try await _ in claimed { fresh = true }
            guard fresh else { return false }
            let keys = messages.map { $0.key(week: week) }
            // Arrays of optionals do not bind: no recipient or role travels as '' and becomes NULL again.
            let recipients = messages.map { $0.recipientID ?? "" }, roles = messages.map { $0.roleID ?? "" }
            try await connection.query(
                """
                INSERT INTO outbox (key, kind, step, recipient_id, role_id, channel, send_at, digest_key, payload,
                                    partition_month)
                SELECT m.key, 'notice', 'bulletin', NULLIF(m.recipient, ''), NULLIF(m.role, ''), m.channel, \(instant), m.key,
                       m.payload::jsonb, send_month(\(instant))
                  FROM unnest(\(keys)::text[], \(recipients)::text[], \(roles)::text[],
                              \(messages.map(\.channel.rawValue))::text[], \(messages.map(\.payload))::text[])
                       AS m(key, recipient, role, channel, payload)
                ON CONFLICT (key, partition_month) DO NOTHING
                """,
                logger: logger)
            let details = String(decoding: try JSONSerialization.data(
                withJSONObject: ["week": week, "messages": messages.count], options: [.sortedKeys]), as: UTF8.self)
            try await connection.query(
                """
                INSERT INTO audit_log (at, actor, channel, action, details)
                VALUES (\(instant), 'scheduler', 'scheduler', 'bulletin_issued', \(details)::jsonb)
                """,
                logger: logger)
            return true
        }
    }
}
