/// A rule made ready to expand from one DTSTART: python-dateutil's defaults filled in, each `BY…` part
/// turned into a bit mask, so that a period's candidate days cost a few integer operations.
///
/// Periods are named by an anchor: the year (YEARLY), `year * 12 + month - 1` (MONTHLY), or the day
/// number of the period's first day (WEEKLY, DAILY; see ``CalendarDate/dayNumber``).
struct RecurrenceExpansionPlan: Sendable {
    /// One ordinal `BYDAY` item, e.g. `-1FR`: weekday 0 = Monday … 6 = Sunday.
    struct OrdinalWeekday: Sendable {
        var weekday: Int
        var ordinal: Int
    }

    let frequency: RecurrenceRule.Frequency
    let interval: Int
    /// Bit m for each month m of `BYMONTH`; 0 when any month will do.
    let monthMask: UInt16
    /// Bit d for `BYMONTHDAY=d`.
    let monthDayMask: UInt32
    /// Bit d for `BYMONTHDAY=-d`.
    let negativeMonthDayMask: UInt32
    /// Bit w (0 = Monday) for each plain `BYDAY` weekday; ordinals count here for DAILY and WEEKLY.
    let weekdayMask: UInt8
    /// Ordinal `BYDAY` items of a MONTHLY or YEARLY rule.
    let ordinalWeekdays: [OrdinalWeekday]
    let setPositions: [Int]
    /// 0 = Monday.
    let weekStart: Int
    /// The first period's anchor.
    let firstAnchor: Int
    /// DTSTART's day number: earlier candidates are not emitted.
    let startDay: Int
    let hour: Int, minute: Int, second: Int
    /// `UNTIL` as wall-clock seconds since 1970 (``LocalDateTime/secondsSinceEpoch``).
    let untilSeconds: Int?
    let count: Int?
    /// After this many empty periods in a row the rule can never match again (see ``init(rule:start:)``).
    let cycleLength: Int

    var hasMonthDays: Bool { monthDayMask != 0 || negativeMonthDayMask != 0 }
    var hasWeekdays: Bool { weekdayMask != 0 || !ordinalWeekdays.isEmpty }

    /// The last day expansion reaches, 9999-12-31, as python-dateutil stops past `datetime.MAXYEAR`.
    static let lastDay = CalendarDate(year: 9999, month: 12, day: 31)!.dayNumber

    init(rule: RecurrenceRule, start: LocalDateTime) {
        var months = rule.byMonth
        var monthDays = rule.byMonthDay
        var days = rule.byDay
        // RFC 5545 and dateutil: without BYMONTHDAY or BYDAY the period's day (and YEARLY's month, unless
        // BYMONTH is given) comes from DTSTART, and a WEEKLY rule takes DTSTART's weekday.
        if monthDays.isEmpty, days.isEmpty {
            switch rule.frequency {
            case .yearly:
                if months.isEmpty { months = [start.date.month] }
                monthDays = [start.date.day]
            case .monthly: monthDays = [start.date.day]
            case .weekly: days = [.init(weekday: start.date.weekday)]
            case .daily: break
            }
        }
        frequency = rule.frequency
        interval = max(1, rule.interval)
        monthMask = months.reduce(0) { $0 | 1 << UInt16($1) }
        monthDayMask = monthDays.filter { $0 > 0 }.reduce(0) { $0 | 1 << UInt32($1) }
        negativeMonthDayMask = monthDays.filter { $0 < 0 }.reduce(0) { $0 | 1 << UInt32(-$1) }
        // Ordinals mean nothing within a week or a day; dateutil reads them as plain weekdays there.
        let ordinalsApply = rule.frequency == .monthly || rule.frequency == .yearly
        weekdayMask = days.filter { $0.ordinal == nil || !ordinalsApply }
            .reduce(0) { $0 | 1 << UInt8($1.weekday.isoNumber - 1) }
        ordinalWeekdays =
            ordinalsApply
            ? days.compactMap { item in
                item.ordinal.map { OrdinalWeekday(weekday: item.weekday.isoNumber - 1, ordinal: $0) }
            }
            : []
        setPositions = rule.bySetPosition
        weekStart = (rule.weekStart ?? .monday).isoNumber - 1
        startDay = start.date.dayNumber
        (hour, minute, second) = (start.hour, start.minute, start.second)
        untilSeconds = rule.until?.secondsSinceEpoch
        count = rule.count
        switch rule.frequency {
        case .yearly: firstAnchor = start.date.year
        case .monthly: firstAnchor = start.date.year * 12 + start.date.month - 1
        case .weekly, .daily: firstAnchor = startDay
        }
        // The Gregorian calendar repeats every 400 years (4,800 months, 20,871 weeks, 146,097 days), so
        // periods `k` and `k + cycle / gcd(cycle, interval)` look alike: that many empty periods in a row
        // mean none will ever match (FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30), and we stop instead of
        // searching on to the year 9999 as dateutil does.
        let cycle =
            switch rule.frequency {
            case .yearly: 400
            case .monthly: 4_800
            case .weekly: 20_871
            case .daily: 146_097
            }
        cycleLength = cycle / Self.gcd(cycle, interval)
    }

