import Foundation

/// One duty occurrence as a calendar event in an official's feed (`/ical/TOKEN.ics`,
/// `dixian duty ical --official ID`). Texts are plain Chinese; the writer escapes them.
public struct ICalendarEvent: Sendable, Hashable {
    /// The occurrence's state, which decides `STATUS`, a summary prefix and whether alarms are written.
    public enum Status: Sendable, Hashable {
        /// Still to do: `STATUS:CONFIRMED` (the deadline stands) with its alarms.
        case open
        /// Confirmed done: `STATUS:CONFIRMED`, summary prefixed `【已完成】`, no alarms.
        case done
        /// Waived (豁免): `STATUS:CANCELLED`, which calendar apps strike through, prefixed `【已豁免】`, no alarms.
        case waived
    }

    /// A reminder shown by the calendar app at an absolute instant (`VALARM`, `ACTION:DISPLAY`).
    public struct Alarm: Sendable, Hashable {
        public var at: Date
        /// The alarm's text, e.g. `提醒：防返贫监测信息月度更新（2026年7月），7月31日18:00截止`.
        public var description: String

        public init(at: Date, description: String) {
            self.at = at
            self.description = description
        }
    }

    /// Globally unique and stable across feeds: ``PlannedOccurrence/key`` + `@dixian`, so a calendar
    /// app updates the event in place when its status changes.
    public var uid: String
    /// Duty title and period label, e.g. `防返贫监测信息月度更新（2026年7月）`.
    public var summary: String
    /// Plain text, may span lines.
    public var description: String
    /// The deadline (`DTSTART`).
    public var dueAt: Date
    /// When the occurrence opens for confirmation (`X-DIXIAN-OPENS-AT`; no standard property fits).
    public var opensAt: Date
    public var status: Status
    /// A link to the occurrence (the web view, never a signed confirm link: feeds are shared and cached).
    public var url: String?
    /// Reminder instants; written for open events only.
    public var alarms: [Alarm]

    public init(
        uid: String, summary: String, description: String, dueAt: Date, opensAt: Date, status: Status,
        url: String? = nil, alarms: [Alarm] = []
    ) {
        self.uid = uid
        self.summary = summary
        self.description = description
        self.dueAt = dueAt
        self.opensAt = opensAt
        self.status = status
        self.url = url
        self.alarms = alarms
    }

    /// The uid of an occurrence key.
    public static func uid(occurrenceKey: String) -> String {
        "\(occurrenceKey)@dixian"
    }

    /// `duty title（period label）`.
    public static func summary(dutyTitle: String, periodLabel: String) -> String {
        "\(dutyTitle)（\(periodLabel)）"
    }
}
