import DixianCore

/// Which period of its duty an occurrence is for (任务期次): `2026-07` (month), `2026-Q3` (quarter),
/// `2026-W31` (ISO week), `2026` (year), `2026-07-03` (day) or `E12` (the event clock with id 12).
///
/// Unique within a duty and unit, and part of the occurrence's key; shown to people only through the
/// period's label (`2026年7月`).
public struct PeriodKey: TextValue {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Whether the occurrence counts from an event (事件时钟) rather than the calendar.
    public var isEventClock: Bool { rawValue.hasPrefix("E") }
}
