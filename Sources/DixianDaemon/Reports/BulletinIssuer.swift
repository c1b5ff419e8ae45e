import DixianCore
import DixianDispatch
import DixianNotify
import DixianPlugins
import DixianReports
import DixianScheduling
import DixianStore
import DixianTabular
import Foundation
import Logging
import PostgresNIO

/// Issues the weekly bulletin (每周通报, seed 003: 每周调度、每周通报) on the planner leader: once the configured
/// weekday and hour have come, the last complete week's bulletin is built and queued in the outbox for the
/// leading group's roles: an email with the tables and the workbook attached, and a chat summary with counts only.
struct BulletinIssuer: Sendable {
    /// How the governance plugin sets the bulletin up (`bulletin_weekday`, `bulletin_hour`, `bulletin_roles`,
    /// `bulletin_channels`).
    struct Settings: Sendable, Hashable {
        var schedule = BulletinSchedule.standard
        var roles = ["county_leader_in_charge", "county_office"]
        var channels = ["email", "chat"]

        init(plugins: PluginSet) {
            let governance = plugins.plugin(id: "governance")
            func value(_ name: String) -> ParameterValue? { governance?.parameter(named: name)?.value }
            func texts(_ name: String) -> [String]? {
                guard case .list(let items)? = value(name) else { return nil }
                return items.compactMap { if case .text(let text) = $0 { text } else { nil } }
            }
            if case .integer(let day)? = value("bulletin_weekday"), (1...7).contains(day) { schedule.weekday = Weekday.allCases[day - 1] }
            if case .integer(let hour)? = value("bulletin_hour"), let time = TimeOfDay(hour: hour, minute: 0) { schedule.time = time }
            roles = texts("bulletin_roles") ?? roles
            channels = texts("bulletin_channels") ?? channels
        }
    }

    let client: PostgresClient
    let clock: any WallClock
    let logger: Logger

    /// Issues the bulletin when one is due and was not issued yet; returns its week, or nil when nothing was due.
    func issueIfDue(_ running: RunningConfiguration, now: Date) async throws -> String? {
        let settings = Settings(plugins: running.plugins)
        guard let week = settings.schedule.dueWeek(at: now.localDateTime(in: running.configuration.zone)) else { return nil }
        let store = BulletinStore(client: client, logger: logger)
        guard try await !store.isIssued(week: week.description) else { return nil }
        let bulletin = try await ReportDesk(client: client, running: running, logger: logger, clock: clock).bulletin(week, unit: nil)
        let messages = try await self.messages(bulletin, settings: settings, running: running)
        guard try await store.issue(week: week.description, messages: messages, at: now) else { return nil }
        return week.description
    }

    /// One email per holder of each role on each email channel, one chat summary per chat channel.
    func messages(_ bulletin: WeeklyBulletin, settings: Settings, running: RunningConfiguration) async throws -> [BulletinStore.Message] {
        let content = PlainNotice(
            subject: "【每周通报】" + bulletin.title, lines: bulletin.mailLines(), chat: bulletin.chatSummary,
            office: running.configuration.office.facts, htmlBody: bulletin.htmlFragment()
        ).rendered()
        let workbook = PreparedNotice.Attachment(
            filename: bulletin.filename, contentType: MailAttachment.xlsxType, bytes: try XLSXWriter.write(bulletin.workbook()))
        let email = try PreparedNotice(content: content, attachments: [workbook]).payload()
        let chat = try PreparedNotice(content: content, attachments: []).payload()
        let holders = try await self.holders(of: settings.roles, plugins: running.plugins)
        var messages: [BulletinStore.Message] = []
        for name in settings.channels {
            guard let channel = running.configuration.channels[name] else {
                logger.warning("每周通报的渠道 \(name) 未配置, 已跳过 (bulletin channel not configured)")
                continue
            }
            guard channel.carriesEmail else {
                messages.append(.init(recipientID: nil, roleID: nil, channel: ChannelName(name), payload: chat))
                continue
            }
            messages += holders.map { .init(recipientID: $0.official, roleID: $0.role, channel: ChannelName(name), payload: email) }
        }
        return messages
    }

    /// The active holders of the roles (``DirectoryIndex/holdersEverywhere(of:sectors:)``), each official once,
    /// with the first role that named them.
    func holders(of roleIDs: [String], plugins: PluginSet) async throws -> [(official: String, role: String)] {
        let directory = DirectoryStore(client: client, logger: logger)
        let index = DirectoryIndex(units: try await directory.units(), officials: try await directory.officials())
        var seen: Set<String> = []
        var holders: [(official: String, role: String)] = []
        for roleID in roleIDs {
            guard let role = plugins.role(id: roleID) else {
                logger.warning("每周通报的角色 \(roleID) 未声明, 已跳过 (bulletin role not declared)")
                continue
            }
            for id in index.holdersEverywhere(of: role, sectors: plugins.plugins.map(\.id)) where seen.insert(id).inserted {
                holders.append((id, roleID))
            }
        }
        return holders
    }
}
