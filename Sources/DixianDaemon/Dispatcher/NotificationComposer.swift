import DixianCore
import DixianDirectory
import DixianNotify
import DixianPlugins
import DixianStore
import Foundation
import Logging

/// Turns claimed outbox rows into a ``Notification``: loads their occurrences and recipients, fills the
/// plugins' templates (one message, or a digest of several), and adds the signed confirmation link.
struct NotificationComposer: Sendable {
    let schedule: ScheduleStore
    let directory: DirectoryCache
    let renderers = RendererCache()
    let running: @Sendable () -> RunningConfiguration
    let links: ActionLinks?
    let timeZone: TimeZone
    let logger: Logger

    init(
        schedule: ScheduleStore, directory: DirectoryStore, running: @escaping @Sendable () -> RunningConfiguration,
        links: ActionLinks?, timeZone: TimeZone, logger: Logger
    ) {
        self.schedule = schedule
        self.directory = DirectoryCache(schedule: schedule, directory: directory)
        self.running = running
        self.links = links
        self.timeZone = timeZone
        self.logger = logger
    }

    /// The notification for `group` on `channel`, as of `now`.
    func compose(_ group: OutboxGroup, channel: Configuration.Channel, now: Date) async throws -> DixianNotify.Notification {
        let snapshot = try await directory.current()
        let recipients = Self.recipients(of: group, in: snapshot)
        let content: RenderedContent
        if group.messages.allSatisfy({ $0.kind == "notice" }) {
            content = DeadLetterNoticeText.render(group.messages, office: running().configuration.office, snapshot: snapshot)
        } else {
            content = try await self.renderReminders(group, channel: channel, snapshot: snapshot, now: now)
        }
        var attributes = ["kind": group.messages[0].kind, "items": "\(group.messages.count)"]
        if group.messages.count == 1, let step = group.messages[0].step { attributes["step"] = step }
        return DixianNotify.Notification(
            key: group.key, channel: channel.name, createdAt: now, recipients: recipients, content: content,
            deliveryKeys: group.messages.map(\.key), attributes: attributes)
    }

    static func recipients(of group: OutboxGroup, in snapshot: DirectoryCache.Snapshot) -> [NotificationRecipient] {
        var seen: Set<String> = []
        return group.messages.compactMap { message -> NotificationRecipient? in
            guard let id = message.recipientID, seen.insert(id).inserted else { return nil }
            let official = snapshot.officials[id]
            return NotificationRecipient(id: id, name: official?.name ?? id, email: official?.email, mobile: official?.mobile)
        }
    }
}
