import DixianCore
import Foundation

/// The monitoring event an event duty's occurrence counts from (事件), as messages show it.
public struct OccurrenceEvent: Sendable, Hashable {
    /// `household_included`, …
    public var event: EventTrigger.Event
    /// The monitoring case number (监测案件编号); it contains no personal data.
    public var caseNumber: String
    public var eventAt: Date

    public init(event: EventTrigger.Event, caseNumber: String, eventAt: Date) {
        self.event = event
        self.caseNumber = caseNumber
        self.eventAt = eventAt
    }
}

