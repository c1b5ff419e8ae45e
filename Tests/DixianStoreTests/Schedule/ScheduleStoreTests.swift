import DixianCore
import DixianDispatch
import DixianScheduling
import DixianStore
import DixianTestSupport
import Foundation
import Testing

@Suite("The schedule store applies plans idempotently and completes occurrences")
struct ScheduleStoreTests {
    let july1 = ScheduleFixture.instant(CalendarDate(year: 2026, month: 7, day: 1)!, hour: 0)

    @Test("applying a plan twice writes it once")
    func idempotent() async throws {
        try await ScheduleFixture.with { fixture in
            let plan = fixture.plan(months: [7, 8], villageCount: 5)
            let first = try await fixture.store.apply(plan, scope: ScheduleFixture.scope(after: self.july1))
            #expect(first.occurrencesAdded == 10)
            #expect(first.notificationsAdded == plan.notifications.count)
            #expect(plan.notifications.count >= 20)
            let second = try await fixture.store.apply(plan, scope: ScheduleFixture.scope(after: self.july1))
            #expect(second.isEmpty, "\(second)")
        }
    }

    @Test("a changed reminder moves pending messages; a removed one is cancelled")
    func replanMessages() async throws {
        try await ScheduleFixture.with { fixture in
            _ = try await fixture.store.apply(
                fixture.plan(months: [7], villageCount: 2, reminderDays: [3, 1]), scope: ScheduleFixture.scope(after: self.july1))
            let changed = try await fixture.store.apply(
                fixture.plan(months: [7], villageCount: 2, reminderDays: [4]), scope: ScheduleFixture.scope(after: self.july1))
            let cadres = fixture.villages(2).map(\.cadres.count).reduce(0, +)
            #expect(changed.notificationsRescheduled == cadres)
            #expect(changed.notificationsCancelled == cadres)
            #expect(changed.notificationsAdded == 0)
        }
    }

    @Test("an occurrence the plan drops is withdrawn with its messages; a done one is untouched")
    func withdraw() async throws {
        try await ScheduleFixture.with { fixture in
            _ = try await fixture.store.apply(
                fixture.plan(months: [7, 8], villageCount: 2), scope: ScheduleFixture.scope(after: self.july1))
            let all = try await fixture.store.occurrences(OccurrenceFilter(), now: self.july1)
            let julyFirst = try #require(all.first { $0.periodKey == "2026-7" })
            let opened = ScheduleFixture.instant(CalendarDate(year: 2026, month: 7, day: 2)!, hour: 10)
            try await fixture.store.complete(
                occurrenceID: julyFirst.id, Completion(actor: "tester", actorIsOfficial: false, channel: .cli, at: opened))
            // The duty is disabled: nothing of it is planned any more.
            let result = try await fixture.store.apply(SchedulePlan(), scope: ScheduleFixture.scope([], after: self.july1))
            #expect(result.occurrencesWithdrawn == 3)
            let after = try await fixture.store.occurrences(OccurrenceFilter(), now: self.july1)
            #expect(after.first { $0.id == julyFirst.id }?.status == .done)
            #expect(after.filter { $0.status == .withdrawn }.count == 3)
            let pending = try await fixture.outbox.messages(from: .distantPast, to: .distantFuture).filter { $0.status == .pending }
            #expect(pending.isEmpty)
            // Enabled again: the withdrawn ones come back with their messages.
            let back = try await fixture.store.apply(
                fixture.plan(months: [7, 8], villageCount: 2), scope: ScheduleFixture.scope(after: self.july1))
            #expect(back.occurrencesUpdated == 3)
            #expect(back.notificationsRescheduled > 0)
        }
    }

