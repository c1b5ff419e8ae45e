import DixianScheduling
import Foundation
import Logging
import PostgresNIO

/// A confirmation that an occurrence is done (确认完成).
public struct Completion: Sendable, Hashable {
    /// The achieved value against the quantity target, if reported.
    public var achieved: Decimal?
    /// A free-text note (≤ 2000 characters).
    public var note: String?
    /// Who: an official id, or for the CLI the operator's name.
    public var actor: String
    /// Whether ``actor`` must be an official in the directory (CLI `--by`, HTTP, links).
    public var actorIsOfficial: Bool
    /// Through which way.
    public var channel: ChangeChannel
    /// When, on the caller's clock.
    public var at: Date
    /// A signed link's nonce and expiry: the link is used up by this completion.
    public var link: (nonce: String, expiresAt: Date)?

    public init(
        achieved: Decimal? = nil, note: String? = nil, actor: String, actorIsOfficial: Bool, channel: ChangeChannel,
        at: Date, link: (nonce: String, expiresAt: Date)? = nil
    ) {
        self.achieved = achieved
        self.note = note
        self.actor = actor
        self.actorIsOfficial = actorIsOfficial
        self.channel = channel
        self.at = at
        self.link = link
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.achieved == rhs.achieved && lhs.note == rhs.note && lhs.actor == rhs.actor
            && lhs.actorIsOfficial == rhs.actorIsOfficial && lhs.channel == rhs.channel && lhs.at == rhs.at
            && lhs.link?.nonce == rhs.link?.nonce && lhs.link?.expiresAt == rhs.link?.expiresAt
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(actor)
        hasher.combine(at)
    }
}

extension ScheduleStore {
    /// Marks an open occurrence done, cancels its pending reminders and escalations, and records it in
    /// the audit log — one transaction. Throws a ``StoreError`` (nothing changed) when the occurrence
    /// does not exist, is not open, has not opened yet, the actor is unknown, or the link was used.
    @discardableResult
    public func complete(occurrenceID: Int64, _ completion: Completion) async throws -> OccurrenceRecord {
        try await self.transaction { connection in
            let (target, comparison) = try await Self.lockOpen(occurrenceID, at: completion.at, connection, logger: self.logger)
            try await Self.checkActor(completion.actor, isOfficial: completion.actorIsOfficial, connection, logger: self.logger)
            if let link = completion.link {
                try await Self.useLink(link.nonce, expiresAt: link.expiresAt, occurrenceID: occurrenceID, at: completion.at, connection, logger: self.logger)
            }
            var targetMet: Bool?
            if let target, let achieved = completion.achieved {
                targetMet = comparison == "at_most" ? achieved <= target : achieved >= target
            }
            let achieved = completion.achieved.map { "\($0)" }
            try await connection.query(
                """
                UPDATE occurrences
                   SET status = 'done', achieved = \(achieved)::numeric, target_met = \(targetMet),
                       completed_at = \(completion.at), completed_by = \(completion.actor),
                       completion_channel = \(completion.channel.rawValue), note = \(completion.note), updated_at = now()
                 WHERE id = \(occurrenceID)
                """,
                logger: self.logger
            )
            let cancelled = try await Self.cancelPending(occurrenceID, reason: "completed", connection, logger: self.logger)
            var details: [String: String] = ["cancelled_messages": String(cancelled)]
            details["achieved"] = achieved
            details["target_met"] = targetMet.map { $0 ? "true" : "false" }
            details["note"] = completion.note
            try await Self.audit(
                "done", occurrenceID, actor: completion.actor, channel: completion.channel.rawValue, at: completion.at,
                details: details, connection, logger: self.logger)
            return try await Self.occurrence(id: occurrenceID, now: completion.at, connection, logger: self.logger)!
        }
    }

