/// A wall-clock date and time (当地时间) without a zone, to the second: what RRULE expansion works on.
///
/// Turning it into an instant needs a time zone (`LocalDateTime.instant(in:)` in the scheduling module);
/// keeping the two apart keeps recurrence arithmetic free of daylight-saving surprises.
public struct LocalDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The date.
    public var date: CalendarDate
    /// 0–23.
    public var hour: Int
    /// 0–59.
    public var minute: Int
    /// 0–59.
    public var second: Int

    /// Creates a date-time; nil when hour, minute or second is out of range.
    public init?(date: CalendarDate, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// The date at a time of day.
    public init(date: CalendarDate, time: TimeOfDay) {
        self.date = date
        self.hour = time.hour
        self.minute = time.minute
        self.second = 0
    }

    /// The time of day, seconds dropped.
    public var timeOfDay: TimeOfDay {
        TimeOfDay(hour: hour, minute: minute)!
    }

    /// Seconds since 1970-01-01T00:00:00 on the same wall clock (not an instant).
    public var secondsSinceEpoch: Int {
        date.dayNumber * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// `YYYY-MM-DDTHH:MM:SS`.
    public var description: String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(date)T\(two(hour)):\(two(minute)):\(two(second))"
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.date, lhs.hour, lhs.minute, lhs.second) < (rhs.date, rhs.hour, rhs.minute, rhs.second)
    }
}