    /// The anchor after `anchor`, or nil past the year 9999.
    func anchor(after anchor: Int) -> Int? {
        let next: Int
        switch frequency {
        case .yearly:
            next = anchor + interval
            return next <= 9999 ? next : nil
        case .monthly:
            next = anchor + interval
            return next / 12 <= 9999 ? next : nil
        case .weekly:
            // Back to the week's first day (WKST), then whole weeks on.
            next = anchor - Self.modulo(Self.weekday(anchor) - weekStart, 7) + 7 * interval
        case .daily:
            next = anchor + interval
        }
        return next <= Self.lastDay ? next : nil
    }

    /// Appends the period's days that match every `BY…` part, in order, after `BYSETPOS`.
    ///
    /// `scratch` is reused between periods to save allocations.
    func candidates(anchor: Int, into days: inout [Int], scratch: inout [Int]) {
        guard !setPositions.isEmpty else {
            collect(anchor: anchor, into: &days)
            return
        }
        scratch.removeAll(keepingCapacity: true)
        collect(anchor: anchor, into: &scratch)
        let start = days.count
        for position in setPositions {
            let index = position > 0 ? position - 1 : scratch.count + position
            if scratch.indices.contains(index), !days[start...].contains(scratch[index]) {
                days.append(scratch[index])
            }
        }
        days[start...].sort()
    }

    /// The period's matching days before `BYSETPOS`.
    private func collect(anchor: Int, into days: inout [Int]) {
        switch frequency {
        case .yearly:
            let first = CalendarDate(year: anchor, month: 1, day: 1)!.dayNumber
            let ordinals = ordinalDays(year: anchor, firstDay: first, month: nil)
            var monthStart = first
            for month in 1...12 {
                let length = CalendarDate.daysIn(month: month, year: anchor)
                if monthMask == 0 || monthMask & 1 << UInt16(month) != 0 {
                    scan(month: month, firstDay: monthStart, length: length, ordinals: ordinals, into: &days)
                }
                monthStart += length
            }
        case .monthly:
            let (year, month) = (anchor / 12, anchor % 12 + 1)
            guard monthMask == 0 || monthMask & 1 << UInt16(month) != 0 else { return }
            let first = CalendarDate(year: year, month: month, day: 1)!.dayNumber
            let ordinals = ordinalDays(year: year, firstDay: first, month: month)
            scan(month: month, firstDay: first, length: CalendarDate.daysIn(month: month, year: year),
                ordinals: ordinals, into: &days)
        case .weekly:
            // The first week starts at DTSTART itself, as in dateutil, which matters to BYSETPOS.
            var day = anchor
            repeat {
                if day > Self.lastDay { return }
                if matches(day) { days.append(day) }
                day += 1
            } while Self.weekday(day) != weekStart
        case .daily:
            if matches(anchor) { days.append(anchor) }
        }
    }