    @Test("marking an occurrence done cancels its pending messages; none is claimed afterwards")
    func doneCancels() async throws {
        try await ScheduleFixture.with { fixture in
            _ = try await fixture.store.apply(
                fixture.plan(months: [7], villageCount: 1), scope: ScheduleFixture.scope(after: self.july1))
            let occurrence = try #require(try await fixture.store.occurrences(OccurrenceFilter(), now: self.july1).first)
            let cadre = try #require(fixture.villages(1).first?.cadres.first)
            let at = ScheduleFixture.instant(CalendarDate(year: 2026, month: 7, day: 5)!, hour: 10)
            let done = try await fixture.store.complete(
                occurrenceID: occurrence.id,
                Completion(achieved: 12, note: "已完成走访", actor: cadre.id, actorIsOfficial: true, channel: .http, at: at))
            #expect(done.status == .done)
            #expect(done.completedBy == cadre.id)
            let messages = try await fixture.outbox.messages(occurrenceID: occurrence.id)
            #expect(!messages.isEmpty)
            #expect(messages.allSatisfy { $0.status == .cancelled })
            let claimed = try await fixture.outbox.claimEach(now: .distantFuture, limit: 100)
            #expect(claimed.isEmpty)
            await #expect(throws: StoreError.self) {
                try await fixture.store.complete(
                    occurrenceID: occurrence.id, Completion(actor: cadre.id, actorIsOfficial: true, channel: .cli, at: at))
            }
        }
    }

    @Test("completion is refused before opening, for unknown officials and unknown ids, changing nothing")
    func refusals() async throws {
        try await ScheduleFixture.with { fixture in
            _ = try await fixture.store.apply(
                fixture.plan(months: [8], villageCount: 1), scope: ScheduleFixture.scope(after: self.july1))
            let occurrence = try #require(try await fixture.store.occurrences(OccurrenceFilter(), now: self.july1).first)
            let beforeOpening = ScheduleFixture.instant(CalendarDate(year: 2026, month: 7, day: 20)!, hour: 10)
            let inAugust = ScheduleFixture.instant(CalendarDate(year: 2026, month: 8, day: 2)!, hour: 10)
            for (id, completion, code) in [
                (occurrence.id, Completion(actor: "x", actorIsOfficial: false, channel: .cli, at: beforeOpening), StoreError.Code.occurrenceNotOpen),
                (occurrence.id, Completion(actor: "nobody", actorIsOfficial: true, channel: .cli, at: inAugust), .unknownOfficial),
                (Int64(999_999), Completion(actor: "x", actorIsOfficial: false, channel: .cli, at: inAugust), .occurrenceNotFound),
            ] {
                let error = await #expect(throws: StoreError.self) { try await fixture.store.complete(occurrenceID: id, completion) }
                #expect(error?.code == code)
            }
            let unchanged = try await fixture.store.occurrence(id: occurrence.id, now: inAugust)
            #expect(unchanged?.status == .open)
        }
    }

    @Test("waiving records the reason in the audit log and cancels messages")
    func waive() async throws {
        try await ScheduleFixture.with { fixture in
            _ = try await fixture.store.apply(
                fixture.plan(months: [7], villageCount: 1), scope: ScheduleFixture.scope(after: self.july1))
            let occurrence = try #require(try await fixture.store.occurrences(OccurrenceFilter(), now: self.july1).first)
            let waived = try await fixture.store.waive(
                occurrenceID: occurrence.id, reason: "村庄撤并", actor: "县乡村振兴局", channel: .cli, at: self.july1)
            #expect(waived.status == .waived)
            #expect(waived.note == "村庄撤并")
            let trail = try await fixture.store.auditTrail(occurrenceID: occurrence.id)
            #expect(trail.map(\.action) == ["waived"])
            #expect(trail.first?.details["reason"] == "村庄撤并")
            let messages = try await fixture.outbox.messages(occurrenceID: occurrence.id)
            #expect(!messages.isEmpty, "the occurrence had reminders to cancel")
            #expect(messages.allSatisfy { $0.status == .cancelled })
        }
    }

    @Test("a signed link's nonce completes once")
    func singleUseLink() async throws {
        try await ScheduleFixture.with { fixture in
            _ = try await fixture.store.apply(
                fixture.plan(months: [7, 8], villageCount: 1), scope: ScheduleFixture.scope(after: self.july1))
            let occurrences = try await fixture.store.occurrences(OccurrenceFilter(), now: self.july1)
            let cadre = try #require(fixture.villages(1).first?.cadres.first)
            let at = ScheduleFixture.instant(CalendarDate(year: 2026, month: 8, day: 5)!, hour: 10)
            let link = (nonce: "n-1", expiresAt: at.addingTimeInterval(86_400))
            try await fixture.store.complete(
                occurrenceID: occurrences[0].id, Completion(actor: cadre.id, actorIsOfficial: true, channel: .link, at: at, link: link))
            let error = await #expect(throws: StoreError.self) {
                try await fixture.store.complete(
                    occurrenceID: occurrences[1].id, Completion(actor: cadre.id, actorIsOfficial: true, channel: .link, at: at, link: link))
            }
            #expect(error?.code == .linkUsed)
            #expect(try await fixture.store.occurrence(id: occurrences[1].id, now: at)?.status == .open)
        }
    }

    @Test("a generated secret is made once and shared by every caller")
    func generatedSecret() async throws {
        try await ScheduleFixture.with { fixture in
            let secrets = try await withThrowingTaskGroup(of: [UInt8].self) { group in
                for _ in 0..<4 { group.addTask { try await fixture.store.generatedSecret(named: "link") } }
                return try await group.reduce(into: [[UInt8]]()) { $0.append($1) }
            }
            #expect(Set(secrets).count == 1)
            #expect(secrets[0].count == 32)
            #expect(try await fixture.store.generatedSecret(named: "other") != secrets[0])
        }
    }
}

