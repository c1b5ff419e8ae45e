import DixianCore
import Foundation

extension Recurrence {
    /// The periods whose nominal due date lies in `lower...upper`, in date order.
    ///
    /// - Parameters:
    ///   - enabledAt: The moment the duty counts as enabled: the start of a `once` duty's period.
    ///   - ruleStart: DTSTART for an `rrule` (the planner passes `window.from`, else 1 January of the first
    ///     year it looks at).
    /// - Returns: Nothing for `after_event`, which has no calendar periods (see ``EventClock``).
    public func periods(
        from lower: CalendarDate, through upper: CalendarDate, enabledAt: Date, ruleStart: CalendarDate
    ) -> [NominalPeriod] {
        guard lower <= upper else { return [] }
        func period(_ date: CalendarDate, _ naming: (CalendarDate) -> (key: String, label: String, start: CalendarDate)) -> NominalPeriod {
            let name = naming(date)
            return NominalPeriod(nominalDueDate: date, key: name.key, label: name.label, start: .date(name.start))
        }
        var dates: [CalendarDate] = []
        let naming: (CalendarDate) -> (key: String, label: String, start: CalendarDate)
        switch self {
        case .weekly(let weekday):
            var day = lower.adding(days: (weekday.isoNumber - lower.weekday.isoNumber + 7) % 7)
            while day <= upper {
                dates.append(day)
                day = day.adding(days: 7)
            }
            naming = PeriodNaming.week
        case .monthly(let dayOfMonth):
            dates = Self.months(lower, upper).map { dayOfMonth.resolve(year: $0.year, month: $0.month) }
            naming = PeriodNaming.month
        case .quarterly(let monthOfQuarter, let dayOfMonth):
            dates = Self.months(lower, upper).filter { ($0.month - 1) % 3 + 1 == monthOfQuarter }
                .map { dayOfMonth.resolve(year: $0.year, month: $0.month) }
            naming = PeriodNaming.quarter
        case .yearly(let monthDay):
            dates = (lower.year...upper.year).map { monthDay.resolve(year: $0) }
            naming = PeriodNaming.year
        case .twiceAYear(let first, let second):
            dates = (lower.year...upper.year).flatMap { [first.resolve(year: $0), second.resolve(year: $0)] }
            naming = PeriodNaming.halfYear
        case .once(let date):
            guard lower <= date, date <= upper else { return [] }
            let name = PeriodNaming.day(date)
            return [NominalPeriod(nominalDueDate: date, key: name.key, label: name.label, start: .instant(enabledAt))]
        case .rule(let rule):
            return rule.periods(from: lower, through: upper, start: ruleStart)
        case .afterEvent:
            return []
        }
        return dates.filter { lower <= $0 && $0 <= upper }.map { period($0, naming) }
    }

    /// The (year, month) of every month touching `lower...upper`.
    private static func months(_ lower: CalendarDate, _ upper: CalendarDate) -> [(year: Int, month: Int)] {
        var result: [(year: Int, month: Int)] = []
        var (year, month) = (lower.year, lower.month)
        while (year, month) <= (upper.year, upper.month) {
            result.append((year, month))
            (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1)
        }
        return result
    }
}

extension RecurrenceRule {
    /// The rule's periods with nominal due date in `lower...upper` (plugins/README.md §7): the FREQ period
    /// (DAILY: the day) starting no earlier than the day after the previous occurrence, nor before DTSTART;
    /// labelled by the FREQ period, with `第N期` appended when that period holds several occurrences.
    ///
    /// The expansion is lazy: it stops at the first occurrence past `upper` whose FREQ period differs from
    /// the last one kept (so `第N期` still counts the whole period). The key is the nominal date.
    func periods(from lower: CalendarDate, through upper: CalendarDate, start: CalendarDate) -> [NominalPeriod] {
        let naming: (CalendarDate) -> (key: String, label: String, start: CalendarDate) =
            switch frequency {
            case .daily: PeriodNaming.day
            case .weekly: PeriodNaming.week
            case .monthly: PeriodNaming.month
            case .yearly: PeriodNaming.year
            }
        var result: [NominalPeriod] = []
        var group: [CalendarDate] = []
        var groupKey: String?
        var previous: CalendarDate?
        func flush() {
            for (index, date) in group.enumerated() {
                let name = naming(date)
                var first = max(name.start, start)
                if let earlier = index > 0 ? group[index - 1] : previous { first = max(first, earlier.adding(days: 1)) }
                let label = group.count > 1 ? "\(name.label)第\(index + 1)期" : name.label
                if lower <= date, date <= upper {
                    result.append(NominalPeriod(nominalDueDate: date, key: date.description, label: label, start: .date(first)))
                }
            }
            previous = group.last ?? previous
            group = []
        }
        guard let dtstart = LocalDateTime(date: start) else { return [] }
        for occurrence in occurrences(from: dtstart) {
            let date = occurrence.date
            // The subset has no BYHOUR, so a date appears once; guard anyway against a repeated one.
            if let last = group.last, date <= last { continue }
            let key = naming(date).key
            if key != groupKey {
                flush()
                if date > upper { break }
                groupKey = key
            }
            group.append(date)
        }
        flush()
        return result
    }
}
