extension Recurrence: CustomStringConvertible {
    /// A short Chinese description for listings, e.g. `每月3日`, `每季度末月最后1日`, `纳入监测后10天`.
    public var description: String {
        switch self {
        case .weekly(let weekday):
            return "每周\(weekday.chineseName.dropFirst(2))"
        case .monthly(let day):
            return "每月\(Self.describe(day))"
        case .quarterly(let month, let day):
            return "每季度第\(month)个月\(Self.describe(day))"
        case .yearly(let date):
            return "每年\(date.month)月\(Self.describe(date.day))"
        case .twiceAYear(let first, let second):
            return "每年\(first.month)月\(Self.describe(first.day))、\(second.month)月\(Self.describe(second.day))"
        case .once(let date):
            return "一次性 \(date.chineseDescription)"
        case .rule(let rule):
            return "RRULE \(rule)"
        case .afterEvent(let trigger):
            return "\(trigger.event.chineseName)后\(trigger.delay)"
        }
    }

    /// `3日`, `最后1日`, `倒数第2日`.
    private static func describe(_ day: DayOfMonth) -> String {
        switch day.value {
        case -1: "最后1日"
        case ..<0: "倒数第\(-day.value)日"
        default: "\(day.value)日"
        }
    }
}
