/// One public holiday of a year's arrangement (法定节假日安排), e.g. 国庆节: its days off (放假) and the
/// adjusted workdays (调休上班日) that pay for them.
public struct PublicHoliday: Sendable, Hashable {
    /// The Chinese name as the State Council's notice writes it, e.g. `春节`.
    public var name: String
    /// Every day off, weekends inside the stretch included.
    public var daysOff: [CalendarDate]
    /// Saturdays or Sundays that are worked instead (调休上班).
    public var extraWorkdays: [CalendarDate]

    /// Creates a holiday.
    public init(name: String, daysOff: [CalendarDate], extraWorkdays: [CalendarDate] = []) {
        self.name = name
        self.daysOff = daysOff
        self.extraWorkdays = extraWorkdays
    }

    /// Creates a holiday whose days off run from `first` through `last`.
    public init(name: String, from first: CalendarDate, through last: CalendarDate, extraWorkdays: [CalendarDate] = []) {
        let days = first <= last ? (0...first.days(until: last)).map { first.adding(days: $0) } : []
        self.init(name: name, daysOff: days, extraWorkdays: extraWorkdays)
    }
}

/// One year's holiday arrangement (年度节假日安排), as the State Council's notice publishes it each November.
public struct HolidayYear: Sendable, Hashable {
    /// The calendar year it covers.
    public var year: Int
    /// The holidays, in the notice's order.
    public var holidays: [PublicHoliday]
    /// The notice it comes from, e.g. `国务院办公厅关于2026年部分节假日安排的通知`.
    public var source: String

    /// Creates a year.
    public init(year: Int, holidays: [PublicHoliday], source: String) {
        self.year = year
        self.holidays = holidays
        self.source = source
    }
}
