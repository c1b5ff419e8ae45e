import DixianCore
import Foundation

/// One period of a duty as its recurrence gives it (plugins/README.md §7), before rest days and units:
/// the nominal due date, the period's identity and label, and where the period starts.
public struct NominalPeriod: Sendable, Hashable {
    /// Where a period starts, for `opens: period_start`.
    public enum Start: Sendable, Hashable {
        /// 00:00 of this local date.
        case date(CalendarDate)
        /// This instant (`once`: the moment the duty was enabled; `after_event`: the event).
        case instant(Date)
    }

    /// The recurrence's due date (名义截止日期).
    public var nominalDueDate: CalendarDate
    /// `2026-07`, `2026-W31`, `2026-Q3`, `2026-H1`, `2026`, the date (`once`, `rrule`), `E<clock id>`.
    public var key: String
    /// `2026年7月`, `2026年第31周`, `2026年第三季度`, `2026年上半年`, `2026年度`, `2026年8月15日`, `2026年7月第1期`.
    public var label: String
    /// The period's first moment.
    public var start: Start

    /// Creates a period.
    public init(nominalDueDate: CalendarDate, key: String, label: String, start: Start) {
        self.nominalDueDate = nominalDueDate
        self.key = key
        self.label = label
        self.start = start
    }
}

/// Period keys and labels of the calendar forms; shared by the shorthand forms and the FREQ of an RRULE.
enum PeriodNaming {
    static func two(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    static func month(_ date: CalendarDate) -> (key: String, label: String, start: CalendarDate) {
        ("\(date.year)-\(two(date.month))", "\(date.year)年\(date.month)月", date.firstOfMonth)
    }

    /// ISO week (Mon–Sun), labelled with the ISO week-numbering year.
    static func week(_ date: CalendarDate) -> (key: String, label: String, start: CalendarDate) {
        let (year, week) = date.isoWeek
        return ("\(year)-W\(two(week))", "\(year)年第\(week)周", date.adding(days: 1 - date.weekday.isoNumber))
    }

    static let quarterNames = ["一", "二", "三", "四"]

    static func quarter(_ date: CalendarDate) -> (key: String, label: String, start: CalendarDate) {
        let quarter = date.quarter
        return (
            "\(date.year)-Q\(quarter)", "\(date.year)年第\(quarterNames[quarter - 1])季度",
            CalendarDate(year: date.year, month: (quarter - 1) * 3 + 1, day: 1)!
        )
    }

    static func halfYear(_ date: CalendarDate) -> (key: String, label: String, start: CalendarDate) {
        let first = date.month <= 6
        return (
            "\(date.year)-H\(first ? 1 : 2)", "\(date.year)年\(first ? "上" : "下")半年",
            CalendarDate(year: date.year, month: first ? 1 : 7, day: 1)!
        )
    }

    static func year(_ date: CalendarDate) -> (key: String, label: String, start: CalendarDate) {
        ("\(date.year)", "\(date.year)年度", CalendarDate(year: date.year, month: 1, day: 1)!)
    }

    static func day(_ date: CalendarDate) -> (key: String, label: String, start: CalendarDate) {
        (date.description, date.chineseDescription, date)
    }
}

extension DayOfMonth {
    /// The date this day names in a month: a positive day beyond the month's length is its last day; a
    /// negative day counts from the end (one beyond the month's length gives its first day).
    func resolve(year: Int, month: Int) -> CalendarDate {
        let length = CalendarDate.daysIn(month: month, year: year)
        let day = value > 0 ? min(value, length) : max(1, length + value + 1)
        return CalendarDate(year: year, month: month, day: day)!
    }
}

extension MonthDay {
    func resolve(year: Int) -> CalendarDate {
        day.resolve(year: year, month: month)
    }
}
