/// When a duty falls due (周期): exactly one of the forms of plugins/README.md §7.
///
/// This is the parsed, value-level model; parameters (`$name`) have already been substituted. Evaluation
/// (expanding occurrences against the calendar) is the scheduler's job, not this type's.
public enum Recurrence: Sendable, Hashable {
    /// That weekday each week (每周).
    case weekly(Weekday)
    /// That day each month (每月).
    case monthly(DayOfMonth)
    /// That day of the `monthOfQuarter`-th month (1–3) of each quarter (每季度).
    case quarterly(monthOfQuarter: Int, day: DayOfMonth)
    /// That date each year (每年).
    case yearly(MonthDay)
    /// Two dates each year, the first in January–June, the second in July–December (每半年).
    case twiceAYear(first: MonthDay, second: MonthDay)
    /// One date only (一次性).
    case once(CalendarDate)
    /// An RFC 5545 RRULE of the supported subset.
    case rule(RecurrenceRule)
    /// Relative to an event of the monitoring procedure (事件触发), e.g. 10 days after inclusion.
    case afterEvent(EventTrigger)

    /// The YAML key of the form, e.g. `twice_a_year`.
    public var formName: String {
        switch self {
        case .weekly: "weekly"
        case .monthly: "monthly"
        case .quarterly: "quarterly"
        case .yearly: "yearly"
        case .twiceAYear: "twice_a_year"
        case .once: "once"
        case .rule: "rrule"
        case .afterEvent: "after_event"
        }
    }

    /// Whether the form repeats on the calendar (everything except `once` and `after_event`).
    public var isCalendarRecurring: Bool {
        switch self {
        case .once, .afterEvent: false
        default: true
        }
    }

    /// The trigger of an event duty, nil for calendar forms.
    public var eventTrigger: EventTrigger? {
        if case .afterEvent(let trigger) = self { return trigger }
        return nil
    }
}
