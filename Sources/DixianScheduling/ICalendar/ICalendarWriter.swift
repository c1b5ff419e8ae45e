import Foundation

/// Writes an official's duties as an iCalendar feed (RFC 5545) for calendar subscriptions
/// (`GET /ical/TOKEN.ics`) and `dixian duty ical --official ID`.
///
/// Choices, each for the widest client support (Apple Calendar, Outlook, Google, Android):
/// - Every duty is a `VEVENT`, not a `VTODO`: most calendar apps do not show to-dos from a subscription.
///   Events are deadlines: `DTSTART` is the due instant and `DTEND` 30 minutes later, a short block
///   visible in day views; `TRANSP:TRANSPARENT`, since a deadline does not make anybody busy.
/// - All times are UTC (`…Z`). A UTC DATE-TIME needs no `VTIMEZONE`, whose rules clients interpret
///   unevenly; `X-WR-TIMEZONE` tells apps which zone to show the calendar in.
/// - `METHOD:PUBLISH`, no `SEQUENCE`: a subscription is re-read as a whole and events are matched by `UID`.
/// - Lines end in CRLF, TEXT values are escaped and lines folded at 75 octets without splitting a
///   UTF-8 sequence.
public struct ICalendarWriter: Sendable {
    /// `Content-Type` for the HTTP response.
    public static let contentType = "text/calendar; charset=utf-8"
    /// How long each deadline event lasts in a calendar.
    public static let eventDuration: TimeInterval = 30 * 60

    /// `X-WR-CALNAME` and `NAME`, e.g. `底线·张三的任务`.
    public var calendarName: String
    /// `X-WR-TIMEZONE`: the zone apps should show the calendar in (the daemon's configured zone).
    public var timeZoneID: String
    /// How often subscribers should re-read the feed (`REFRESH-INTERVAL`, `X-PUBLISHED-TTL`), in minutes.
    public var refreshMinutes: Int

    public init(calendarName: String, timeZoneID: String = "Asia/Shanghai", refreshMinutes: Int = 60) {
        self.calendarName = calendarName
        self.timeZoneID = timeZoneID
        self.refreshMinutes = refreshMinutes
    }

    /// The calendar with `events` in the given order.
    ///
    /// - Parameter generatedAt: the `DTSTAMP` of every event (the instant the feed was produced),
    ///   passed in so that output is reproducible.
    public func write(_ events: [ICalendarEvent], generatedAt: Date) -> String {
        var output = ""
        let text = ICalendarText.escape
        func line(_ content: String) { output += ICalendarText.fold(content) }
        let refresh = "PT\(max(1, self.refreshMinutes))M"
        line("BEGIN:VCALENDAR")
        line("VERSION:2.0")
        line("PRODID:-//dixian//底线//ZH")
        line("CALSCALE:GREGORIAN")
        line("METHOD:PUBLISH")
        line("NAME:\(text(self.calendarName))")
        line("X-WR-CALNAME:\(text(self.calendarName))")
        line("X-WR-TIMEZONE:\(text(self.timeZoneID))")
        line("REFRESH-INTERVAL;VALUE=DURATION:\(refresh)")
        line("X-PUBLISHED-TTL:\(refresh)")
        let stamp = ICalendarText.utc(generatedAt)
        for event in events {
            line("BEGIN:VEVENT")
            line("UID:\(text(event.uid))")
            line("DTSTAMP:\(stamp)")
            line("DTSTART:\(ICalendarText.utc(event.dueAt))")
            line("DTEND:\(ICalendarText.utc(event.dueAt.addingTimeInterval(Self.eventDuration)))")
            line("SUMMARY:\(text(Self.prefix(event.status) + event.summary))")
            if !event.description.isEmpty {
                line("DESCRIPTION:\(text(event.description))")
            }
            line("STATUS:\(event.status == .waived ? "CANCELLED" : "CONFIRMED")")
            line("TRANSP:TRANSPARENT")
            if let url = event.url, !url.isEmpty {
                line("URL:\(ICalendarText.uri(url))")
            }
            line("X-DIXIAN-OPENS-AT:\(ICalendarText.utc(event.opensAt))")
            if event.status == .open {
                for alarm in event.alarms {
                    line("BEGIN:VALARM")
                    line("ACTION:DISPLAY")
                    line("TRIGGER;VALUE=DATE-TIME:\(ICalendarText.utc(alarm.at))")
                    // DESCRIPTION is required for DISPLAY alarms; an empty one would be dropped by some clients.
                    line("DESCRIPTION:\(text(alarm.description.isEmpty ? event.summary : alarm.description))")
                    line("END:VALARM")
                }
            }
            line("END:VEVENT")
        }
        line("END:VCALENDAR")
        return output
    }

    /// Done and waived events keep their place in the calendar, marked in the title so that a glance
    /// at the month shows what is left.
    static func prefix(_ status: ICalendarEvent.Status) -> String {
        switch status {
        case .open: ""
        case .done: "【已完成】"
        case .waived: "【已豁免】"
        }
    }
}
