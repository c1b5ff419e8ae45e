import DixianNotify
import DixianStore
import Foundation

extension NotificationComposer {
    /// Interim rendering until the template renderer is merged.
    func renderReminders(
        _ group: OutboxGroup, channel: Configuration.Channel, snapshot: DirectoryCache.Snapshot, now: Date
    ) async throws -> RenderedContent {
        let ids = group.messages.compactMap(\.occurrenceID)
        let occurrences = try await schedule.occurrences(ids: ids, now: now)
        let titles = occurrences.map { running().plugins.duty(qualifiedID: $0.dutyID)?.title ?? $0.dutyID }
        let text = titles.joined(separator: "\n")
        return RenderedContent(subject: "【工作提醒】" + (titles.first ?? ""), text: text, chat: text)
    }
}
