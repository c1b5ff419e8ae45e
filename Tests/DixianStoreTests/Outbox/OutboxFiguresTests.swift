import DixianCore
import DixianDispatch
import DixianStore
import DixianTestSupport
import Foundation
import Testing

/// The figures an operator's alerts read (issue 19): the oldest undelivered message's age, dead letters waiting,
/// and channels disabled by a 410, per channel.
@Suite("Outbox figures per channel")
struct OutboxFiguresTests {
    let july1 = ScheduleFixture.instant(CalendarDate(year: 2026, month: 7, day: 1)!, hour: 0)
    let firstReminder = ScheduleFixture.instant(CalendarDate(year: 2026, month: 7, day: 7)!, hour: 9)

    @Test("the oldest due message ages with the clock; a dead letter counts until retried; a 410 marks the channel")
    func figures() async throws {
        try await ScheduleFixture.with { fixture in
            let plan = fixture.plan(duty: "test.monthly", months: [7], villageCount: 1, reminderDays: [3])
            _ = try await fixture.store.apply(plan, scope: ScheduleFixture.scope(["test.monthly"], after: july1))
            #expect(try await fixture.outbox.channelFigures(now: firstReminder.addingTimeInterval(-60)).isEmpty, "nothing due yet")

            let hourLater = firstReminder.addingTimeInterval(3_600)
            let waiting = try #require(try await fixture.outbox.channelFigures(now: hourLater)["email"])
            #expect(waiting.due == plan.notifications.filter { $0.channel == "email" && $0.sendAt <= hourLater }.count && waiting.due > 0)
            #expect(waiting.oldestAge(at: hourLater) == 3_600, "the oldest has waited an hour")
            #expect(waiting.deadLetters == 0 && !waiting.isDisabled)

            let session = try await fixture.client.withConnection { try await OutboxStore.sessionIdentity($0, logger: TestDatabase.logger) }
            let claim = OutboxClaimRequest(
                channel: "email", groupsAllRecipients: false, now: hourLater, limit: 1, digestWindow: 0, digestMaxItems: 1,
                lease: 600, claimer: session)
            let group = try #require(try await fixture.outbox.claim(claim).first)
            _ = try await fixture.outbox.markDead(ids: group.ids, error: "permanent: SMTP 550", at: hourLater, notice: nil)
            try await fixture.outbox.disableChannel("email", reason: "HTTP 410", at: hourLater, returning: [])
            let after = try #require(try await fixture.outbox.channelFigures(now: hourLater)["email"])
            #expect(after.deadLetters == group.messages.count)
            #expect(after.due == waiting.due - group.messages.count, "a dead letter is no longer due")
            #expect(after.isDisabled)
        }
    }
}
