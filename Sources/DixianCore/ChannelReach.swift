/// What a channel needs to reach one official (送达条件).
///
/// An email channel (SMTP, or a maildir of emails) needs the official's own address; a group chat bot
/// posts to the group and reaches its members without one (the @-mention is a courtesy, not the route).
public enum ChannelReach: String, Sendable, Hashable, CaseIterable, Codable {
    /// The official's email address.
    case emailAddress = "email_address"
    /// Nothing of the official's: the message goes to a group.
    case group
}
