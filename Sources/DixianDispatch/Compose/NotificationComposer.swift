import DixianCore
import DixianLinks
import DixianNotify
import DixianPlugins
import DixianScheduling
import Foundation

/// Turns a claimed group of outbox rows into a ``DixianNotify/Notification`` (组装消息): fills the plugins'
/// templates (one message, or a digest of several), names the recipients, and adds the signed
/// confirmation link. Pure: the caller reads the occurrences and the directory, the transport sends.
public struct NotificationComposer: Sendable {
    /// The occurrences a group's rows belong to, by id, each with the event it counts from.
    public typealias Occurrences = [Int64: (occurrence: OccurrenceRecord, event: OccurrenceEvent?)]

    public let plugins: PluginSet
    /// The plugins' compiled templates.
    public let renderer: MessageRenderer
    /// The sending office, named in every footer.
    public let office: ReminderFacts.Office
    /// Signs the one-click links; nil sends none.
    public let links: ActionLinks?
    public let timeZone: TimeZone

    public init(plugins: PluginSet, renderer: MessageRenderer, office: ReminderFacts.Office, links: ActionLinks?, timeZone: TimeZone) {
        self.plugins = plugins
        self.renderer = renderer
        self.office = office
        self.links = links
        self.timeZone = timeZone
    }

    /// The notification for `group`, as of `now`. `carriesEmail` tells a mailbox channel (one message
    /// per official, with their link) from a group chat (one message for the group, members @-mentioned).
    public func compose(
        _ group: OutboxGroup, carriesEmail: Bool, occurrences: Occurrences, directory: DirectorySnapshot, now: Date
    ) throws -> DixianNotify.Notification {
        let content: RenderedContent
        var attachments: [MailAttachment] = []
        if let prepared = PreparedNotice.carried(by: group) {
            content = prepared.content
            if carriesEmail { attachments = try prepared.mailAttachments() }
        } else if group.isNotice {
            content = DeadLetterNoticeText.render(group.messages, office: office, snapshot: directory)
        } else {
            content = try self.renderReminders(group, carriesEmail: carriesEmail, occurrences: occurrences, snapshot: directory, now: now)
        }
        var attributes = ["kind": group.messages[0].kind.rawValue, "items": "\(group.messages.count)"]
        if group.messages.count == 1, let step = group.messages[0].step { attributes["step"] = step }
        return DixianNotify.Notification(
            key: group.key, channel: group.channel.rawValue, createdAt: now, recipients: Self.recipients(of: group, in: directory),
            content: content, deliveryKeys: group.messages.map(\.key), attributes: attributes, attachments: attachments)
    }

    /// One recipient per official the group's rows address, in row order.
    public static func recipients(of group: OutboxGroup, in snapshot: DirectorySnapshot) -> [NotificationRecipient] {
        var seen: Set<String> = []
        return group.messages.compactMap { message -> NotificationRecipient? in
            guard let id = message.recipientID, seen.insert(id).inserted else { return nil }
            let official = snapshot.officials[id]
            return NotificationRecipient(id: id, name: official?.name ?? id, email: official?.email, mobile: official?.mobile)
        }
    }
}
