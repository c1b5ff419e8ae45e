import DixianScheduling
import Foundation
import Logging
import NIOCore
import PostgresNIO

/// A tick's rows travel to PostgreSQL through COPY into a session's staging tables, then one statement per table
/// moves them in (issue 17): COPY's text is cheaper to send and to read than bound arrays, and the staged rows
/// need no `unnest`. The staging tables are temporary (`ON COMMIT DELETE ROWS`): their rows last as long as
/// the transaction, the tables as long as the pooled connection.
extension ScheduleStore {
    /// Inserts `occurrences` that are new and updates open or withdrawn ones whose times, label or target
    /// changed; returns (id, key, inserted) for each row written. An unchanged or closed occurrence returns nothing.
    static func upsertOccurrences(
        _ occurrences: [PlannedOccurrence], target: OccurrenceTarget?, eventClockID: Int64?, _ connection: PostgresConnection,
        logger: Logger
    ) async throws -> [(id: Int64, key: String, inserted: Bool)] {
        guard !occurrences.isEmpty else { return [] }
        try await connection.query(
            """
            CREATE TEMP TABLE IF NOT EXISTS occurrences_stage (
                key text, duty_id text, unit_code text, official_id text, period_key text, period_label text,
                nominal_due_date date, due_date date, due_us int8, opens_us int8, unassigned bool
            ) ON COMMIT DELETE ROWS
            """, logger: logger)
        try await Self.copy(occurrences, into: "occurrences_stage", columns: [
            "key", "duty_id", "unit_code", "official_id", "period_key", "period_label", "nominal_due_date", "due_date",
            "due_us", "opens_us", "unassigned",
        ], connection, logger: logger) { occurrence in
            [occurrence.key, occurrence.dutyID, occurrence.unitCode.description, occurrence.officialID,
             occurrence.periodKey.rawValue, occurrence.periodLabel, occurrence.nominalDueDate.description,
             occurrence.dueDate.description, String(Self.postgresMicroseconds(occurrence.dueAt)),
             String(Self.postgresMicroseconds(occurrence.opensAt)), occurrence.isUnassigned ? "t" : "f"]
        }
        let targetValue = target.map { "\($0.value)" }
        let targetCompare = target?.comparison
        let rows = try await connection.query(
            """
            INSERT INTO occurrences AS o (key, duty_id, unit_code, official_id, period_key, period_label,
                                          nominal_due_date, due_date, due_at, opens_at, unassigned,
                                          target, target_compare, event_clock_id)
            SELECT key, duty_id, unit_code, official_id, period_key, period_label, nominal_due_date, due_date,
                   \(unescaped: Self.postgresEpoch) + due_us * interval '1 microsecond',
                   \(unescaped: Self.postgresEpoch) + opens_us * interval '1 microsecond', unassigned,
                   \(targetValue)::numeric, \(targetCompare)::text, \(eventClockID)::int8
              FROM occurrences_stage
            ON CONFLICT (key) DO UPDATE
               SET period_label = EXCLUDED.period_label, due_date = EXCLUDED.due_date,
                   due_at = EXCLUDED.due_at, opens_at = EXCLUDED.opens_at, unassigned = EXCLUDED.unassigned,
                   target = EXCLUDED.target, target_compare = EXCLUDED.target_compare,
                   status = 'open', updated_at = now()
             WHERE o.status IN ('open', 'withdrawn')
               AND (o.status, o.period_label, o.due_date, o.due_at, o.opens_at, o.unassigned, o.target, o.target_compare)
                   IS DISTINCT FROM
                   ('open', EXCLUDED.period_label, EXCLUDED.due_date, EXCLUDED.due_at, EXCLUDED.opens_at,
                    EXCLUDED.unassigned, EXCLUDED.target, EXCLUDED.target_compare)
            RETURNING o.id, o.key, (xmax = 0)
            """, logger: logger)
        var written: [(id: Int64, key: String, inserted: Bool)] = []
        for try await row in rows.decode((Int64, String, Bool).self) { written.append(row) }
        return written
    }

    /// Writes the messages of occurrences this transaction has just inserted (首次写入), which nothing stored
    /// can hold yet: through COPY into a session's staging table, then one `INSERT … ON CONFLICT DO NOTHING`
    /// carrying the ids the occurrence insert returned. No upsert, and no join of every message with its
    /// occurrence by key; a first tick is nearly all such messages (issue 17). Returns how many were added.
    ///
    /// `ON CONFLICT DO NOTHING` keeps it idempotent should a key exist after all: the row stays as it was.
    static func insertFresh(
        _ notifications: [PlannedNotification], occurrenceIDs: [String: Int64], _ connection: PostgresConnection, logger: Logger
    ) async throws -> Int {
        guard !notifications.isEmpty else { return 0 }
        // ON COMMIT DELETE ROWS: the rows live as long as the transaction, the table as long as the session.
        try await connection.query(
            """
            CREATE TEMP TABLE IF NOT EXISTS outbox_stage (
                key text, occurrence_id int8, kind text, step text, recipient_id text, role_id text, channel text,
                send_us int8
            ) ON COMMIT DELETE ROWS
            """, logger: logger)
        let staged = notifications.compactMap { notification in
            occurrenceIDs[notification.occurrenceKey].map { (notification, $0) }
        }
        try await Self.copy(staged, into: "outbox_stage", columns: [
            "key", "occurrence_id", "kind", "step", "recipient_id", "role_id", "channel", "send_us",
        ], connection, logger: logger) { notification, occurrenceID in
            [notification.key, String(occurrenceID), notification.kind.rawValue, notification.step, notification.recipientID,
             notification.roleID, notification.channel.rawValue, String(Self.postgresMicroseconds(notification.sendAt))]
        }
        let rows = try await connection.query(
            """
            WITH added AS (
                INSERT INTO outbox (key, occurrence_id, kind, step, recipient_id, role_id, channel, send_at)
                SELECT key, occurrence_id, kind, step, recipient_id, role_id, channel,
                       \(unescaped: Self.postgresEpoch) + send_us * interval '1 microsecond'
                  FROM outbox_stage
                ON CONFLICT (key) DO NOTHING
                RETURNING 1
            )
            SELECT count(*)::int8 FROM added
            """, logger: logger)
        var added = 0
        for try await count in rows.decode(Int64.self) { added = Int(count) }
        return added
    }

    /// COPYs `rows` into `table`'s `columns` in COPY's text format, 64 KiB at a time.
    static func copy<Row>(
        _ rows: [Row], into table: String, columns: [String], _ connection: PostgresConnection, logger: Logger,
        cells: (Row) -> [String?]
    ) async throws {
        try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
            var buffer = ByteBuffer()
            buffer.reserveCapacity(1 << 17)
            for row in rows {
                CopyTextFormat.append(cells(row), to: &buffer)
                if buffer.readableBytes >= 1 << 16 {
                    try await writer.write(buffer)
                    buffer.clear()
                }
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
    }

    /// Where staged microsecond counts start, as an SQL literal.
    static let postgresEpoch = "timestamptz '2000-01-01 00:00:00+00'"

    /// An instant as PostgresNIO binds it: whole microseconds since 2000-01-01 UTC, truncated. The staged
    /// message must carry exactly the instant a later replan binds, or that replan would see every message moved.
    static func postgresMicroseconds(_ instant: Date) -> Int64 {
        Int64(instant.timeIntervalSince(Date(timeIntervalSince1970: 946_684_800)) * 1_000_000)
    }
}
