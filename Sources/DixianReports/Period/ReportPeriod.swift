import DixianCore

/// The span a 周报, 月报 or 季报 covers (seed 004 asks for them on time): an ISO week `2026-W31`, a month `2026-07`,
/// or a quarter `2026-Q3`, each a closed range of local dates.
public struct ReportPeriod: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case weekly, monthly, quarterly

        /// 周报, 月报, 季报.
        public var chineseName: String {
            switch self {
            case .weekly: "周报"
            case .monthly: "月报"
            case .quarterly: "季报"
            }
        }

        /// How the period is written, for errors and help.
        public var pattern: String {
            switch self {
            case .weekly: "YYYY-Www，如 2026-W31"
            case .monthly: "YYYY-MM，如 2026-07"
            case .quarterly: "YYYY-Qn，如 2026-Q3"
            }
        }
    }

    public var kind: Kind
    public var first: CalendarDate
    public var last: CalendarDate
    /// As given: `2026-W31`, `2026-07`, `2026-Q3`.
    public var description: String

    /// Parses `text` as a period of `kind`; nil when it is not one.
    public init?(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.description = text
        let parts = text.split(separator: "-", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), (2000...2100).contains(year) else { return nil }
        switch kind {
        case .weekly:
            guard parts[1].hasPrefix("W"), let week = Int(parts[1].dropFirst()), (1...53).contains(week),
                let monday = Self.monday(ofWeek: week, in: year)
            else { return nil }
            (first, last) = (monday, monday.adding(days: 6))
        case .monthly:
            guard parts[1].count == 2, let month = Int(parts[1]), let day = CalendarDate(year: year, month: month, day: 1) else { return nil }
            (first, last) = (day, day.lastOfMonth)
        case .quarterly:
            guard parts[1].hasPrefix("Q"), let quarter = Int(parts[1].dropFirst()), (1...4).contains(quarter) else { return nil }
            let start = CalendarDate(year: year, month: quarter * 3 - 2, day: 1)!
            (first, last) = (start, CalendarDate(year: year, month: quarter * 3, day: 1)!.lastOfMonth)
        }
    }

    /// A span of its own, e.g. the year so far that a bulletin's outstanding items are counted over.
    public init(kind: Kind, first: CalendarDate, last: CalendarDate) {
        self.kind = kind
        self.first = first
        self.last = last
        self.description = "\(first)..\(last)"
    }

    /// The period of `kind` holding `date`.
    public init(_ kind: Kind, containing date: CalendarDate) {
        let text: String
        switch kind {
        case .weekly:
            let week = date.isoWeek
            text = "\(week.year)-W\(week.week < 10 ? "0" : "")\(week.week)"
        case .monthly: text = "\(date.year)-\(date.month < 10 ? "0" : "")\(date.month)"
        case .quarterly: text = "\(date.year)-Q\(date.quarter)"
        }
        self = ReportPeriod(kind, text)!
    }

    /// The Monday of ISO week `week` of `year`; nil when the year has no such week.
    static func monday(ofWeek week: Int, in year: Int) -> CalendarDate? {
        let january4 = CalendarDate(year: year, month: 1, day: 4)!
        let monday = january4.adding(days: 1 - january4.weekday.isoNumber).adding(days: (week - 1) * 7)
        return monday.isoWeek == (year, week) ? monday : nil
    }

    /// The period just before, e.g. what "since last week" compares with.
    public var previous: ReportPeriod { ReportPeriod(kind, containing: first.adding(days: -1)) }

    /// Whether `date` lies in the period.
    public func contains(_ date: CalendarDate) -> Bool { first <= date && date <= last }

    /// `2026年第31周（7月27日—8月2日）`, `2026年7月`, `2026年第三季度`.
    public var chineseDescription: String {
        switch kind {
        case .weekly:
            "\(first.isoWeek.year)年第\(first.isoWeek.week)周（\(first.month)月\(first.day)日—\(last.month)月\(last.day)日）"
        case .monthly: "\(first.year)年\(first.month)月"
        case .quarterly: "\(first.year)年第\(["一", "二", "三", "四"][first.quarter - 1])季度"
        }
    }
}
