import DixianCore
import DixianDispatch
import DixianPlugins
import DixianScheduling
import DixianStore
import DixianTestSupport
import Foundation
import PostgresNIO
import Testing

@Suite("The dispatcher's claims: digests, crash recovery, retries, dead letters")
struct OutboxDispatchTests {
    let july1 = ScheduleFixture.instant(CalendarDate(year: 2026, month: 7, day: 1)!, hour: 0)
    /// The first reminder of the fixture's July occurrences (3 days before the 10th, 09:00).
    let firstReminder = ScheduleFixture.instant(CalendarDate(year: 2026, month: 7, day: 7)!, hour: 9)

    /// Two duties due the same day: every cadre has two reminders at the same instant.
    func applyTwoDuties(_ fixture: ScheduleFixture, villages: Int) async throws {
        var plan = fixture.plan(duty: "test.monthly", months: [7], villageCount: villages, reminderDays: [3])
        let other = fixture.plan(duty: "test.other", months: [7], villageCount: villages, reminderDays: [3])
        plan.occurrences += other.occurrences
        plan.notifications += other.notifications
        _ = try await fixture.store.apply(plan, scope: ScheduleFixture.scope(["test.monthly", "test.other"], after: july1))
    }

    func request(_ now: Date, claimer: String, window: TimeInterval = 600, limit: Int = 100) -> OutboxClaimRequest {
        OutboxClaimRequest(
            channel: "email", groupsAllRecipients: false, now: now, limit: limit, digestWindow: window, digestMaxItems: 20,
            lease: 600, claimer: claimer)
    }

    /// The dead-letter notice of a group for the demo county's `county_office` holders, by email.
    func deadLetterNotices(_ fixture: ScheduleFixture) throws -> (OutboxGroup) -> DeadLetterNotice? {
        let plugins = try PluginLoader.load(
            pluginsDirectory: PluginRoles.repositoryRoot.appendingPathComponent("plugins").path, overridesDirectory: nil)
        let index = DirectoryIndex(units: fixture.demo.units, officials: fixture.demo.officials)
        return { group in
            DeadLetterNotice.forGroup(group, role: "county_office", channel: "email", plugins: plugins, directory: index)
        }
    }

    func liveSession(_ fixture: ScheduleFixture) async throws -> String {
        try await fixture.client.withConnection { try await OutboxStore.sessionIdentity($0, logger: TestDatabase.logger) }
    }

    @Test("a recipient's reminders due together go out as one digest with a key derived from its members")
    func digestPerRecipient() async throws {
        try await ScheduleFixture.with { fixture in
            try await applyTwoDuties(fixture, villages: 2)
            let cadres = fixture.villages(2).flatMap(\.cadres)
            let groups = try await fixture.outbox.claim(request(firstReminder, claimer: try await liveSession(fixture)))
            #expect(groups.count == cadres.count)
            #expect(groups.allSatisfy { $0.messages.count == 2 && $0.key.hasPrefix("digest/") && $0.isDigest })
            #expect(Set(groups.map(\.key)).count == groups.count)
            for group in groups {
                #expect(Set(group.messages.map(\.recipientID)).count == 1)
                #expect(group.key == OutboxGrouping.key(for: group.messages))
            }
            let stored = try await fixture.outbox.messages(from: .distantPast, to: .distantFuture)
            #expect(stored.allSatisfy { $0.status == .sending && $0.digestKey != nil })
        }
    }

    @Test("a zero window sends one message per reminder under its own key")
    func noDigest() async throws {
        try await ScheduleFixture.with { fixture in
            _ = try await fixture.store.apply(
                fixture.plan(months: [7], villageCount: 1, reminderDays: [3, 1]), scope: ScheduleFixture.scope(after: july1))
            let groups = try await fixture.outbox.claim(request(firstReminder, claimer: try await liveSession(fixture), window: 0))
            #expect(!groups.isEmpty)
            #expect(groups.allSatisfy { $0.messages.count == 1 && $0.key == $0.messages[0].key && !$0.isDigest })
        }
    }

