import DixianCore
import DixianDirectory
import Foundation

/// An event of the monitoring procedure (防止返贫动态监测和帮扶) that starts the clocks of `after_event` duties,
/// e.g. a household's inclusion (纳入监测) on 3 July.
public struct ScheduleEvent: Sendable, Hashable {
    /// What happened.
    public var event: EventTrigger.Event
    /// The household's village (every event occurs there, plugins/README.md §7).
    public var unitCode: DivisionCode
    /// When it happened.
    public var occurredAt: Date
    /// The store's id of this event clock; occurrences get the period key `E<clockID>`.
    public var clockID: String
    /// For alert events: the plugin whose rule raised the alert; nil for a cadre's report (基层干部排查) or a
    /// self-declaration (农户自主申报), which only `alerts_from: any` duties react to.
    public var alertSource: String?
    /// The household's assigned helpers (帮扶责任人), for household-bound roles (`binding: household`).
    public var helperIDs: [String]

    /// Creates an event.
    public init(
        event: EventTrigger.Event, unitCode: DivisionCode, occurredAt: Date, clockID: String,
        alertSource: String? = nil, helperIDs: [String] = []
    ) {
        self.event = event
        self.unitCode = unitCode
        self.occurredAt = occurredAt
        self.clockID = clockID
        self.alertSource = alertSource
        self.helperIDs = helperIDs
    }
}
