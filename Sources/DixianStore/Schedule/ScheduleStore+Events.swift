import Foundation
import PostgresNIO

/// The monitoring event an event duty's occurrence counts from (事件), as messages show it.
public struct OccurrenceEvent: Sendable, Hashable {
    /// `household_included`, … (``DixianCore/EventTrigger/Event``'s raw value).
    public var event: String
    /// The monitoring case number (监测案件编号); it contains no personal data.
    public var caseNumber: String
    public var eventAt: Date

    public init(event: String, caseNumber: String, eventAt: Date) {
        self.event = event
        self.caseNumber = caseNumber
        self.eventAt = eventAt
    }
}

extension ScheduleStore {
    /// The events behind those of `occurrenceIDs` that belong to event duties, by occurrence id.
    public func events(ofOccurrences occurrenceIDs: [Int64]) async throws -> [Int64: OccurrenceEvent] {
        try await self.run { connection in
            let rows = try await connection.query(
                """
                SELECT o.id, e.event, e.case_number, e.event_at
                  FROM occurrences o JOIN event_clocks e ON e.id = o.event_clock_id
                 WHERE o.id = ANY(\(occurrenceIDs)::bigint[])
                """,
                logger: self.logger)
            var events: [Int64: OccurrenceEvent] = [:]
            for try await (id, event, caseNumber, eventAt) in rows.decode((Int64, String, String, Date).self) {
                events[id] = OccurrenceEvent(event: event, caseNumber: caseNumber, eventAt: eventAt)
            }
            return events
        }
    }
}
