/// What an outbox row (发件箱消息) is for.
public enum OutboxKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// A reminder of an occurrence (提醒), planned by the scheduler.
    case reminder
    /// An escalation of an overdue occurrence (升级督办), planned by the scheduler.
    case escalation
    /// A notice the daemon itself raises (通知): dead letters, and the weekly bulletin (step `bulletin`). A plan
    /// never owns a notice.
    case notice

    /// Reminders and escalations belong to an occurrence's plan; notices do not.
    public var isPlanned: Bool {
        self != .notice
    }
}