    /// Waives an open occurrence (豁免, by the county office) with a reason; cancels its pending messages.
    @discardableResult
    public func waive(
        occurrenceID: Int64, reason: String, actor: String, channel: ChangeChannel, at: Date
    ) async throws -> OccurrenceRecord {
        try await self.transaction { connection in
            _ = try await Self.lockOpen(occurrenceID, at: nil, connection, logger: self.logger)
            try await connection.query(
                """
                UPDATE occurrences
                   SET status = 'waived', completed_at = \(at), completed_by = \(actor),
                       completion_channel = \(channel.rawValue), note = \(reason), updated_at = now()
                 WHERE id = \(occurrenceID)
                """,
                logger: self.logger
            )
            let cancelled = try await Self.cancelPending(occurrenceID, reason: "waived", connection, logger: self.logger)
            try await Self.audit(
                "waived", occurrenceID, actor: actor, channel: channel.rawValue, at: at,
                details: ["reason": reason, "cancelled_messages": String(cancelled)], connection, logger: self.logger)
            return try await Self.occurrence(id: occurrenceID, now: at, connection, logger: self.logger)!
        }
    }

    /// Locks the occurrence row and checks it can be changed; returns its target and comparison.
    /// With `at`, also checks it has opened.
    static func lockOpen(_ id: Int64, at: Date?, _ connection: PostgresConnection, logger: Logger) async throws
        -> (Decimal?, String?)
    {
        let rows = try await connection.query(
            "SELECT status, opens_at, target::text, target_compare FROM occurrences WHERE id = \(id) FOR UPDATE",
            logger: logger)
        for try await (status, opensAt, target, comparison) in rows.decode((String, Date, String?, String?).self) {
            guard status == "open" else {
                let name = OccurrenceStatus(rawValue: status)?.chineseName ?? status
                throw StoreError(
                    .occurrenceClosed, "该期任务\(name),不能再更改 (occurrence is \(status))", context: ["id": String(id)])
            }
            if let at, at < opensAt {
                throw StoreError(
                    .occurrenceNotOpen, "该期任务尚未开放,暂不能确认 (occurrence has not opened yet)",
                    context: ["id": String(id), "opens_at": ISO8601DateFormatter().string(from: opensAt)])
            }
            return (target.flatMap { Decimal(string: $0) }, comparison)
        }
        throw StoreError(.occurrenceNotFound, "没有编号为 \(id) 的任务 (no such occurrence)", context: ["id": String(id)])
    }

    static func checkActor(_ actor: String, isOfficial: Bool, _ connection: PostgresConnection, logger: Logger) async throws {
        guard isOfficial else { return }
        let rows = try await connection.query("SELECT 1 FROM officials WHERE id = \(actor)", logger: logger)
        for try await _ in rows { return }
        throw StoreError(.unknownOfficial, "组织目录中没有干部 \(actor) (unknown official)", context: ["official": actor])
    }

    static func useLink(
        _ nonce: String, expiresAt: Date, occurrenceID: Int64, at: Date, _ connection: PostgresConnection, logger: Logger
    ) async throws {
        let rows = try await connection.query(
            """
            INSERT INTO used_action_links (nonce, occurrence_id, used_at, expires_at)
            VALUES (\(nonce), \(occurrenceID), \(at), \(expiresAt))
            ON CONFLICT (nonce) DO NOTHING RETURNING 1
            """,
            logger: logger)
        for try await _ in rows { return }
        throw StoreError(.linkUsed, "该确认链接已使用过 (link already used)")
    }

    /// Cancels the occurrence's pending reminders and escalations; returns how many. A dead-letter notice
    /// about one of its messages stays: the county office must hear of the failure even once the work is done.
    static func cancelPending(_ id: Int64, reason: String, _ connection: PostgresConnection, logger: Logger) async throws -> Int {
        let rows = try await connection.query(
            """
            UPDATE outbox SET status = 'cancelled', last_error = \(reason), updated_at = now()
             WHERE occurrence_id = \(id) AND status = 'pending' AND kind = ANY(\(Self.plannedKinds)::text[])
            RETURNING id
            """,
            logger: logger)
        var count = 0
        for try await _ in rows { count += 1 }
        return count
    }

    static func audit(
        _ action: String, _ occurrenceID: Int64?, actor: String, channel: String, at: Date, details: [String: String],
        _ connection: PostgresConnection, logger: Logger
    ) async throws {
        let json = String(decoding: try JSONEncoder().encode(details), as: UTF8.self)
        try await connection.query(
            """
            INSERT INTO audit_log (at, actor, channel, action, occurrence_id, details)
            VALUES (\(at), \(actor), \(channel), \(action), \(occurrenceID), \(json)::jsonb)
            """,
            logger: logger)
    }
}
