/// The working calendar (工作日历): which days are workdays (工作日) and which are rest days (休息日).
///
/// A workday is Monday–Friday that is not a public holiday, plus the adjusted workdays (调休上班日) of the
/// State Council's arrangement (plugins/README.md §8). A year without an arrangement (``isCovered(year:)``
/// false) falls back to plain weekends; the planner warns about it, this type does not know about warnings.
///
/// Pure and cheap to query: lookups are set membership on day numbers, so the planner can ask millions of
/// times without caring.
///
/// ```swift
/// let calendar = WorkCalendar(years: [arrangement2026])
/// calendar.isWorkday(CalendarDate(year: 2026, month: 10, day: 10)!)   // true: 调休上班 (Saturday)
/// calendar.previousWorkday(onOrBefore: CalendarDate(year: 2026, month: 10, day: 3)!)   // 2026-09-30
/// ```
public struct WorkCalendar: Sendable, Hashable {
    /// The arrangements, ordered by year.
    public let years: [HolidayYear]
    private let holidayNames: [Int: String]
    private let extraWorkdays: Set<Int>
    private let coveredYears: Set<Int>

    /// A calendar of plain weekends only: no year covered.
    public static let plainWeekends = WorkCalendar(years: [])

    /// Creates a calendar from yearly arrangements. The loader validates them (a day both off and worked, a
    /// date outside its year); here, should a day be both, being a workday wins, and a later year of the
    /// same number replaces an earlier one.
    public init(years: [HolidayYear]) {
        var byYear: [Int: HolidayYear] = [:]
        for year in years { byYear[year.year] = year }
        self.years = byYear.values.sorted { $0.year < $1.year }
        var names: [Int: String] = [:]
        var worked: Set<Int> = []
        for year in self.years {
            for holiday in year.holidays {
                for day in holiday.daysOff { names[day.dayNumber] = holiday.name }
                for day in holiday.extraWorkdays { worked.insert(day.dayNumber) }
            }
        }
        self.holidayNames = names
        self.extraWorkdays = worked
        self.coveredYears = Set(self.years.map(\.year))
    }

    /// The calendar as text that is the same for equal calendars in every process: the covered years, then
    /// every holiday day off with its name and every adjusted workday, by date. What a fingerprint of the
    /// planning inputs hashes; `String(describing:)` would list the private sets in hash order, which
    /// changes with each process, so every restart would look like a new calendar.
    ///
    /// ```
    /// years 2026
    /// off 2026-01-01 元旦
    /// worked 2026-01-04
    /// ```
    public var canonicalDescription: String {
        func date(_ day: Int) -> String { CalendarDate(dayNumber: day)?.description ?? String(day) }
        var lines = ["years " + covered.map(String.init).joined(separator: ",")]
        for (day, name) in holidayNames.sorted(by: { $0.key < $1.key }) {
            lines.append("off \(date(day)) \(name)")
        }
        for day in extraWorkdays.sorted() {
            lines.append("worked \(date(day))")
        }
        return lines.joined(separator: "\n")
    }

    /// Whether the year's arrangement is known (else weekends only are rest days).
    public func isCovered(year: Int) -> Bool {
        coveredYears.contains(year)
    }

    /// The years whose arrangement is known, ascending.
    public var covered: [Int] {
        years.map(\.year)
    }

    /// Whether `date` is a workday: an adjusted workday, or Monday–Friday and not a public holiday.
    public func isWorkday(_ date: CalendarDate) -> Bool {
        let day = date.dayNumber
        if extraWorkdays.contains(day) { return true }
        return !date.isWeekend && holidayNames[day] == nil
    }

    /// Whether `date` is a rest day (休息日): a weekend day not worked, or a public holiday.
    public func isRestDay(_ date: CalendarDate) -> Bool {
        !isWorkday(date)
    }

    /// The public holiday `date` is a day off of (e.g. `国庆节`), nil for other days.
    public func holidayName(on date: CalendarDate) -> String? {
        extraWorkdays.contains(date.dayNumber) ? nil : holidayNames[date.dayNumber]
    }

    /// Whether `date` is an adjusted workday (调休上班日), a Saturday or Sunday that is worked.
    public func isAdjustedWorkday(_ date: CalendarDate) -> Bool {
        extraWorkdays.contains(date.dayNumber)
    }

    /// `date` if it is a workday, else the closest workday before it.
    public func previousWorkday(onOrBefore date: CalendarDate) -> CalendarDate {
        var day = date
        // Rest-day stretches are at most a couple of weeks; the loop always ends on a Monday–Friday
        // of an uncovered stretch at worst.
        while !isWorkday(day) { day = day.adding(days: -1) }
        return day
    }

    /// `date` if it is a workday, else the closest workday after it.
    public func nextWorkday(onOrAfter date: CalendarDate) -> CalendarDate {
        var day = date
        while !isWorkday(day) { day = day.adding(days: 1) }
        return day
    }

    /// The `n`-th workday after `date` (`n` ≥ 1; `date` itself does not count). `n` = 0 gives `date` itself,
    /// workday or not, as `"0wd"` means the due date (plugins/README.md §8). Negative `n` counts backwards.
    public func workday(_ n: Int, after date: CalendarDate) -> CalendarDate {
        guard n >= 0 else { return workday(-n, before: date) }
        var day = date
        var remaining = n
        while remaining > 0 {
            day = day.adding(days: 1)
            if isWorkday(day) { remaining -= 1 }
        }
        return day
    }

    /// The `n`-th workday before `date` (`n` ≥ 1; `date` itself does not count). `n` = 0 gives `date`.
    /// Negative `n` counts forwards.
    public func workday(_ n: Int, before date: CalendarDate) -> CalendarDate {
        guard n >= 0 else { return workday(-n, after: date) }
        var day = date
        var remaining = n
        while remaining > 0 {
            day = day.adding(days: -1)
            if isWorkday(day) { remaining -= 1 }
        }
        return day
    }

    /// `date` moved by a signed offset of calendar days or workdays (`-3wd`: the 3rd workday before).
    public func date(_ date: CalendarDate, offsetBy amount: Int, unit: ScheduleOffset.Unit) -> CalendarDate {
        switch unit {
        case .days: date.adding(days: amount)
        case .workdays: amount >= 0 ? workday(amount, after: date) : workday(-amount, before: date)
        }
    }
}