/// A tick's rows go in as bound arrays, new messages without an upsert (issue 17): what arrives must be exactly
/// what was planned.
@Suite(.serialized)
struct ScheduleBulkWriteTests {
    let july1 = ScheduleFixture.instant(CalendarDate(year: 2026, month: 7, day: 1)!, hour: 0)

    @Test("text keeps tabs, newlines and backslashes; instants keep their microseconds; a second apply changes nothing")
    func exactRows() async throws {
        try await ScheduleFixture.with { fixture in
            var plan = fixture.plan(months: [7], villageCount: 2)
            let odd = "七月\t第\\1期\n(\r)"
            let shift = 0.123_456_7  // below PostgreSQL's microsecond: truncated as PostgresNIO binds it, every time
            plan.occurrences = plan.occurrences.map { occurrence in
                var occurrence = occurrence
                occurrence.periodLabel = odd
                occurrence.dueAt += shift
                return occurrence
            }
            plan.notifications = plan.notifications.map { notification in
                var notification = notification
                notification.sendAt += shift
                notification.roleID = odd
                return notification
            }
            let first = try await fixture.store.apply(plan, scope: ScheduleFixture.scope(after: self.july1))
            #expect(first.occurrencesAdded == plan.occurrences.count)
            #expect(first.notificationsAdded == plan.notifications.count)
            let labels = try await fixture.client.query(
                "SELECT DISTINCT period_label, extract(microseconds FROM due_at)::int8 % 1000000 FROM occurrences", logger: TestDatabase.logger)
            var stored: [(String, Int64)] = []
            for try await row in labels.decode((String, Int64).self) { stored.append(row) }
            #expect(stored.map(\.0) == [odd])
            #expect(Set(stored.map(\.1)) == [123_456])
            let keys = try await fixture.client.query(
                "SELECT count(*)::int8 FROM outbox WHERE key = ANY(\(plan.notifications.map(\.key))::text[]) AND role_id = \(odd)", logger: TestDatabase.logger)
            for try await count in keys.decode(Int64.self) { #expect(Int(count) == plan.notifications.count) }
            let second = try await fixture.store.apply(plan, scope: ScheduleFixture.scope(after: self.july1))
            #expect(second.isEmpty, "\(second)")
        }
    }
}
