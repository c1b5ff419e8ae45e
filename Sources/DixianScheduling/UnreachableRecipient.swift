import DixianCore

/// A recipient the plan could not address on any channel of a duty (无法送达): for example an official
/// without an email address, on a duty that only sends email and names no fallback channel.
public struct UnreachableRecipient: Sendable, Hashable, Comparable, Codable {
    /// `<plugin>.<duty>`.
    public var dutyID: String
    public var officialID: String
    /// The channels that could not reach the official, fallbacks included.
    public var channels: [ChannelName]

    public init(dutyID: String, officialID: String, channels: [ChannelName]) {
        self.dutyID = dutyID
        self.officialID = officialID
        self.channels = channels
    }

    enum CodingKeys: String, CodingKey {
        case dutyID = "duty_id"
        case officialID = "official_id"
        case channels
    }

    public static func < (lhs: UnreachableRecipient, rhs: UnreachableRecipient) -> Bool {
        (lhs.dutyID, lhs.officialID) < (rhs.dutyID, rhs.officialID)
    }
}
