import Crypto
import Foundation

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
            let bucket = "open:\(message.kind.isPlanned ? "planned" : "notice")/\(recipient)"
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
