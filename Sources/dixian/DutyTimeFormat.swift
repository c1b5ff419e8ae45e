import Foundation

/// Instants as officials read them: `2026-07-03 18:00` in the configured zone (配置项 timezone).
struct DutyTimeFormat: Sendable {
    let calendar: Calendar

    /// An unknown zone falls back to Asia/Shanghai; `dixian check` reports it as an error anyway.
    init(timezone: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timezone) ?? TimeZone(identifier: "Asia/Shanghai")!
        self.calendar = calendar
    }

    func string(_ date: Date) -> String {
        let c = self.calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ value: Int?) -> String {
            let value = value ?? 0
            return value < 10 ? "0\(value)" : "\(value)"
        }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute))"
    }
}
