import DixianCore
import Foundation

/// Claimed messages that leave as one (a single reminder, or a digest of several).
public struct OutboxGroup: Sendable, Hashable {
    /// The key the message goes out under: the single message's own key, or the digest's.
    public var key: String
    public var channel: ChannelName
    /// In send order.
    public var messages: [OutboxMessage]

    public var ids: [Int64] { messages.map(\.id) }
    /// The month partitions its messages live in, each once; empty when any is unknown (then nothing is pruned).
    public var partitionMonths: [CalendarDate] {
        let months = messages.compactMap(\.partitionMonth)
        return months.count == messages.count ? Array(Set(months)).sorted() : []
    }
    /// The month partitions of several groups (or deliveries) together, each once; empty (unknown, nothing pruned)
    /// when any of them is unknown.
    public static func partitionMonths(joining lists: [[CalendarDate]]) -> [CalendarDate] {
        lists.contains(where: \.isEmpty) ? [] : Array(Set(lists.joined())).sorted()
    }
    /// Whether every message is a notice the daemon raised (no plan owns it).
    public var isNotice: Bool { messages.allSatisfy { $0.kind == .notice } }
    /// The highest attempt number among the messages (1 on the first try).
    public var attempt: Int { messages.map(\.attempts).max() ?? 1 }

    public init(key: String, channel: ChannelName, messages: [OutboxMessage]) {
        self.key = key
        self.channel = channel
        self.messages = messages
    }
    public var isDigest: Bool { messages.count > 1 || messages.first?.key != key }
}

