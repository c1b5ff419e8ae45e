import DixianCore
import DixianDirectory
import DixianDispatch
import DixianNotify
import DixianPlugins
import DixianScheduling
import Foundation
import Testing

@Suite("Pipeline stages decide without a database")
struct PipelineStageTests {
    static let start = Date(timeIntervalSince1970: 1_783_000_000)

    func message(_ id: Int64, kind: OutboxKind = .reminder, sentAt offset: TimeInterval = 0, attempts: Int = 1) -> OutboxMessage {
        OutboxMessage(
            id: id, key: "occ\(id)/r0/a/email", occurrenceID: id, kind: kind, step: "r0", recipientID: "a", roleID: nil,
            channel: "email", sendAt: Self.start.addingTimeInterval(offset), status: .sending, isCatchUp: false, attempts: attempts)
    }

    @Test("catch-up keeps only the latest due message of an occurrence and recipient")
    func catchUpKeepsLatest() {
        let candidates = [
            CatchUp.Candidate(id: 1, occurrenceID: 10, recipientID: "a", sendAt: Self.start),
            CatchUp.Candidate(id: 2, occurrenceID: 10, recipientID: "a", sendAt: Self.start.addingTimeInterval(3600)),
            CatchUp.Candidate(id: 3, occurrenceID: 10, recipientID: "a", sendAt: Self.start.addingTimeInterval(60)),
            CatchUp.Candidate(id: 4, occurrenceID: 10, recipientID: "b", sendAt: Self.start),
            CatchUp.Candidate(id: 5, occurrenceID: 11, recipientID: "a", sendAt: Self.start),
            CatchUp.Candidate(id: 6, occurrenceID: 12, recipientID: nil, sendAt: Self.start),
            CatchUp.Candidate(id: 7, occurrenceID: 12, recipientID: nil, sendAt: Self.start.addingTimeInterval(1)),
        ]
        #expect(CatchUp.superseded(candidates) == [1, 3])
        #expect(CatchUp.superseded(candidates.reversed()) == [1, 3], "order of the rows does not matter")
        #expect(CatchUp.isCatchUp(sendAt: Self.start, now: Self.start.addingTimeInterval(16 * 60)))
        #expect(!CatchUp.isCatchUp(sendAt: Self.start, now: Self.start.addingTimeInterval(14 * 60)))
    }

    @Test("a failure becomes a disabled channel, a retry or a dead letter")
    func deliveryDecisions() {
        let policy = RetryPolicy(initialDelay: 30, maximumDelay: 3600, maximumAttempts: 3, maximumAge: 86_400)
        let group = OutboxGroup(key: "k", channel: "email", messages: [message(1, attempts: 1)])
        let now = Self.start.addingTimeInterval(60)
        #expect(DeliveryDecision.after(DeliveryFailure(.endpointGone, "HTTP 410"), group: group, policy: policy, now: now, unitRandom: 0.5)
            == .disableChannel(reason: "HTTP 410"))
        #expect(DeliveryDecision.after(DeliveryFailure(.transient, "HTTP 503"), group: group, policy: policy, now: now, unitRandom: 0.5)
            == .retry(after: 15))
        guard case .deadLetter = DeliveryDecision.after(
            DeliveryFailure(.permanent, "SMTP 550"), group: group, policy: policy, now: now, unitRandom: 0.5)
        else { Issue.record("a permanent failure is dead at once"); return }
        let third = OutboxGroup(key: "k", channel: "email", messages: [message(1, attempts: 3)])
        guard case .deadLetter = DeliveryDecision.after(
            DeliveryFailure(.transient, "HTTP 503"), group: third, policy: policy, now: now, unitRandom: 0.5)
        else { Issue.record("the last attempt is dead"); return }
    }

    @Test("dead-letter notices go to the role's holders, and never for a notice")
    func deadLetterRecipients() throws {
        let plugins = try PluginLoader.load(pluginsDirectory: RenderingFixtures.repositoryRoot + "/plugins", overridesDirectory: nil)
        let county = try DivisionCode(validating: "149721000000")
        let town = try DivisionCode(validating: "149721101000")
        let units = [
            OrgUnit(code: county, name: "岚川县", parentCode: nil),
            OrgUnit(code: town, name: "七家镇", parentCode: county),
        ]
        func official(_ id: String, _ unit: DivisionCode, _ roles: [String], active: Bool = true) -> Official {
            Official(id: id, name: id, roles: roles, orgUnitCode: unit, active: active)
        }
        let officials = [
            official("office1", county, ["county_office"]), official("office2", county, ["county_office"]),
            official("gone", county, ["county_office"], active: false), official("townie", town, ["county_office"]),
        ]
        let index = DirectoryIndex(units: units, officials: officials)
        let group = OutboxGroup(key: "k", channel: "email", messages: [message(1)])
        let notice = try #require(DeadLetterNotice.forGroup(group, role: "county_office", channel: "email", plugins: plugins, directory: index))
        #expect(notice.recipientIDs == ["office1", "office2"])
        let notices = OutboxGroup(key: "n", channel: "email", messages: [message(2, kind: .notice)])
        #expect(DeadLetterNotice.forGroup(notices, role: "county_office", channel: "email", plugins: plugins, directory: index) == nil)
        #expect(DeadLetterNotice.forGroup(group, role: "nobody", channel: "email", plugins: plugins, directory: index)?.recipientIDs == [])
    }

    @Test("a prepared notice goes out as issued: its own digest, the attachment on email only, and never a dead-letter list")
    func preparedNotice() throws {
        let content = PlainNotice(
            subject: "【每周通报】测试", lines: ["逾期 3 项"], chat: "【每周通报】逾期3项", office: RenderingFixtures.office
        ).rendered()
        let file = PreparedNotice.Attachment(filename: "通报.xlsx", contentType: MailAttachment.xlsxType, bytes: [1, 2, 3])
        var row = message(9, kind: .notice)
        row.payload = try PreparedNotice(content: content, attachments: [file]).payload()
        let group = OutboxGroup(key: row.key, channel: "email", messages: [row])
        #expect(PreparedNotice.carried(by: group)?.attachments == [file])
        let plugins = try PluginLoader.load(pluginsDirectory: RenderingFixtures.repositoryRoot + "/plugins", overridesDirectory: nil)
        let composer = NotificationComposer(
            plugins: plugins, renderer: RenderingFixtures.renderer, office: RenderingFixtures.office, links: nil,
            timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        let directory = DixianDispatch.DirectorySnapshot()
        let email = try composer.compose(group, carriesEmail: true, occurrences: [:], directory: directory, now: Self.start)
        #expect(email.content == content)
        #expect(email.attachments.map(\.filename) == ["通报.xlsx"] && email.attachments.first?.bytes == [1, 2, 3])
        let chat = try composer.compose(group, carriesEmail: false, occurrences: [:], directory: directory, now: Self.start)
        #expect(chat.attachments.isEmpty && chat.content.chat == "【每周通报】逾期3项")
        var dead = message(10, kind: .notice)
        dead.payload = #"{"dead_id": 1, "dead_key": "k", "dead_channel": "email"}"#
        #expect(PreparedNotice.carried(by: OutboxGroup(key: dead.key, channel: "email", messages: [dead])) == nil)
        #expect(PreparedNotice.carried(by: OutboxGroup(key: "d", channel: "email", messages: [row, dead])) == nil, "a digest never carries one")
    }
}