    @Test("claims of a session that is gone are taken back and re-sent in the same digest; live claims are not")
    func crashRecovery() async throws {
        try await ScheduleFixture.with { fixture in
            try await applyTwoDuties(fixture, villages: 1)
            let live = try await liveSession(fixture)
            let first = try await fixture.outbox.claim(request(firstReminder, claimer: "999999@0"))
            #expect(!first.isEmpty)
            #expect(try await fixture.outbox.claim(request(firstReminder, claimer: live)).isEmpty, "claimed rows were handed out twice")
            #expect(try await fixture.outbox.reclaimAbandoned(now: firstReminder) == first.reduce(0) { $0 + $1.messages.count })
            let again = try await fixture.outbox.claim(request(firstReminder.addingTimeInterval(5), claimer: live))
            #expect(Set(again.map(\.key)) == Set(first.map(\.key)))
            #expect(again.allSatisfy { $0.messages.allSatisfy { $0.attempts == 2 } })
            // A live session's claim stays until its lease ends.
            #expect(try await fixture.outbox.reclaimAbandoned(now: firstReminder.addingTimeInterval(60)) == 0)
            // Claimed at +5 s with a 600 s lease.
            #expect(try await fixture.outbox.reclaimAbandoned(now: firstReminder.addingTimeInterval(604)) == 0)
            #expect(try await fixture.outbox.reclaimAbandoned(now: firstReminder.addingTimeInterval(606)) > 0)
        }
    }

    @Test("a message waiting to retry is not claimed before its retry time, then goes out under the same key")
    func retryWaits() async throws {
        try await ScheduleFixture.with { fixture in
            try await applyTwoDuties(fixture, villages: 1)
            let live = try await liveSession(fixture)
            let groups = try await fixture.outbox.claim(request(firstReminder, claimer: live))
            let group = try #require(groups.first)
            try await fixture.outbox.markRetry(ids: group.ids, at: firstReminder.addingTimeInterval(120), error: "transient: SMTP 451")
            let early = try await fixture.outbox.claim(request(firstReminder.addingTimeInterval(60), claimer: live))
            #expect(!early.contains { $0.key == group.key })
            let later = try await fixture.outbox.claim(request(firstReminder.addingTimeInterval(121), claimer: live))
            let retried = try #require(later.first { $0.key == group.key })
            #expect(Set(retried.ids) == Set(group.ids))
            try await fixture.outbox.markDelivered(ids: retried.ids, deliveredAs: retried.key, at: firstReminder.addingTimeInterval(122))
            let sent = try #require(try await fixture.outbox.message(id: group.ids[0]))
            #expect(sent.status == .sent && sent.deliveredAs == group.key && sent.lastError == nil)
        }
    }

    @Test("a dead letter tells every county office holder once, and a dead notice tells nobody")
    func deadLetters() async throws {
        try await ScheduleFixture.with { fixture in
            try await applyTwoDuties(fixture, villages: 1)
            let live = try await liveSession(fixture)
            let group = try #require(try await fixture.outbox.claim(request(firstReminder, claimer: live)).first)
            let notice = try deadLetterNotices(fixture)
            let queued = try await fixture.outbox.markDead(ids: group.ids, error: "permanent: SMTP 550", at: firstReminder, notice: notice(group))
            let holders = fixture.demo.officials.filter { $0.roles.contains("county_office") && $0.active }.count
            #expect(holders > 0)
            #expect(queued == group.messages.count * holders)
            let dead = try #require(try await fixture.outbox.message(id: group.ids[0]))
            #expect(dead.status == .dead && dead.lastError == "permanent: SMTP 550")
            let notices = try await fixture.outbox.list(OutboxFilter(status: .pending, channel: "email", limit: 1000)).filter { $0.kind == .notice }
            #expect(notices.count == queued)
            // Each dead message is named by exactly one notice per holder.
            let named = notices.compactMap { notice -> String? in
                let object = try? JSONSerialization.jsonObject(with: Data(notice.payload.utf8)) as? [String: Any]
                return object?["dead_key"] as? String
            }
            #expect(named.count == notices.count)
            #expect(Dictionary(grouping: named, by: { $0 }).mapValues(\.count) == Dictionary(uniqueKeysWithValues: group.messages.map { ($0.key, holders) }))
            // Notices are claimed apart from reminders and never produce notices themselves.
            let noticeGroups = try await fixture.outbox.claim(request(firstReminder.addingTimeInterval(1), claimer: live))
            let noticeGroup = try #require(noticeGroups.first { $0.messages.allSatisfy { $0.kind == .notice } })
            #expect(try await fixture.outbox.markDead(ids: noticeGroup.ids, error: "permanent", at: firstReminder, notice: notice(noticeGroup)) == 0)
        }
    }

