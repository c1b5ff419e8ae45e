import DixianCore
import Foundation

/// One row of the outbox (发件箱): a message that will leave the machine, identified by its key.
public struct OutboxMessage: Sendable, Hashable, Codable {
    public var id: Int64
    /// The idempotency key: (occurrence, step, recipient, channel).
    public var key: String
    public var occurrenceID: Int64?
    public var kind: OutboxKind
    public var step: String?
    public var recipientID: String?
    public var roleID: String?
    public var channel: ChannelName
    public var sendAt: Date
    public var status: OutboxStatus
    /// Sent late after downtime, standing in for the missed messages of the same occurrence (补发).
    public var isCatchUp: Bool
    public var attempts: Int
    /// A failed message waits until then before the next attempt.
    public var retryAt: Date? = nil
    /// Why the last attempt failed, or why the message was cancelled.
    public var lastError: String? = nil
    /// The digest (汇总提醒) the message was claimed into: its own key when it went alone.
    public var digestKey: String? = nil
    /// The key of the message that delivered it.
    public var deliveredAs: String? = nil
    public var sentAt: Date? = nil
    /// Facts the message needs besides its occurrence (a dead-letter notice's subject), as JSON text.
    public var payload: String = "{}"
    /// The month partition (按月分区) the row lives in; nil when not known. Updates name it so that PostgreSQL plans
    /// them for that month only, not for every month of the table.
    public var partitionMonth: CalendarDate? = nil

    /// A message as a row holds it; the optional columns default to a fresh row's values.
    public init(
        id: Int64, key: String, occurrenceID: Int64?, kind: OutboxKind, step: String?, recipientID: String?, roleID: String?,
        channel: ChannelName, sendAt: Date, status: OutboxStatus, isCatchUp: Bool, attempts: Int, retryAt: Date? = nil,
        lastError: String? = nil, digestKey: String? = nil, deliveredAs: String? = nil, sentAt: Date? = nil,
        payload: String = "{}", partitionMonth: CalendarDate? = nil
    ) {
        self.id = id
        self.key = key
        self.occurrenceID = occurrenceID
        self.kind = kind
        self.step = step
        self.recipientID = recipientID
        self.roleID = roleID
        self.channel = channel
        self.sendAt = sendAt
        self.status = status
        self.isCatchUp = isCatchUp
        self.attempts = attempts
        self.retryAt = retryAt
        self.lastError = lastError
        self.digestKey = digestKey
        self.deliveredAs = deliveredAs
        self.sentAt = sentAt
        self.payload = payload
        self.partitionMonth = partitionMonth
    }

    enum CodingKeys: String, CodingKey {
        case id, key
        case occurrenceID = "occurrence_id"
        case kind, step
        case recipientID = "recipient_id"
        case roleID = "role_id"
        case channel
        case sendAt = "send_at"
        case status
        case isCatchUp = "catch_up"
        case attempts
        case retryAt = "retry_at"
        case lastError = "last_error"
        case digestKey = "digest_key"
        case deliveredAs = "delivered_as"
        case sentAt = "sent_at"
        case payload
    }
}
