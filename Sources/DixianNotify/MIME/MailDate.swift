import Foundation

/// The RFC 5322 §3.3 date-time of a `Date:` header, e.g. `Mon, 23 Nov 2026 09:00:00 +0800`.
public enum MailDate {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Formats `date` as seen in `timeZone`, with the zone's numeric offset at that instant.
    ///
    /// Built from calendar components rather than `DateFormatter`, whose output depends on the
    /// process locale and would put Chinese weekday names into the header.
    public static func format(_ date: Date, in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let offset = timeZone.secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let year = parts.year ?? 1970
        let yearText = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        return "\(Self.weekdays[(parts.weekday ?? 1) - 1]), \(two(parts.day ?? 1)) \(Self.months[(parts.month ?? 1) - 1]) "
            + "\(yearText) \(two(parts.hour ?? 0)):\(two(parts.minute ?? 0)):\(two(parts.second ?? 0)) "
            + "\(sign)\(two(minutes / 60))\(two(minutes % 60))"
    }
}
