import DixianCore
import DixianDirectory
import Foundation

/// One occurrence (一期任务) as the planner computes it: a duty, at one org unit (and, for `per: official`
/// duties, for one holder), for one period. The store persists it; its ``key`` is its identity everywhere.
public struct PlannedOccurrence: Sendable, Hashable {
    /// `<plugin>.<duty>`.
    public var dutyID: String
    /// The unit the occurrence belongs to.
    public var unitCode: DivisionCode
    /// For `per: official` duties the holder; nil for `per: unit`.
    public var officialID: String?
    /// Stable period identity, e.g. `2026-07`, `2026-W31`, `2026-Q3`, `2026-H1`, `2026`, `2026-08-15`
    /// (once and RRULE forms: the nominal due date), `E<clock id>` for event duties.
    public var periodKey: PeriodKey
    /// Chinese period label, e.g. `2026年7月` (plugins/README.md §7).
    public var periodLabel: String
    /// The recurrence's nominal due date.
    public var nominalDueDate: CalendarDate
    /// The effective due date after the rest-day rule (截止日期).
    public var dueDate: CalendarDate
    /// The due instant: effective due date at the duty's `due_time` in the configured zone.
    public var dueAt: Date
    /// When it opens for confirmation and reminders.
    public var opensAt: Date
    /// Whether the owner role resolved to nobody (reminders then go to the first escalation step's roles).
    public var isUnassigned: Bool

    public init(
        dutyID: String, unitCode: DivisionCode, officialID: String?, periodKey: PeriodKey, periodLabel: String,
        nominalDueDate: CalendarDate, dueDate: CalendarDate, dueAt: Date, opensAt: Date, isUnassigned: Bool
    ) {
        self.dutyID = dutyID
        self.unitCode = unitCode
        self.officialID = officialID
        self.periodKey = periodKey
        self.periodLabel = periodLabel
        self.nominalDueDate = nominalDueDate
        self.dueDate = dueDate
        self.dueAt = dueAt
        self.opensAt = opensAt
        self.isUnassigned = isUnassigned
    }

    /// `<duty>/<unit>/<official or ->/<period>`, e.g. `employment.employment_data_update/149721001001/-/2026-07`.
    public var key: String {
        "\(dutyID)/\(unitCode)/\(officialID ?? "-")/\(periodKey)"
    }
}
