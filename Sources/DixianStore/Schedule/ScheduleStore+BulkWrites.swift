import DixianScheduling
import Foundation
import Logging
import PostgresNIO

/// A tick's rows go in as bound arrays, one statement per table and chunk.
///
/// Not through COPY, which issue 17 proposed: PostgresNIO 1.33 stops the process with a precondition failure
/// ("Copy mode is only supported for extended queries") when the server goes away in the middle of a COPY, and a
/// tick writes whenever anything changed, so a database restart during one killed the daemon
/// (`ServeLifecycleTests`' outage test caught it). The speed came from elsewhere anyway: three slices written at
/// once, and new messages inserted without an upsert or a join by key; COPY added about a tenth.
extension ScheduleStore {
    /// Inserts `occurrences` that are new and updates open or withdrawn ones whose times, label or target
    /// changed; returns each row written. An unchanged or closed occurrence returns nothing.
    ///
    /// The row's month (`partition_month`) is computed here by the database's `occurrence_month`, the function the
    /// partitioning migration used, so both agree on every key: an event clock's occurrence (`E<id>`) looks its
    /// clock up by the key.
    ///
    /// A partitioned table cannot return `xmax`, so a row counts as inserted when it was created by this
    /// transaction (`created_at = now()`): a tick writes each key once per transaction.
    static func upsertOccurrences(
        _ occurrences: [PlannedOccurrence], target: OccurrenceTarget?, eventClockID: Int64?, _ connection: PostgresConnection,
        logger: Logger
    ) async throws -> [WrittenOccurrence] {
        guard !occurrences.isEmpty else { return [] }
        let keys = occurrences.map(\.key)
        let duties = occurrences.map(\.dutyID)
        let units = occurrences.map(\.unitCode.description)
        let officials = occurrences.map { $0.officialID ?? "" }
        let periods = occurrences.map(\.periodKey.rawValue)
        let labels = occurrences.map(\.periodLabel)
        let nominal = occurrences.map(\.nominalDueDate.description)
        let due = occurrences.map(\.dueDate.description)
        let dueAt = occurrences.map(\.dueAt)
        let opensAt = occurrences.map(\.opensAt)
        let unassigned = occurrences.map(\.isUnassigned)
        let targetValue = target.map { "\($0.value)" }
        let targetCompare = target?.comparison
        // Dates travel as text and optional ids as '' because PostgresNIO arrays have no NULL elements.
        let rows = try await connection.query(
            """
            INSERT INTO occurrences AS o (key, duty_id, unit_code, official_id, period_key, period_label,
                                          nominal_due_date, due_date, due_at, opens_at, unassigned,
                                          target, target_compare, event_clock_id, partition_month)
            SELECT k, d, u, NULLIF(f, ''), p, l, n::date, dd::date, da, oa, ua,
                   \(targetValue)::numeric, \(targetCompare)::text, \(eventClockID)::int8,
                   occurrence_month(p, CASE WHEN p ~ '^E[0-9]+$'
                                            THEN (SELECT event_at FROM event_clocks WHERE id = substr(p, 2)::int8) END)
              FROM unnest(\(keys)::text[], \(duties)::text[], \(units)::text[], \(officials)::text[],
                          \(periods)::text[], \(labels)::text[], \(nominal)::text[], \(due)::text[],
                          \(dueAt)::timestamptz[], \(opensAt)::timestamptz[], \(unassigned)::bool[])
                   AS t(k, d, u, f, p, l, n, dd, da, oa, ua)
            ON CONFLICT (key, partition_month) DO UPDATE
               SET period_label = EXCLUDED.period_label, due_date = EXCLUDED.due_date,
                   due_at = EXCLUDED.due_at, opens_at = EXCLUDED.opens_at, unassigned = EXCLUDED.unassigned,
                   target = EXCLUDED.target, target_compare = EXCLUDED.target_compare,
                   status = 'open', updated_at = now()
             WHERE o.status IN ('open', 'withdrawn')
               AND (o.status, o.period_label, o.due_date, o.due_at, o.opens_at, o.unassigned, o.target, o.target_compare)
                   IS DISTINCT FROM
                   ('open', EXCLUDED.period_label, EXCLUDED.due_date, EXCLUDED.due_at, EXCLUDED.opens_at,
                    EXCLUDED.unassigned, EXCLUDED.target, EXCLUDED.target_compare)
            RETURNING o.id, o.key, (o.created_at = now()), o.partition_month::text
            """, logger: logger)
        var written: [WrittenOccurrence] = []
        for try await (id, key, inserted, month) in rows.decode((Int64, String, Bool, String).self) {
            written.append(WrittenOccurrence(id: id, key: key, inserted: inserted, partitionMonth: month))
        }
        return written
    }

    /// Writes the messages of occurrences this transaction has just inserted (首次写入), which nothing stored can
    /// hold yet: one `INSERT … ON CONFLICT DO NOTHING` carrying the ids the occurrence insert returned, with no
    /// upsert and no join of every message with its occurrence by key. A first tick is nearly all such messages.
    /// `ON CONFLICT DO NOTHING` keeps it idempotent should a key exist after all. Returns how many were added.
    static func insertFresh(
        _ notifications: [PlannedNotification], occurrences: [String: WrittenOccurrence], _ connection: PostgresConnection,
        logger: Logger
    ) async throws -> Int {
        let rows = notifications.compactMap { notification in occurrences[notification.occurrenceKey].map { (notification, $0) } }
        guard !rows.isEmpty else { return 0 }
        let keys = rows.map(\.0.key)
        let ids = rows.map(\.1.id)
        let months = rows.map(\.1.partitionMonth)
        let kinds = rows.map(\.0.kind.rawValue)
        let steps = rows.map(\.0.step)
        let recipients = rows.map(\.0.recipientID)
        let roles = rows.map(\.0.roleID)
        let channels = rows.map(\.0.channel.rawValue)
        let sendAt = rows.map(\.0.sendAt)
        let added = try await connection.query(
            """
            WITH added AS (
                INSERT INTO outbox (key, occurrence_id, kind, step, recipient_id, role_id, channel, send_at, partition_month)
                SELECT k, id, kind, step, r, role, ch, at, m::date
                  FROM unnest(\(keys)::text[], \(ids)::int8[], \(kinds)::text[], \(steps)::text[], \(recipients)::text[],
                              \(roles)::text[], \(channels)::text[], \(sendAt)::timestamptz[], \(months)::text[])
                       AS t(k, id, kind, step, r, role, ch, at, m)
                ON CONFLICT (key, partition_month) DO NOTHING
                RETURNING 1
            )
            SELECT count(*)::int8 FROM added
            """, logger: logger)
        var count = 0
        for try await value in added.decode(Int64.self) { count = Int(value) }
        return count
    }
}

/// An occurrence row a bulk write inserted or changed: its id, key, whether it is new, and the month partition
/// (`YYYY-MM-01`) its messages must go into.
struct WrittenOccurrence: Sendable {
    var id: Int64
    var key: String
    var inserted: Bool
    var partitionMonth: String
}
