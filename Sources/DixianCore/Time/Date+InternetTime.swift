import Foundation

extension Date {
    /// The instant in whole seconds, in UTC, as RFC 3339 internet time (`2026-12-04T21:40:07Z`): what
    /// `ISO8601DateFormatter` with `.withInternetDateTime` writes, without building a formatter (and ICU's
    /// calendar with it) each time. Every generic webhook carries one; a new formatter per message took
    /// 11 % of a drain's CPU (issue 17).
    public var internetTimeUTC: String {
        let seconds = Int(timeIntervalSince1970.rounded(.down))
        let (days, secondOfDay) = (seconds.floorDivided(by: 86_400), seconds.floorModulo(86_400))
        guard let date = CalendarDate(dayNumber: days) else { return ISO8601DateFormatter().string(from: self) }
        func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let time = [secondOfDay / 3600, secondOfDay % 3600 / 60, secondOfDay % 60].map(twoDigits).joined(separator: ":")
        return "\(date)T\(time)Z"
    }
}

extension Int {
    fileprivate func floorDivided(by divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor < 0) ? quotient - 1 : quotient
    }

    fileprivate func floorModulo(_ divisor: Int) -> Int {
        let remainder = self % divisor
        return remainder < 0 ? remainder + divisor : remainder
    }
}
