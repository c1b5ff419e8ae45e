import DixianCore
import Foundation

/// One period of one duty with every instant computed — what is the same for all units, so the planner
/// computes it once per duty and period and then crosses it with the units (一期任务的时间表).
public struct DutySlot: Sendable, Hashable {
    /// One planned message step: a reminder (`r<index>`, the opening reminder `r-open`) or an escalation step
    /// (`e<index>`).
    public struct Step: Sendable, Hashable {
        /// The index of the reminder at the opening instant (`notify_on_open`): below every index of the
        /// `reminders` list, so the list's steps keep their ids (and their outbox keys) whether it is on or off.
        public static let openingIndex = -1

        /// Reminder or escalation.
        public var kind: PlannedNotification.Kind
        /// The index in the duty's `reminders` or `escalation` list (stable when a sibling is dropped), or
        /// ``openingIndex``.
        public var index: Int
        /// When it goes out, after the rest-day rules and the delivery window.
        public var sendAt: Date
        /// For escalation steps: the roles to notify; empty for reminders (they go to the owner).
        public var roles: [String]

        /// `r0`, `e1`, `r-open` (plugins/README.md §8).
        public var id: String {
            if kind == .reminder, index == Self.openingIndex { return "r-open" }
            return (kind == .reminder ? "r" : "e") + String(index)
        }
    }

    /// The period.
    public var period: NominalPeriod
    /// The effective due date after `due_on_rest_day` (截止日期).
    public var dueDate: CalendarDate
    /// The effective due date at `due_time`.
    public var dueAt: Date
    /// When the occurrence opens.
    public var opensAt: Date
    /// The reminders that will be sent, ordered by instant; merged when several land on one instant.
    public var reminders: [Step]
    /// The escalation steps, in ladder order.
    public var escalations: [Step]
}
