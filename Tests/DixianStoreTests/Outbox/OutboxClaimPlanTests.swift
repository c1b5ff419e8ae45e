import DixianCore
import DixianDispatch
import DixianStore
import DixianTestSupport
import Foundation
import PostgresNIO
import Testing

/// A claim's cost must not grow with the backlog (issue 17): its due rows come from each month's index in
/// order, merged, and it stops after its batch, even while the statistics still describe an empty table.
@Suite("The claim's plan and the rows it marks")
struct OutboxClaimPlanTests {
    let july1 = ScheduleFixture.instant(CalendarDate(year: 2026, month: 7, day: 1)!, hour: 0)
    let firstReminder = ScheduleFixture.instant(CalendarDate(year: 2026, month: 7, day: 7)!, hour: 9)

    func request(claimer: String, window: TimeInterval) -> OutboxClaimRequest {
        OutboxClaimRequest(
            channel: "email", groupsAllRecipients: false, now: firstReminder, limit: 50, digestWindow: window,
            digestMaxItems: 20, lease: 600, claimer: claimer)
    }

    @Test("with months partitioned and never analysed, the due rows are merged from the indexes, not all sorted")
    func dueRowsInIndexOrder() async throws {
        try await withNeverAnalysedMonths { fixture in
            let plan = try await explain(OutboxStore.dueQuery(request(claimer: "x", window: 0)), fixture)
            #expect(plan.contains("Merge Append"), "\(plan)")
            // A Sort node, not Merge Append's own "Sort Key" line.
            #expect(!plan.contains("Sort  ("), "\(plan)")
        }
    }

    @Test("with digests on, the due rows are merged from the indexes too, and each companion is locked by its key")
    func dueRowsInIndexOrderWithDigests() async throws {
        try await withNeverAnalysedMonths { fixture in
            let plan = try await explain(OutboxStore.dueWithCompanionsQuery(request(claimer: "x", window: 600), reach: 100), fixture)
            let due = plan.components(separatedBy: "CTE recipients").first ?? ""
            #expect(plan.contains("CTE recipients") && due.contains("Merge Append") && !due.contains("Sort  ("), "\(plan)")
            // By id and month through the primary key, not by a join with every pending row of the channel.
            let companions = plan.components(separatedBy: "CTE companions").last ?? ""
            #expect(plan.contains("CTE companions") && companions.contains("_pkey on outbox_2026_07"), "\(plan)")
        }
    }

    /// Five month partitions, never analysed, and the July reminders of 40 villages in one of them.
    ///
    /// Autovacuum is off for these partitions: on a loaded machine it analysed July's 80 rows before the plan was
    /// asked for, and with two pages of statistics a scan of the month is rightly cheaper than the key.
    func withNeverAnalysedMonths(_ body: @escaping @Sendable (ScheduleFixture) async throws -> Void) async throws {
        let july1 = self.july1
        try await ScheduleFixture.with { fixture in
            _ = try await MonthlyPartitions(client: fixture.client, logger: TestDatabase.logger)
                .prepare(around: july1, monthsBack: 2, monthsAhead: 2)
            try await fixture.client.query(
                """
                DO $$ DECLARE month regclass; BEGIN
                  FOR month IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'outbox'::regclass LOOP
                    EXECUTE format('ALTER TABLE %s SET (autovacuum_enabled = off)', month);
                  END LOOP;
                END $$
                """, logger: TestDatabase.logger)
            _ = try await fixture.store.apply(
                fixture.plan(months: [7], villageCount: 40, reminderDays: [3, 1]), scope: ScheduleFixture.scope(after: july1))
            try await body(fixture)
            #expect(try await analysedOutboxMonths(fixture) == 0, "the premise: no month has statistics")
        }
    }

    func analysedOutboxMonths(_ fixture: ScheduleFixture) async throws -> Int {
        let rows = try await fixture.client.query(
            """
            SELECT count(DISTINCT s.starelid)::int FROM pg_statistic s JOIN pg_inherits i ON i.inhrelid = s.starelid
             WHERE i.inhparent = 'outbox'::regclass
            """, logger: TestDatabase.logger)
        for try await count in rows.decode(Int.self) { return count }
        return 0
    }

    func explain(_ query: PostgresQuery, _ fixture: ScheduleFixture) async throws -> String {
        try await fixture.client.withTransaction(logger: TestDatabase.logger) { connection in
            try await OutboxStore.withClaimPlanning(connection, logger: TestDatabase.logger) {
                let explain = PostgresQuery(unsafeSQL: "EXPLAIN " + query.sql, binds: query.binds)
                var lines: [String] = []
                for try await line in try await connection.query(explain, logger: TestDatabase.logger).decode(String.self) {
                    lines.append(line)
                }
                return lines.joined(separator: "\n")
            }
        }
    }

    @Test("claimed rows come back as stored: sending, one more attempt, and the key of the digest they went into")
    func claimedRowsAsStored() async throws {
        try await ScheduleFixture.with { fixture in
            _ = try await fixture.store.apply(
                fixture.plan(months: [7], villageCount: 3, reminderDays: [3]), scope: ScheduleFixture.scope(after: july1))
            let claimer = try await fixture.client.withConnection {
                try await OutboxStore.sessionIdentity($0, logger: TestDatabase.logger)
            }
            let groups = try await fixture.outbox.claim(request(claimer: claimer, window: 600))
            let claimed = groups.flatMap(\.messages)
            #expect(!claimed.isEmpty)
            let stored = Dictionary(
                uniqueKeysWithValues: try await fixture.outbox.messages(from: .distantPast, to: .distantFuture).map { ($0.id, $0) })
            for group in groups {
                for message in group.messages {
                    #expect(message == stored[message.id], "\(message.key)")
                    #expect(message.status == .sending && message.attempts == 1 && message.digestKey == group.key)
                }
            }
        }
    }
}
