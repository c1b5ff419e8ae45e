/// Where an outbox row stands (发送状态).
public enum OutboxStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Waiting for its send time, or for its next attempt.
    case pending
    /// Claimed by a dispatcher that is sending it now.
    case sending
    /// Delivered.
    case sent
    /// Failed for good without being dead-lettered (kept for older rows).
    case failed
    /// Given up after its attempts or age (死信); the county office is told.
    case dead
    /// Withdrawn: its occurrence was done, waived or replanned, or an operator cancelled it.
    case cancelled
    /// Missed during downtime and stood in for by a later message of the same occurrence (补发).
    case superseded

    /// Whether the row can still go out.
    public var isOpen: Bool {
        self == .pending || self == .sending
    }
}
