/// An ISO 8601 date-time with a UTC offset, `2027-10-03T09:00:00+08:00` or `2027-10-03T01:00:00Z`: a
/// wall clock as written plus the offset that pins it to one instant.
///
/// Parsing is pure; turning it into another zone's wall clock is `Date(timeIntervalSince1970:)` of
/// ``secondsSinceEpoch``, then `localDateTime(in:)` (scheduling module).
///
/// ```swift
/// let start = OffsetDateTime(iso: "2027-10-03T09:00:00+08:00")!
/// start.local                   // 2027-10-03T09:00:00
/// start.offsetSeconds           // 28_800
/// ```
public struct OffsetDateTime: Sendable, Hashable, CustomStringConvertible {
    /// The wall clock as written.
    public var local: LocalDateTime
    /// Seconds east of UTC, within ±18 hours (`Z` is 0).
    public var offsetSeconds: Int

    /// Creates a value; nil when the offset is beyond ±18 hours.
    public init?(local: LocalDateTime, offsetSeconds: Int) {
        guard abs(offsetSeconds) <= Self.maximumOffset else { return nil }
        self.local = local
        self.offsetSeconds = offsetSeconds
    }

    /// The largest offset ISO 8601 parsers accept (`+18:00`).
    static let maximumOffset = 18 * 3_600

    /// Parses a date-time (`T` or a space, seconds optional) followed by `Z` or `±HH:MM`, `±HHMM`, `±HH`.
    /// Nil when there is no offset, or anything is malformed or out of range.
    public init?(iso text: some StringProtocol) {
        let text = String(text)
        if text.hasSuffix("Z") || text.hasSuffix("z") {
            // A time is required: `2027-10-03Z` is no instant anyone means.
            guard text.count > 11, let local = LocalDateTime(iso: text.dropLast()) else { return nil }
            self.init(local: local, offsetSeconds: 0)
            return
        }
        // The sign of the offset comes after the time; the date's own hyphens are before index 10.
        guard let signIndex = text.lastIndex(where: { $0 == "+" || $0 == "-" }),
            text.distance(from: text.startIndex, to: signIndex) > 10,
            let local = LocalDateTime(iso: text[..<signIndex]),
            let offset = Self.offset(text[text.index(after: signIndex)...])
        else { return nil }
        self.init(local: local, offsetSeconds: text[signIndex] == "-" ? -offset : offset)
    }

    /// `HH:MM`, `HHMM` or `HH` in seconds; nil when malformed.
    private static func offset(_ text: Substring) -> Int? {
        let digits = text.replacingOccurrences(of: ":", with: "")
        guard [2, 4].contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            text.count == digits.count || (text.count == 5 && text.dropFirst(2).first == ":"),
            let hours = Int(digits.prefix(2)), let minutes = Int(digits.dropFirst(2).isEmpty ? "0" : digits.dropFirst(2)),
            hours <= 18, minutes < 60
        else { return nil }
        return hours * 3_600 + minutes * 60
    }

    /// Seconds since 1970-01-01T00:00:00Z of the instant (not of the wall clock).
    public var secondsSinceEpoch: Int {
        local.secondsSinceEpoch - offsetSeconds
    }

    /// `2027-10-03T09:00:00+08:00`; `Z` for UTC.
    public var description: String {
        guard offsetSeconds != 0 else { return local.description + "Z" }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let magnitude = abs(offsetSeconds)
        return local.description + (offsetSeconds < 0 ? "-" : "+") + two(magnitude / 3_600) + ":" + two(magnitude % 3_600 / 60)
    }
}
