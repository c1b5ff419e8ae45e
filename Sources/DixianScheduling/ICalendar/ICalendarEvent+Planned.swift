import Foundation

extension ICalendarEvent {
    /// The event of a planned occurrence.
    ///
    /// - Parameters:
    ///   - reminders: the feed owner's planned messages; those of this occurrence of kind `reminder`
    ///     become alarms, one per distinct instant (the same reminder on email and chat is one alarm).
    ///     Escalations are not alarms: they are addressed to supervisors.
    public init(
        occurrence: PlannedOccurrence, dutyTitle: String, description: String, status: Status, url: String? = nil,
        reminders: [PlannedNotification] = []
    ) {
        let summary = Self.summary(dutyTitle: dutyTitle, periodLabel: occurrence.periodLabel)
        let instants = Set(
            reminders.lazy.filter { $0.occurrenceKey == occurrence.key && $0.kind == .reminder }.map(\.sendAt)
        )
        self.init(
            uid: Self.uid(occurrenceKey: occurrence.key), summary: summary, description: description,
            dueAt: occurrence.dueAt, opensAt: occurrence.opensAt, status: status, url: url,
            alarms: instants.sorted().map { Alarm(at: $0, description: "提醒：\(summary)") }
        )
    }
}
