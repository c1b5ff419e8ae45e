import DixianCore
import DixianScheduling
import Foundation
import PostgresNIO

extension ScheduleStore {
    /// The occurrences `ids` as their messages describe them, by id: each with the event it counts from
    /// when its duty is an event duty. One query for a whole digest.
    public func messageOccurrences(ids: [Int64], now: Date) async throws
        -> [Int64: (occurrence: OccurrenceRecord, event: OccurrenceEvent?)]
    {
        try await self.run { connection in
            let rows = try await connection.query(
                """
                SELECT \(unescaped: Self.occurrenceColumns), e.event, e.case_number, e.event_at
                  FROM occurrences o JOIN org_units u ON u.code = o.unit_code
                  LEFT JOIN event_clocks e ON e.id = o.event_clock_id
                 WHERE o.id = ANY(\(ids)::bigint[])
                """,
                logger: self.logger)
            var result: [Int64: (occurrence: OccurrenceRecord, event: OccurrenceEvent?)] = [:]
            for try await row in rows {
                let columns = row.makeRandomAccess()
                let occurrence = try Self.decodeOccurrence(columns, now: now)
                var event: OccurrenceEvent?
                if let name = try columns["event"].decode(String?.self) {
                    guard let trigger = EventTrigger.Event(rawValue: name) else {
                        throw StoreError(.scheduleFailed, "未知的事件 (unknown event)", context: ["event": name])
                    }
                    event = OccurrenceEvent(
                        event: trigger, caseNumber: try columns["case_number"].decode(String.self),
                        eventAt: try columns["event_at"].decode(Date.self))
                }
                result[occurrence.id] = (occurrence, event)
            }
            return result
        }
    }
}