    /// Two duties planned for one village, the first claimed group dead-lettered: the group and how many
    /// notices were queued (at least one).
    func deadLetteredGroup(_ fixture: ScheduleFixture) async throws -> (OutboxGroup, Int) {
        try await applyTwoDuties(fixture, villages: 1)
        let live = try await liveSession(fixture)
        let group = try #require(try await fixture.outbox.claim(request(firstReminder, claimer: live)).first)
        let queued = try await fixture.outbox.markDead(
            ids: group.ids, error: "permanent: SMTP 550", at: firstReminder, notice: try deadLetterNotices(fixture)(group))
        #expect(queued > 0)
        return (group, queued)
    }

    @Test("a dead-letter notice tied to an occurrence survives a replan and a withdrawal of that occurrence")
    func noticesOutliveReplanning() async throws {
        try await ScheduleFixture.with { fixture in
            let (_, queued) = try await deadLetteredGroup(fixture)
            func pendingNotices() async throws -> [OutboxMessage] {
                try await fixture.outbox.messages(from: .distantPast, to: .distantFuture)
                    .filter { $0.kind == .notice && $0.status == .pending }
            }
            #expect(try await pendingNotices().count == queued)
            // A replan (the restart's first tick): the reminders move, the notices stay.
            var moved = fixture.plan(duty: "test.monthly", months: [7], villageCount: 1, reminderDays: [2])
            let other = fixture.plan(duty: "test.other", months: [7], villageCount: 1, reminderDays: [2])
            moved.occurrences += other.occurrences
            moved.notifications += other.notifications
            // The dead reminders keep their keys; the plan writes the same occurrences, whose rows it sweeps.
            let replanned = try await fixture.store.apply(moved, scope: ScheduleFixture.scope(["test.monthly", "test.other"], after: july1))
            #expect(replanned.occurrencesAdded == 0)
            #expect(try await pendingNotices().count == queued)
            // Both duties disabled: every occurrence is withdrawn, its reminders cancelled, the notices still pending.
            let withdrawn = try await fixture.store.apply(SchedulePlan(), scope: ScheduleFixture.scope([], after: july1))
            #expect(withdrawn.occurrencesWithdrawn > 0)
            let all = try await fixture.outbox.messages(from: .distantPast, to: .distantFuture)
            #expect(all.filter { $0.kind != .notice && $0.status == .pending }.isEmpty)
            #expect(try await pendingNotices().count == queued)
            #expect(all.filter { $0.kind == .notice && $0.status == .cancelled }.isEmpty)
        }
    }

