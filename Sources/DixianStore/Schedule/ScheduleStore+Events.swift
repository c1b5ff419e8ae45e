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
            var result: [Int64: (occurrence: OccurrenceRecord, event: OccurrenceEvent?)] = [:]
            if months.isEmpty {
                let rows = try await connection.query(
                    "\(unescaped: Self.messageOccurrenceQuery) WHERE o.id = ANY(\(ids)::bigint[])", logger: self.logger)
                for try await row in rows {
                    let (occurrence, event) = try Self.decodeMessageOccurrence(row, now: now)
                    result[occurrence.id] = (occurrence, event)
                }
            } else {
                let statement = MessageOccurrencesStatement(ids: ids, months: months.map(SQLDate.init), now: now)
                for try await (occurrence, event) in try await connection.execute(statement, logger: self.logger) {
                    result[occurrence.id] = (occurrence, event)
                }
            }
            return result
        }
    }

    /// ``messageOccurrences(ids:months:now:)`` in the months given, prepared: a lane runs it for every batch it
    /// claims, and planning it over the month partitions took 2.3 ms each time.
    package struct MessageOccurrencesStatement: PostgresPreparedStatement {
        package static let sql = "\(ScheduleStore.messageOccurrenceQuery) WHERE o.id = ANY($1::bigint[]) AND o.partition_month = ANY($2::date[])"
        let ids: [Int64]
        let months: [SQLDate]
        let now: Date

        init(ids: [Int64], months: [SQLDate], now: Date) {
            (self.ids, self.months, self.now) = (ids, months, now)
        }

        /// Occurrences `ids` in `months`; for tests.
        package init(ids: [Int64], months: [CalendarDate]) {
            self.init(ids: ids, months: months.map(SQLDate.init), now: Date())
        }

        package func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 2)
            bindings.append(ids)
            bindings.append(months)
            return bindings
        }

        package func decodeRow(_ row: PostgresRow) throws -> (OccurrenceRecord, OccurrenceEvent?) {
            try ScheduleStore.decodeMessageOccurrence(row, now: now)
        }
    }

    /// One row of ``messageOccurrenceQuery``: the occurrence and, for an event duty, its event.
    static func decodeMessageOccurrence(_ row: PostgresRow, now: Date) throws -> (OccurrenceRecord, OccurrenceEvent?) {
        let columns = row.makeRandomAccess()
        let occurrence = try Self.decodeOccurrence(columns, now: now)
        guard let name = try columns["event"].decode(String?.self) else { return (occurrence, nil) }
        guard let trigger = EventTrigger.Event(rawValue: name) else {
            throw StoreError(.scheduleFailed, "未知的事件 (unknown event)", context: ["event": name])
        }
        let headName = try columns["head_name"].decode(String?.self)
        let headID = try columns["head_resident_id"].decode(String?.self)
        let event = OccurrenceEvent(
            event: trigger, caseNumber: try columns["case_number"].decode(String.self),
            eventAt: try columns["event_at"].decode(Date.self),
            householdHead: headName.flatMap { name in headID.map { (name, $0) } })
        return (occurrence, event)
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
