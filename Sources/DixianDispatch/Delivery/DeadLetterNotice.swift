import DixianCore
import DixianDirectory
import DixianPlugins
import DixianScheduling

/// A notice to the county office that messages were dead-lettered (死信通知): who is told, and how.
///
/// The recipients are the holders of the configured role, resolved the way the planner resolves every
/// role (``DirectoryIndex/resolve(_:from:sector:)``), so there is one answer to "who holds this role".
public struct DeadLetterNotice: Sendable, Hashable {
    /// The role whose holders are told (default `county_office`).
    public var role: String
    /// The channel the notice goes out on.
    public var channel: ChannelName
    /// The officials told, one notice each per dead message.
    public var recipientIDs: [String]

    public init(role: String, channel: ChannelName, recipientIDs: [String]) {
        self.role = role
        self.channel = channel
        self.recipientIDs = recipientIDs
    }

    /// The notice for a group that was dead-lettered, nil for a group of notices: a notice that failed is
    /// never noticed again, or one broken channel would feed itself.
    public static func forGroup(
        _ group: OutboxGroup, role roleID: String, channel: ChannelName, plugins: PluginSet, directory: DirectoryIndex
    ) -> DeadLetterNotice? {
        guard !group.isNotice else { return nil }
        return DeadLetterNotice(role: roleID, channel: channel, recipientIDs: holders(of: roleID, plugins: plugins, directory: directory))
    }

    /// The active holders of `roleID` at every unit of the role's level (the county office sits at county
    /// level), in directory order.
    static func holders(of roleID: String, plugins: PluginSet, directory: DirectoryIndex) -> [String] {
        guard let role = plugins.role(id: roleID) else { return [] }
        return directory.holdersEverywhere(of: role, sectors: plugins.plugins.map(\.id))
    }
}
