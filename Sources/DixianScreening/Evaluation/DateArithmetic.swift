import DixianCore

/// Whole months between two dates, the one definition `age`, `months_between` and their SQL share.
///
/// From 1 January to 31 January is 0 months, to 1 February is 1; from 31 January to 28 February is 0 (the day
/// of the month is not yet reached). Going backwards gives the negative of the forward count.
enum DateArithmetic {
    static func months(from start: CalendarDate, to end: CalendarDate) -> Int {
        if end < start { return -months(from: end, to: start) }
        let whole = (end.year * 12 + end.month) - (start.year * 12 + start.month)
        return end.day < start.day ? whole - 1 : whole
    }
}
