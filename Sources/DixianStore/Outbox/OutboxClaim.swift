import Crypto
import Foundation

/// What a dispatcher asks for when it claims work for one channel (领取待发消息).
public struct OutboxClaimRequest: Sendable, Hashable {
    /// The channel whose messages are claimed.
    public var channel: String
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

    public init(
        channel: String, groupsAllRecipients: Bool, now: Date, limit: Int, digestWindow: TimeInterval, digestMaxItems: Int,
        lease: TimeInterval, claimer: String
    ) {
        self.channel = channel
        self.groupsAllRecipients = groupsAllRecipients
        self.now = now
        self.limit = limit
        self.digestWindow = digestWindow
        self.digestMaxItems = digestMaxItems
        self.lease = lease
        self.claimer = claimer
    }

    /// A zero window turns digests off: every message goes out alone, under its own key.
    var itemsPerMessage: Int {
        digestWindow > 0 ? max(1, digestMaxItems) : 1
    }

    /// How many not-yet-due companions the due messages may bring along: none without digests, so a
    /// claim never exceeds `limit`.
    var companionLimit: Int {
        digestWindow > 0 ? limit * itemsPerMessage : 0
    }
}

/// Claimed messages that leave as one (a single reminder, or a digest of several).
public struct OutboxGroup: Sendable, Hashable {
    /// The key the message goes out under: the single message's own key, or the digest's.
    public var key: String
    public var channel: String
    /// In send order.
    public var messages: [OutboxMessage]

    public var ids: [Int64] { messages.map(\.id) }
    public var isDigest: Bool { messages.count > 1 || messages.first?.key != key }
}

/// The pure part of claiming: which claimed messages travel together, and under which key.
public enum OutboxGrouping {
    /// Messages claimed before keep the group (and key) they were first claimed into, so a message
    /// re-sent after a crash carries the same Message-ID / webhook-id. New ones are grouped by kind
    /// (notices apart from reminders) and recipient (unless `allRecipients`), in send order, at most
    /// `maxItems` to a group.
    public static func groups(_ messages: [OutboxMessage], allRecipients: Bool, maxItems: Int) -> [OutboxGroup] {
        var groups: [OutboxGroup] = []
        var fixed: [String: [OutboxMessage]] = [:]
        var open: [String: [OutboxMessage]] = [:]
        var order: [String] = []
        for message in messages.sorted(by: { ($0.sendAt, $0.id) < ($1.sendAt, $1.id) }) {
            if let digest = message.digestKey {
                if fixed[digest] == nil { order.append("fixed:" + digest) }
                fixed[digest, default: []].append(message)
                continue
            }
            let recipient = allRecipients ? "*" : (message.recipientID ?? "*")
            let bucket = "open:\(message.kind == "notice" ? "notice" : "reminder")/\(recipient)"
            if open[bucket] == nil { order.append(bucket) }
            open[bucket, default: []].append(message)
        }
        for bucket in order {
            if bucket.hasPrefix("fixed:") {
                let key = String(bucket.dropFirst("fixed:".count))
                groups.append(OutboxGroup(key: key, channel: fixed[key]![0].channel, messages: fixed[key]!))
                continue
            }
            let members = open[bucket]!
            for start in stride(from: 0, to: members.count, by: max(1, maxItems)) {
                let chunk = Array(members[start..<min(members.count, start + max(1, maxItems))])
                groups.append(OutboxGroup(key: Self.key(for: chunk), channel: chunk[0].channel, messages: chunk))
            }
        }
        return groups
    }

    /// A single message's own key; a digest's key from its members' keys, so the same members give
    /// the same key on every replica.
    public static func key(for members: [OutboxMessage]) -> String {
        if members.count == 1 { return members[0].key }
        let digest = SHA256.hash(data: Array(members.map(\.key).sorted().joined(separator: "\n").utf8))
        return "digest/" + digest.prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}
