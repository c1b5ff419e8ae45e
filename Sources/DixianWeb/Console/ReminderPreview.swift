import DixianCore

/// The reminders a plugin's duties would send in a month (提醒预览), as `dixian simulate` plans them under the
/// running configuration (the bureau's overrides applied): nothing stored, nothing sent.
public struct ReminderPreview: Sendable {
    /// One planned message, in words for the page.
    public struct Line: Sendable {
        public var sendAt: String
        /// A reminder (提醒) to the one responsible, or else an escalation (督办) to a supervisor.
        public var isReminder: Bool
        /// 提醒 or 督办; stored, because templates read stored properties only.
        public var kind: String
        public var recipient: String
        public var role: String
        public var channel: String
        public var duty: String
        public var unit: String
        public var period: String
        public var due: String

        public init(
            sendAt: String, isReminder: Bool, recipient: String, role: String, channel: String, duty: String, unit: String,
            period: String, due: String
        ) {
            (self.sendAt, self.isReminder, self.recipient, self.role, self.channel) = (sendAt, isReminder, recipient, role, channel)
            self.kind = isReminder ? "提醒" : "督办"
            (self.duty, self.unit, self.period, self.due) = (duty, unit, period, due)
        }
    }

    /// The month's first and last day.
    public var first: CalendarDate
    public var last: CalendarDate
    /// Every message of the month, in time order.
    public var lines: [Line]
    /// The planner's warnings (a role nobody holds, say).
    public var warnings: [String]

    public init(first: CalendarDate, last: CalendarDate, lines: [Line], warnings: [String]) {
        (self.first, self.last, self.lines, self.warnings) = (first, last, lines, warnings)
    }

    /// The month after the one `today` falls in.
    public static func nextMonth(after today: CalendarDate) -> (first: CalendarDate, last: CalendarDate) {
        let (year, month) = today.month == 12 ? (today.year + 1, 1) : (today.year, today.month + 1)
        return (CalendarDate(year: year, month: month, day: 1)!,
                CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year))!)
    }
}
