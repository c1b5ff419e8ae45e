import DixianCore

/// When the weekly bulletin goes out (通报时间): on one weekday at one hour, county time, covering the last
/// complete ISO week. Set by the governance plugin's `bulletin_weekday` and `bulletin_hour`.
public struct BulletinSchedule: Sendable, Hashable {
    public var weekday: Weekday
    public var time: TimeOfDay

    /// Monday 09:00: the week just ended, reported as the new one starts.
    public static let standard = BulletinSchedule(weekday: .monday, time: TimeOfDay(hour: 9, minute: 0)!)

    public init(weekday: Weekday, time: TimeOfDay) {
        self.weekday = weekday
        self.time = time
    }

    /// The week whose bulletin is due at local time `now`: once this week's issue time has passed, the week
    /// before; until then none (last week's was due a week ago, and a week's bulletin is issued once).
    public func dueWeek(at now: LocalDateTime) -> ReportPeriod? {
        let thisWeek = ReportPeriod(.weekly, containing: now.date)
        let issueDay = thisWeek.first.adding(days: weekday.isoNumber - 1)
        guard LocalDateTime(date: issueDay, time: time) <= now else { return nil }
        return thisWeek.previous
    }
}