    @Test("completing or waiving the occurrence cancels its reminders but not the notice of a dead one")
    func noticesOutliveCompletion() async throws {
        try await ScheduleFixture.with { fixture in
            let (group, _) = try await deadLetteredGroup(fixture)
            let occurrenceID = try #require(group.messages.first?.occurrenceID)
            let before = try await fixture.outbox.messages(occurrenceID: occurrenceID)
            let notices = before.filter { $0.kind == .notice && $0.status == .pending }.count
            let reminders = before.filter { $0.kind != .notice && $0.status == .pending }.count
            #expect(notices > 0, "the dead message's notices name its occurrence")
            _ = try await fixture.store.complete(
                occurrenceID: occurrenceID, Completion(actor: "tester", actorIsOfficial: false, channel: .cli, at: firstReminder))
            let after = try await fixture.outbox.messages(occurrenceID: occurrenceID)
            #expect(after.filter { $0.kind != .notice && $0.status == .pending }.isEmpty, "its reminders are cancelled")
            #expect(after.filter { $0.kind != .notice && $0.status == .cancelled }.count >= reminders)
            #expect(after.filter { $0.kind == .notice && $0.status == .pending }.count == notices, "its notices stay")
        }
    }

    @Test("outbox retry and cancel change only allowed messages and leave an audit entry")
    func adminCommands() async throws {
        try await ScheduleFixture.with { fixture in
            try await applyTwoDuties(fixture, villages: 1)
            let live = try await liveSession(fixture)
            let group = try #require(try await fixture.outbox.claim(request(firstReminder, claimer: live)).first)
            _ = try await fixture.outbox.markDead(ids: group.ids, error: "permanent: HTTP 400", at: firstReminder, notice: nil)
            let id = group.ids[0]
            let retried = try #require(try await fixture.outbox.retry(id: id, actor: "cli:test", at: firstReminder))
            #expect(retried.status == .pending && retried.attempts == 0 && retried.lastError == nil)
            let cancelled = try #require(try await fixture.outbox.cancel(id: id, actor: "cli:test", at: firstReminder))
            #expect(cancelled.status == .cancelled)
            await #expect(throws: StoreError.self) { try await fixture.outbox.retry(id: id, actor: "cli:test", at: firstReminder) }
            #expect(try await fixture.outbox.retry(id: 987_654_321, actor: "cli:test", at: firstReminder) == nil)
            let trail = try await fixture.store.auditTrail(occurrenceID: try #require(retried.occurrenceID))
            #expect(trail.map(\.action).contains("outbox_retry"))
            #expect(trail.map(\.action).contains("outbox_cancel"))
        }
    }

    @Test("a channel disabled by 410 Gone is not claimed until an operator retries one of its messages")
    func disabledChannel() async throws {
        try await ScheduleFixture.with { fixture in
            try await applyTwoDuties(fixture, villages: 1)
            let live = try await liveSession(fixture)
            let group = try #require(try await fixture.outbox.claim(request(firstReminder, claimer: live)).first)
            try await fixture.outbox.disableChannel("email", reason: "HTTP 410", at: firstReminder, returning: group.ids)
            #expect(try await fixture.outbox.disabledChannels()["email"] == "HTTP 410")
            #expect(try await fixture.outbox.claim(request(firstReminder.addingTimeInterval(1), claimer: live)).isEmpty)
            _ = try await fixture.outbox.retry(id: group.ids[0], actor: "cli:test", at: firstReminder)
            #expect(try await fixture.outbox.disabledChannels().isEmpty)
            #expect(!(try await fixture.outbox.claim(request(firstReminder.addingTimeInterval(2), claimer: live)).isEmpty))
        }
    }

    @Test("writing messages wakes listeners through NOTIFY")
    func notifyOnInsert() async throws {
        try await ScheduleFixture.with { fixture in
            let received = try await fixture.client.withConnection { connection in
                try await connection.listen(on: "dixian_outbox") { notifications in
                    let writer = Task {
                        _ = try await fixture.store.apply(
                            fixture.plan(months: [7, 8], villageCount: 3, reminderDays: [3, 1]), scope: ScheduleFixture.scope(after: july1))
                    }
                    var count = 0
                    for try await _ in notifications {
                        count += 1
                        break
                    }
                    try await writer.value
                    return count
                }
            }
            #expect(received == 1)
        }
    }
}
