import DixianScheduling
import Foundation
import Logging
import PostgresNIO

/// One occurrence in an official's calendar feed, with the instants of the reminders addressed to them.
public struct CalendarEntry: Sendable, Hashable {
    public var occurrence: OccurrenceRecord
    /// The reminders to this official, distinct instants in order (planned or sent, not cancelled).
    public var reminderInstants: [Date]
}

extension ScheduleStore {
    /// The occurrences an official is reminded of (as owner or also_notify), due after `since`,
    /// earliest first, at most `limit`: what `GET /ical/TOKEN.ics` and `dixian duty ical` publish.
    public func calendarEntries(officialID: String, since: Date, now: Date, limit: Int = 2_000) async throws -> [CalendarEntry] {
        try await self.run { connection in
            let rows = try await connection.query(
                """
                SELECT \(unescaped: Self.occurrenceColumns),
                       array_agg(DISTINCT x.send_at ORDER BY x.send_at)
                         FILTER (WHERE x.status IN ('pending', 'sending', 'sent', 'failed')) AS reminders
                  FROM occurrences o
                  JOIN org_units u ON u.code = o.unit_code
                  JOIN outbox x ON x.occurrence_id = o.id AND x.partition_month = o.partition_month
                               AND x.kind = 'reminder' AND x.recipient_id = \(officialID)
                 WHERE o.due_at > \(since) AND o.status IN ('open', 'done', 'waived')
                 GROUP BY o.id, o.partition_month, u.name
                 ORDER BY o.due_at, o.key
                 LIMIT \(limit)
                """,
                logger: self.logger)
            var entries: [CalendarEntry] = []
            for try await row in rows {
                let access = row.makeRandomAccess()
                let occurrence = try Self.decodeOccurrence(access, now: now)
                let reminders = try access["reminders"].decode([Date]?.self) ?? []
                entries.append(CalendarEntry(occurrence: occurrence, reminderInstants: reminders))
            }
            return entries
        }
    }

    /// Whether a signed link's nonce was used already.
    public func isLinkUsed(nonce: String) async throws -> Bool {
        try await self.run { connection in
            let rows = try await connection.query("SELECT 1 FROM used_action_links WHERE nonce = \(nonce)", logger: self.logger)
            for try await _ in rows { return true }
            return false
        }
    }
}
