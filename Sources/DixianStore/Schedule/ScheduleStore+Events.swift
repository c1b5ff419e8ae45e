import DixianCore
import DixianScheduling
import Foundation
import PostgresNIO

extension ScheduleStore {
    /// The occurrences `ids` as their messages describe them, by id: each with the event it counts from
    /// when its duty is an event duty. One query for a whole digest.
    ///
    /// `months` are the partition months the occurrences are in (a message's month is its occurrence's): given,
    /// only those months are searched; empty, every month is (200 ids took 7 ms so at 21 months).
    public func messageOccurrences(ids: [Int64], months: [CalendarDate] = [], now: Date) async throws
        -> [Int64: (occurrence: OccurrenceRecord, event: OccurrenceEvent?)]
    {
        try await self.run { connection in
            let rows = try await connection.query(
                months.isEmpty
                    ? "\(unescaped: Self.messageOccurrenceQuery) WHERE o.id = ANY(\(ids)::bigint[])"
                    : """
                    \(unescaped: Self.messageOccurrenceQuery)
                     WHERE o.id = ANY(\(ids)::bigint[]) AND o.partition_month = ANY(\(months.map(SQLDate.init)))
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
                    let headName = try columns["head_name"].decode(String?.self)
                    let headID = try columns["head_resident_id"].decode(String?.self)
                    event = OccurrenceEvent(
                        event: trigger, caseNumber: try columns["case_number"].decode(String.self),
                        eventAt: try columns["event_at"].decode(Date.self),
                        householdHead: headName.flatMap { name in headID.map { (name, $0) } })
                }
                result[occurrence.id] = (occurrence, event)
            }
            return result
        }
    }

    /// The occurrence, its unit's name, its event clock and the household the clock is about, for
    /// ``messageOccurrences(ids:months:now:)`` to filter.
    static let messageOccurrenceQuery = """
        SELECT \(occurrenceColumns), e.event, e.case_number, e.event_at, hh.head_name, hh.head_resident_id
          FROM occurrences o JOIN org_units u ON u.code = o.unit_code
          LEFT JOIN event_clocks e ON e.id = o.event_clock_id
          LEFT JOIN LATERAL (
              SELECT h.head_name, h.head_resident_id FROM reg_households h
               WHERE h.household_id = coalesce(
                   (SELECT a.household_id FROM alerts a WHERE a.event_clock_id = e.id LIMIT 1),
                   (SELECT s.household_id FROM monitoring_signals s WHERE s.event_clock_id = e.id LIMIT 1),
                   (SELECT c.household_id FROM monitoring_cases c WHERE c.case_number = e.case_number))
               LIMIT 1
          ) hh ON true
        """
}
