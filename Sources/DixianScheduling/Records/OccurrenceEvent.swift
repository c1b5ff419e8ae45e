import DixianCore
import Foundation

/// The monitoring event an event duty's occurrence counts from (事件), as messages show it.
public struct OccurrenceEvent: Sendable, Hashable {
    /// `household_included`, …
    public var event: EventTrigger.Event
    /// The monitoring case number (监测案件编号); it contains no personal data.
    public var caseNumber: String
    public var eventAt: Date
    /// The household's head (户主) as the population register has them, for an alert's case: raw, so only
    /// their masked forms may reach a message (the composer masks them).
    public var householdHead: (name: String, residentID: String)?

    public init(
        event: EventTrigger.Event, caseNumber: String, eventAt: Date, householdHead: (name: String, residentID: String)? = nil
    ) {
        self.event = event
        self.caseNumber = caseNumber
        self.eventAt = eventAt
        self.householdHead = householdHead
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.event == rhs.event && lhs.caseNumber == rhs.caseNumber && lhs.eventAt == rhs.eventAt
            && lhs.householdHead?.name == rhs.householdHead?.name
            && lhs.householdHead?.residentID == rhs.householdHead?.residentID
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(event)
        hasher.combine(caseNumber)
        hasher.combine(eventAt)
        hasher.combine(householdHead?.residentID)
    }
}

