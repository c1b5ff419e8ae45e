import DixianCore
import DixianDispatch
import Foundation
import Logging
import PostgresNIO

/// Which outbox messages `dixian outbox list` shows.
public struct OutboxFilter: Sendable, Hashable {
    public var status: OutboxStatus?
    public var channel: ChannelName?
    public var limit: Int

    public init(status: OutboxStatus? = nil, channel: ChannelName? = nil, limit: Int = 50) {
        self.status = status
        self.channel = channel
        self.limit = limit
    }
}

extension OutboxStore {
    /// Messages matching `filter`, most recently changed first.
    public func list(_ filter: OutboxFilter) async throws -> [OutboxMessage] {
        try await self.client.withStoreConnection(failing: .outboxFailed, "发件箱读取失败 (outbox query failed)") { connection in
            let rows = try await connection.query(
                """
                SELECT \(unescaped: Self.columns) FROM outbox
                 WHERE (\(filter.status?.rawValue)::text IS NULL OR status = \(filter.status?.rawValue))
                   AND (\(filter.channel?.rawValue)::text IS NULL OR channel = \(filter.channel?.rawValue))
                 ORDER BY updated_at DESC, id DESC LIMIT \(filter.limit)
                """,
                logger: self.logger)
            return try await Self.decode(rows)
        }
    }

    /// One message by id, nil when there is none.
    public func message(id: Int64) async throws -> OutboxMessage? {
        try await self.client.withStoreConnection(failing: .outboxFailed, "发件箱读取失败 (outbox query failed)") { connection in
            let rows = try await connection.query("SELECT \(unescaped: Self.columns) FROM outbox WHERE id = \(id)", logger: self.logger)
            return try await Self.decode(rows).first
        }
    }

    /// Sends a dead, failed or waiting message again now, with a fresh count of attempts, and re-enables
    /// its channel if a 410 had disabled it. `channel` is where the operator asked (`cli`, `console`), for the
    /// audit log; `allowed` narrows the statuses it acts on (the console retries dead letters only). Returns the message after the change, nil when there is none;
    /// throws when its status does not allow it (sent, sending, cancelled…).
    public func retry(
        id: Int64, actor: String, channel: String = "cli", at instant: Date, from allowed: Set<OutboxStatus> = [.dead, .failed, .pending]
    ) async throws -> OutboxMessage? {
        try await self.change(id: id, action: "outbox_retry", actor: actor, channel: channel, at: instant, allowed: allowed) { connection in
            try await connection.query(
                """
                UPDATE outbox SET status = 'pending', retry_at = NULL, attempts = 0, last_error = NULL, updated_at = now()
                 WHERE id = \(id)
                RETURNING channel
                """,
                logger: self.logger)
            try await connection.query(
                "DELETE FROM notify_disabled_channels WHERE channel = (SELECT channel FROM outbox WHERE id = \(id))",
                logger: self.logger)
            try await connection.query("SELECT pg_notify('dixian_outbox', '')", logger: self.logger)
        }
    }

    /// Cancels a message that has not gone out (pending, failed or dead). Same contract as ``retry(id:actor:at:)``.
    public func cancel(id: Int64, actor: String, at instant: Date) async throws -> OutboxMessage? {
        try await self.change(id: id, action: "outbox_cancel", actor: actor, channel: "cli", at: instant, allowed: [.dead, .failed, .pending]) { connection in
            try await connection.query(
                """
                UPDATE outbox SET status = 'cancelled', last_error = \("由 \(actor) 取消 (cancelled by operator)"), updated_at = now()
                 WHERE id = \(id)
                """,
                logger: self.logger)
        }
    }

    private func change(
        id: Int64, action: String, actor: String, channel: String, at instant: Date, allowed: Set<OutboxStatus>,
        _ body: (PostgresConnection) async throws -> Void
    ) async throws -> OutboxMessage? {
        try await self.client.withStoreTransaction(
            failing: .outboxFailed, "发件箱更新失败 (outbox update failed)", logger: self.logger
        ) { connection in
            let rows = try await connection.query(
                "SELECT \(unescaped: Self.columns) FROM outbox WHERE id = \(id) FOR UPDATE", logger: self.logger)
            guard let before = try await Self.decode(rows).first else { return nil }
            guard allowed.contains(before.status) else {
                throw StoreError(
                    .outboxStatus, "该消息状态为 \(before.status.rawValue), 不能执行此操作 (not allowed in this status)",
                    context: ["id": "\(id)", "status": before.status.rawValue])
            }
            try await body(connection)
            try await ScheduleStore.audit(
                action, before.occurrenceID, actor: actor, channel: channel, at: instant,
                details: ["outbox_id": "\(id)", "key": before.key, "status_before": before.status.rawValue], connection,
                logger: self.logger)
            let after = try await connection.query(
                "SELECT \(unescaped: Self.columns) FROM outbox WHERE id = \(id)", logger: self.logger)
            return try await Self.decode(after).first
        }
    }
}

extension StoreError.Code {
    /// An outbox message is in a status that does not allow the change asked for.
    public static let outboxStatus = StoreError.Code(description: "outbox_status")
}