    /// The matching days of one month, from bit masks of its days (bit d for the d-th).
    private func scan(month: Int, firstDay: Int, length: Int, ordinals: [Int], into days: inout [Int]) {
        var selected: UInt32 = UInt32.max >> UInt32(31 - length) & ~1  // days 1…length
        if hasMonthDays {
            var fromEnd: UInt32 = 0
            var negative = negativeMonthDayMask
            while negative != 0 {
                let back = negative.trailingZeroBitCount
                if back <= length { fromEnd |= 1 << UInt32(length + 1 - back) }
                negative &= negative - 1
            }
            selected &= monthDayMask | fromEnd
        }
        if hasWeekdays {
            var byWeekday: UInt32 = 0
            let firstWeekday = Self.weekday(firstDay)
            for weekday in 0..<7 where weekdayMask & 1 << UInt8(weekday) != 0 {
                byWeekday |= Self.everySeventhDay << UInt32(Self.modulo(weekday - firstWeekday, 7))
            }
            for day in ordinals where day >= firstDay && day < firstDay + length {
                byWeekday |= 1 << UInt32(day - firstDay + 1)
            }
            selected &= byWeekday
        }
        while selected != 0 {
            days.append(firstDay + selected.trailingZeroBitCount - 1)
            selected &= selected - 1
        }
    }

    /// Bits 1, 8, 15, 22, 29: the days of a month that share the 1st's weekday.
    private static let everySeventhDay: UInt32 = 1 << 1 | 1 << 8 | 1 << 15 | 1 << 22 | 1 << 29

    /// The days the ordinal `BYDAY` items name, counted within the month for MONTHLY and for YEARLY with
    /// `BYMONTH` (each of its months), else within the year (dateutil's `nwdaymask`).
    private func ordinalDays(year: Int, firstDay: Int, month: Int?) -> [Int] {
        guard !ordinalWeekdays.isEmpty else { return [] }
        var ranges: [ClosedRange<Int>] = []
        if let month {
            ranges = [firstDay...(firstDay + CalendarDate.daysIn(month: month, year: year) - 1)]
        } else if monthMask != 0 {
            for month in 1...12 where monthMask & 1 << UInt16(month) != 0 {
                let first = CalendarDate(year: year, month: month, day: 1)!.dayNumber
                ranges.append(first...(first + CalendarDate.daysIn(month: month, year: year) - 1))
            }
        } else {
            ranges = [firstDay...(firstDay + (CalendarDate.isLeapYear(year) ? 365 : 364))]
        }
        var days: [Int] = []
        for range in ranges {
            for item in ordinalWeekdays {
                var day: Int
                if item.ordinal > 0 {
                    day = range.lowerBound + (item.ordinal - 1) * 7
                    day += Self.modulo(item.weekday - Self.weekday(day), 7)
                } else {
                    day = range.upperBound + (item.ordinal + 1) * 7
                    day -= Self.modulo(Self.weekday(day) - item.weekday, 7)
                }
                if range.contains(day) { days.append(day) }
            }
        }
        return days
    }

    /// Whether a single day passes every `BY…` part (WEEKLY and DAILY, where ordinals do not apply).
    private func matches(_ day: Int) -> Bool {
        if weekdayMask != 0, weekdayMask & 1 << UInt8(Self.weekday(day)) == 0 { return false }
        guard monthMask != 0 || hasMonthDays else { return true }
        guard let date = CalendarDate(dayNumber: day) else { return false }
        if monthMask != 0, monthMask & 1 << UInt16(date.month) == 0 { return false }
        if hasMonthDays {
            let fromEnd = CalendarDate.daysIn(month: date.month, year: date.year) + 1 - date.day
            if monthDayMask & 1 << UInt32(date.day) == 0, negativeMonthDayMask & 1 << UInt32(fromEnd) == 0 {
                return false
            }
        }
        return true
    }

    /// 0 = Monday … 6 = Sunday; 1970-01-01 was a Thursday.
    static func weekday(_ dayNumber: Int) -> Int {
        modulo(dayNumber + 3, 7)
    }

    static func modulo(_ value: Int, _ divisor: Int) -> Int {
        let remainder = value % divisor
        return remainder < 0 ? remainder + divisor : remainder
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int {
        b == 0 ? a : gcd(b, a % b)
    }
}
