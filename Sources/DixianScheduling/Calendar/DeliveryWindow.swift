import DixianCore

/// When messages may go out (发送时段): working hours, optionally on workdays only — "reminders go out in
/// working hours on workdays, never at 3 a.m. on a holiday".
///
/// The planner applies it last, after the rest-day rules of plugins/README.md §8. An instant outside the
/// window moves to the next allowed moment: the same day at ``start`` if it is early, else the next allowed
/// day at ``start``. A reminder due before its deadline that this would push past the due instant moves
/// back instead, to the latest allowed moment before it (the previous allowed day at ``end``), and is dropped
/// if that is before the occurrence opens.
///
/// **With `notify_on_rest_day: send`** the duty's author has asked for rest-day delivery, so ``workdaysOnly``
/// is not applied to that duty; the hours still are (a `send` duty's "0d@07:00" goes out at 08:30 the same day,
/// weekend or not).
public struct DeliveryWindow: Sendable, Hashable {
    /// The first allowed time of day (inclusive).
    public var start: TimeOfDay
    /// The last allowed time of day (inclusive).
    public var end: TimeOfDay
    /// Whether only workdays of the calendar are allowed.
    public var workdaysOnly: Bool

    /// Creates a window; `start` must not be after `end` (else it is treated as the whole day).
    public init(start: TimeOfDay, end: TimeOfDay, workdaysOnly: Bool) {
        self.start = start
        self.end = end
        self.workdaysOnly = workdaysOnly
    }

    /// 08:30–17:30 on workdays: a Chinese government office's day (the daemon's default).
    public static let officeHours = DeliveryWindow(
        start: TimeOfDay(hour: 8, minute: 30)!, end: TimeOfDay(hour: 17, minute: 30)!, workdaysOnly: true)

    /// Any time of any day: instants are kept as the rest-day rules computed them.
    public static let always = DeliveryWindow(
        start: TimeOfDay(hour: 0, minute: 0)!, end: TimeOfDay(hour: 23, minute: 59)!, workdaysOnly: false)

    /// Whether every moment is allowed.
    public var isUnrestricted: Bool {
        !workdaysOnly && start.minutesSinceMidnight == 0 && end.minutesSinceMidnight == 23 * 60 + 59
    }

    /// Whether `local` lies in the window.
    public func allows(_ local: LocalDateTime, calendar: WorkCalendar, restDays: Bool = false) -> Bool {
        if isUnrestricted { return true }
        return dayAllowed(local.date, calendar, restDays) && inHours(local)
    }

    /// `local` if allowed, else the next allowed moment. `restDays: true` ignores ``workdaysOnly``.
    public func nextAllowed(onOrAfter local: LocalDateTime, calendar: WorkCalendar, restDays: Bool = false) -> LocalDateTime {
        if isUnrestricted || start > end { return local }
        if dayAllowed(local.date, calendar, restDays) {
            if inHours(local) { return local }
            if seconds(local) < start.minutesSinceMidnight * 60 { return LocalDateTime(date: local.date, time: start) }
        }
        var day = local.date.adding(days: 1)
        while !dayAllowed(day, calendar, restDays) { day = day.adding(days: 1) }
        return LocalDateTime(date: day, time: start)
    }

    /// `local` if allowed, else the latest allowed moment before it.
    public func previousAllowed(onOrBefore local: LocalDateTime, calendar: WorkCalendar, restDays: Bool = false) -> LocalDateTime {
        if isUnrestricted || start > end { return local }
        if dayAllowed(local.date, calendar, restDays) {
            if inHours(local) { return local }
            if seconds(local) > end.minutesSinceMidnight * 60 { return LocalDateTime(date: local.date, time: end) }
        }
        var day = local.date.adding(days: -1)
        while !dayAllowed(day, calendar, restDays) { day = day.adding(days: -1) }
        return LocalDateTime(date: day, time: end)
    }

    private func dayAllowed(_ date: CalendarDate, _ calendar: WorkCalendar, _ restDays: Bool) -> Bool {
        restDays || !workdaysOnly || calendar.isWorkday(date)
    }

    private func inHours(_ local: LocalDateTime) -> Bool {
        let value = seconds(local)
        return value >= start.minutesSinceMidnight * 60 && value <= end.minutesSinceMidnight * 60
    }

    private func seconds(_ local: LocalDateTime) -> Int {
        local.hour * 3600 + local.minute * 60 + local.second
    }
}
