import DixianCore
import DixianStore
import DixianTestSupport
import Foundation
import PostgresNIO
import Testing

@Suite("Month partitions are made ahead and old outbox months dropped whole")
struct MonthlyPartitionsTests {
    let july15 = ScheduleFixture.instant(CalendarDate(year: 2026, month: 7, day: 15)!, hour: 12)

    @Test("made once for the range; a plan's rows land in their months, none in the default partition")
    func prepare() async throws {
        try await ScheduleFixture.with { fixture in
            let partitions = MonthlyPartitions(client: fixture.client, logger: TestDatabase.logger)
            let created = try await partitions.prepare(around: self.july15, monthsBack: 2, monthsAhead: 1)
            #expect(created.sorted() == ["05", "06", "07", "08"].flatMap { ["occurrences_2026_\($0)", "outbox_2026_\($0)"] }.sorted())
            #expect(try await partitions.prepare(around: self.july15, monthsBack: 2, monthsAhead: 1).isEmpty)

            let plan = fixture.plan(months: [7, 8], villageCount: 3)
            _ = try await fixture.store.apply(plan, scope: ScheduleFixture.scope(after: ScheduleFixture.instant(
                CalendarDate(year: 2026, month: 7, day: 1)!, hour: 0)))
            #expect(try await self.count("SELECT count(*) FROM occurrences_default", fixture.client) == 0)
            #expect(try await self.count("SELECT count(*) FROM outbox_default", fixture.client) == 0)
            #expect(try await self.count("SELECT count(*) FROM occurrences_2026_08", fixture.client) == 3)
            #expect(try await self.count("SELECT count(*) FROM outbox", fixture.client) == plan.notifications.count)
        }
    }

    @Test("a month whose rows already sit in the default partition stays there, and nothing is lost")
    func defaultKeepsItsMonth() async throws {
        try await ScheduleFixture.with { fixture in
            try await self.notice("notice/april", at: "2026-04-10 01:00+00", status: "pending", fixture.client)
            let partitions = MonthlyPartitions(client: fixture.client, logger: TestDatabase.logger)
            let created = try await partitions.prepare(around: self.july15, monthsBack: 3, monthsAhead: 0)
            #expect(!created.contains("outbox_2026_04"))
            #expect(created.contains("occurrences_2026_04"))
            #expect(try await self.count("SELECT count(*) FROM outbox_default WHERE key = 'notice/april'", fixture.client) == 1)
        }
    }

    @Test("retention drops an ended month of sent messages and keeps one with a message still pending")
    func retention() async throws {
        try await ScheduleFixture.with { fixture in
            let partitions = MonthlyPartitions(client: fixture.client, logger: TestDatabase.logger)
            _ = try await partitions.prepare(around: self.july15, monthsBack: 3, monthsAhead: 0)
            try await self.notice("notice/may-1", at: "2026-05-02 01:00+00", status: "sent", fixture.client)
            try await self.notice("notice/may-2", at: "2026-05-30 01:00+00", status: "dead", fixture.client)
            try await self.notice("notice/june-1", at: "2026-06-02 01:00+00", status: "sent", fixture.client)
            try await self.notice("notice/june-2", at: "2026-06-03 01:00+00", status: "pending", fixture.client)
            try await self.notice("notice/july", at: "2026-07-02 01:00+00", status: "sent", fixture.client)

            let cutoff = ScheduleFixture.instant(CalendarDate(year: 2026, month: 7, day: 1)!, hour: 12)
            let dropped = try await partitions.dropSentOutboxMonths(endedBy: cutoff)
            #expect(dropped.map(\.month) == ["2026-04-01", "2026-05-01"])
            #expect(dropped.map(\.rows) == [0, 2])
            #expect(try await self.count("SELECT count(*) FROM outbox", fixture.client) == 3)
            #expect(try await self.count("SELECT count(*) FROM pg_class WHERE relname = 'outbox_2026_06'", fixture.client) == 1)
            #expect(try await self.count("SELECT count(*) FROM pg_class WHERE relname = 'occurrences_2026_05'", fixture.client) == 1)
            #expect(try await partitions.dropSentOutboxMonths(endedBy: cutoff).isEmpty)
        }
    }

    func notice(_ key: String, at instant: String, status: String, _ client: PostgresClient) async throws {
        try await client.query(
            """
            INSERT INTO outbox (key, kind, step, channel, send_at, status, partition_month)
            VALUES (\(key), 'notice', 'test', 'email', \(instant)::timestamptz, \(status), send_month(\(instant)::timestamptz))
            """)
    }

    func count(_ sql: String, _ client: PostgresClient) async throws -> Int {
        let rows = try await client.query(PostgresQuery(unsafeSQL: sql))
        for try await value in rows.decode(Int64.self) { return Int(value) }
        return 0
    }
}
