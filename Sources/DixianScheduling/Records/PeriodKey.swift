/// Which period of its duty an occurrence is for (任务期次): `2026-07` (month), `2026-Q3` (quarter),
/// `2026-W31` (ISO week), `2026` (year), `2026-07-03` (day) or `E12` (the event clock with id 12).
///
/// Unique within a duty and unit, and part of the occurrence's key; shown to people only through the
/// period's label (`2026年7月`).
public struct PeriodKey: RawRepresentable, Sendable, Hashable, Comparable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    /// Whether the occurrence counts from an event (事件时钟) rather than the calendar.
    public var isEventClock: Bool { rawValue.hasPrefix("E") }

    public static func < (lhs: PeriodKey, rhs: PeriodKey) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
