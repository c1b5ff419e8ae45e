/// What the planner produced for a range of time: occurrences and their planned messages.
public struct SchedulePlan: Sendable, Hashable {
    /// Occurrences, ordered by due instant then key.
    public var occurrences: [PlannedOccurrence]
    /// Messages, ordered by send instant then key.
    public var notifications: [PlannedNotification]
    /// Problems that did not stop planning (no holder for a role, a year without a holiday calendar …),
    /// in Chinese, for logs and `dixian simulate`.
    public var warnings: [String]
    /// Recipients no channel of a duty could reach, one entry per duty and official, sorted.
    public var unreachable: [UnreachableRecipient]

    public init(
        occurrences: [PlannedOccurrence] = [], notifications: [PlannedNotification] = [], warnings: [String] = [],
        unreachable: [UnreachableRecipient] = []
    ) {
        self.occurrences = occurrences
        self.notifications = notifications
        self.warnings = warnings
        self.unreachable = unreachable
    }
}
