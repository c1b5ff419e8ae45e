import DixianCore
import Foundation

/// What a dispatcher asks for when it claims work for one channel (领取待发消息).
public struct OutboxClaimRequest: Sendable, Hashable {
    /// The channel whose messages are claimed.
    public var channel: ChannelName
    /// Whether the channel is a group chat: then one digest gathers every recipient's messages
    /// (the group sees them together); otherwise digests are per recipient.
    public var groupsAllRecipients: Bool
    /// The dispatcher's clock.
    public var now: Date
    /// At most this many due messages start a claim (digests may add the ones within the window).
    public var limit: Int
    /// Messages of the same digest planned up to this long after `now` go out with the due ones.
    public var digestWindow: TimeInterval
    /// At most this many messages in one digest.
    public var digestMaxItems: Int
    /// How long the claim holds if its dispatcher's session cannot be checked.
    public var lease: TimeInterval
    /// The claiming dispatcher's session, from ``OutboxStore/sessionIdentity(_:logger:)``.
    public var claimer: String
    /// Whether this claim first decides catch-up (``CatchUp``): which due messages a later one of the same
    /// occurrence and recipient supersedes. That reads every due message of the channel, so a lane decides it
    /// once per wake and not for each batch of a long drain, whose cost would then grow with the backlog.
    public var decidesCatchUp: Bool

    public init(
        channel: ChannelName, groupsAllRecipients: Bool, now: Date, limit: Int, digestWindow: TimeInterval, digestMaxItems: Int,
        lease: TimeInterval, claimer: String, decidesCatchUp: Bool = true
    ) {
        self.channel = channel
        self.groupsAllRecipients = groupsAllRecipients
        self.now = now
        self.limit = limit
        self.digestWindow = digestWindow
        self.digestMaxItems = digestMaxItems
        self.lease = lease
        self.claimer = claimer
        self.decidesCatchUp = decidesCatchUp
    }

    /// A zero window turns digests off: every message goes out alone, under its own key.
    public var itemsPerMessage: Int {
        digestWindow > 0 ? max(1, digestMaxItems) : 1
    }

    /// How many not-yet-due companions the due messages may bring along: none without digests, so a
    /// claim never exceeds `limit`.
    public var companionLimit: Int {
        digestWindow > 0 ? limit * itemsPerMessage : 0
    }
}

