import DixianCore
import Foundation

/// One message the scheduler plans for an occurrence: a reminder (提醒) or an escalation step (升级督办),
/// for one recipient on one channel. It becomes one outbox row, keyed by ``key``.
public struct PlannedNotification: Sendable, Hashable {
    /// Reminder to the owner, or escalation to a supervisor.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case reminder
        case escalation
    }

    /// The occurrence's ``PlannedOccurrence/key``.
    public var occurrenceKey: String
    /// `r<index>` for the duty's reminders, `e<index>` for escalation steps (plugins/README.md §8).
    public var step: String
    /// Reminder or escalation.
    public var kind: Kind
    /// When it should go out, after rest-day and working-hours rules.
    public var sendAt: Date
    /// The official it is addressed to.
    public var recipientID: String
    /// The role through which the recipient receives it.
    public var roleID: String
    /// The channel name (`email`, `chat`, …).
    public var channel: ChannelName

    public init(
        occurrenceKey: String, step: String, kind: Kind, sendAt: Date, recipientID: String, roleID: String,
        channel: ChannelName
    ) {
        self.occurrenceKey = occurrenceKey
        self.step = step
        self.kind = kind
        self.sendAt = sendAt
        self.recipientID = recipientID
        self.roleID = roleID
        self.channel = channel
    }

    /// The idempotency key (DESIGN.md principle 3): occurrence, step, recipient, channel.
    public var key: String {
        "\(occurrenceKey)/\(step)/\(recipientID)/\(channel)"
    }
}
