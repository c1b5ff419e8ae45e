extension CalendarDate {
    /// Days since 1970-01-01 (negative before it), the basis of all date arithmetic here.
    ///
    /// Uses the days-from-civil algorithm (H. Hinnant), exact for the proleptic Gregorian calendar.
    public var dayNumber: Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `dayNumber` days after 1970-01-01, or nil outside the years 1–9999.
    public init?(dayNumber: Int) {
        let shifted = dayNumber + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.init(year: year, month: month, day: day)
    }

    /// The date `days` later (earlier when negative). Traps outside the years 1–9999, which no schedule reaches.
    public func adding(days: Int) -> CalendarDate {
        guard let date = CalendarDate(dayNumber: dayNumber + days) else {
            preconditionFailure("date out of range: \(self) + \(days) days")
        }
        return date
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: CalendarDate) -> Int {
        other.dayNumber - dayNumber
    }

    /// The day of the week.
    public var weekday: Weekday {
        // 1970-01-01 was a Thursday (ISO 4).
        let iso = ((dayNumber % 7 + 7) % 7 + 3) % 7 + 1
        return Weekday.allCases[iso - 1]
    }

    /// Saturday or Sunday.
    public var isWeekend: Bool {
        weekday == .saturday || weekday == .sunday
    }

    /// 1–4.
    public var quarter: Int {
        (month - 1) / 3 + 1
    }

    /// The first day of the date's month.
    public var firstOfMonth: CalendarDate {
        CalendarDate(year: year, month: month, day: 1)!
    }

    /// The last day of the date's month.
    public var lastOfMonth: CalendarDate {
        CalendarDate(year: year, month: month, day: Self.daysIn(month: month, year: year))!
    }

    /// The ISO 8601 week-numbering year and week (1–53) of the date.
    public var isoWeek: (year: Int, week: Int) {
        // The week belongs to the year of its Thursday.
        let thursday = adding(days: 4 - weekday.isoNumber)
        let firstOfYear = CalendarDate(year: thursday.year, month: 1, day: 1)!
        return (thursday.year, firstOfYear.days(until: thursday) / 7 + 1)
    }
}
