import DixianCore
import DixianDispatch
import DixianScheduling
import DixianStore
import DixianTestSupport
import Foundation
import Testing

@Suite("Workers claim due outbox messages once, with one catch-up after downtime")
struct OutboxClaimTests {
    let july1 = ScheduleFixture.instant(CalendarDate(year: 2026, month: 7, day: 1)!, hour: 0)

    @Test("after downtime only the latest missed reminder per occurrence, recipient and channel goes out")
    func catchUp() async throws {
        try await ScheduleFixture.with { fixture in
            _ = try await fixture.store.apply(
                fixture.plan(months: [7], villageCount: 1, reminderDays: [5, 3, 1]), scope: ScheduleFixture.scope(after: self.july1))
            let cadres = try #require(fixture.villages(1).first?.cadres)
            // Down until the due date: all three reminders were missed.
            let back = ScheduleFixture.instant(CalendarDate(year: 2026, month: 7, day: 10)!, hour: 8)
            let claimed = try await fixture.outbox.claimEach(now: back, limit: 100)
            #expect(claimed.count == cadres.count)
            #expect(claimed.allSatisfy { $0.step == "r2" && $0.isCatchUp })
            for message in claimed { try await fixture.outbox.markSent(message, at: back) }
            #expect(try await fixture.outbox.claimEach(now: back.addingTimeInterval(86_400), limit: 100).isEmpty)
            let all = try await fixture.outbox.messages(from: .distantPast, to: .distantFuture)
            #expect(all.filter { $0.status == .superseded }.count == 2 * cadres.count)
            #expect(all.filter { $0.status == .sent }.count == cadres.count)
        }
    }

    @Test("messages due on time are not catch-ups, and future ones are not claimed")
    func onTime() async throws {
        try await ScheduleFixture.with { fixture in
            _ = try await fixture.store.apply(
                fixture.plan(months: [7], villageCount: 1, reminderDays: [3, 1]), scope: ScheduleFixture.scope(after: self.july1))
            let firstReminder = ScheduleFixture.instant(CalendarDate(year: 2026, month: 7, day: 7)!, hour: 9, minute: 1)
            let claimed = try await fixture.outbox.claimEach(now: firstReminder, limit: 100)
            #expect(!claimed.isEmpty)
            #expect(claimed.allSatisfy { $0.step == "r0" && !$0.isCatchUp })
        }
    }

    @Test("concurrent workers never claim the same row")
    func concurrentClaims() async throws {
        try await ScheduleFixture.with { fixture in
            _ = try await fixture.store.apply(
                fixture.plan(months: [7], villageCount: 40, reminderDays: [1]), scope: ScheduleFixture.scope(after: self.july1))
            let now = ScheduleFixture.instant(CalendarDate(year: 2026, month: 7, day: 9)!, hour: 9, minute: 5)
            let batches = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        var ids: [Int64] = []
                        while case let batch = try await fixture.outbox.claimEach(now: now, limit: 7), !batch.isEmpty {
                            ids += batch.map(\.id)
                        }
                        return ids
                    }
                }
                return try await group.reduce(into: [[Int64]]()) { $0.append($1) }
            }
            let all = batches.flatMap { $0 }
            #expect(Set(all).count == all.count, "a row was claimed twice")
            let due = try await fixture.outbox.messages(from: .distantPast, to: now)
            #expect(all.count == due.count)
            #expect(all.count >= 40)
        }
    }
}
