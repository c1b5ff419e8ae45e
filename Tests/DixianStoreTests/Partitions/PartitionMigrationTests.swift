import DixianCore
import DixianDirectory
import DixianScheduling
import DixianStore
import DixianTestSupport
import Foundation
import PostgresNIO
import Testing

/// Migration 0014 moves occurrences and the outbox into month partitions (issue 17): tested on a database at
/// version 13 that holds a planned schedule in every period form, sent and dead messages, a notice, completions,
/// audit entries and a used link.
@Suite("Partitioning by month keeps every row")
struct PartitionMigrationTests {
    let logger = TestDatabase.logger
    let july1 = ScheduleFixture.instant(CalendarDate(year: 2026, month: 7, day: 1)!, hour: 0)

    @Test("every row and id survive the migration, each row lands in its month, and a replan writes nothing twice")
    func keepsEveryRow() async throws {
        try await Self.withVersion13 { fixture in
            let clockID = try await self.insertEventClock(fixture)
            let plan = self.plan(fixture, clockID: clockID)
            try await self.writeAtVersion13(plan, clockID: clockID, fixture.client)
            let before = try await self.digests(fixture.client)
            #expect(before.occurrences.count == plan.occurrences.count)
            #expect(before.outbox.count == plan.notifications.count + 1)

            try await Migrator().migrate(client: fixture.client, logger: self.logger)

            let after = try await self.digests(fixture.client)
            #expect(after.occurrences == before.occurrences)
            #expect(after.outbox == before.outbox)
            #expect(after.audit == before.audit)
            let months = try await self.months(fixture.client)
            #expect(months["t/2026-Q2"] == "2026-04-01")
            #expect(months["t/2026-H2"] == "2026-07-01")
            #expect(months["t/2026-W31"] == "2026-07-01")
            #expect(months["t/2026-W01"] == "2025-12-01")
            #expect(months["t/2026"] == "2026-01-01")
            #expect(months["t/2026-07-03"] == "2026-07-01")
            #expect(months["t/E"] == "2026-05-01")
            #expect(try await self.count("SELECT count(*) FROM occurrences_default", fixture.client) == 0)
            #expect(try await self.count("SELECT count(*) FROM outbox_default", fixture.client) == 0)
            #expect(try await self.count(
                "SELECT count(DISTINCT tableoid) FROM occurrences", fixture.client) == Set(months.values).count)
            // July to September's reminders, and the notice in the month of its send_at (UTC).
            #expect(try await self.count("SELECT count(DISTINCT tableoid) FROM outbox", fixture.client) == 4)
            #expect(try await self.count(
                "SELECT count(*) FROM outbox_2026_03 WHERE key = 'notice/test/1'", fixture.client) == 1)

            // The planner computes each month as the migration did: the same plan again adds and moves nothing.
            let again = try await fixture.store.apply(plan, scope: ScheduleFixture.scope(after: self.july1))
            #expect(again.occurrencesAdded == 0)
            #expect(again.notificationsAdded == 0)
            #expect(try await self.count("SELECT count(*) FROM occurrences", fixture.client) == plan.occurrences.count)

            // Identities go on after the copied ids; a dangling audit entry is still refused.
            let newest = try await self.count("SELECT max(id) FROM occurrences", fixture.client)
            let more = fixture.plan(duty: "test.later", months: [9], villageCount: 1)
            _ = try await fixture.store.apply(more, scope: ScheduleFixture.scope(["test.monthly", "test.later"], after: self.july1))
            #expect(try await self.count("SELECT min(id) FROM occurrences WHERE duty_id = 'test.later'", fixture.client) > newest)
            await #expect(throws: (any Error).self) {
                try await fixture.client.query(
                    "INSERT INTO audit_log (at, actor, channel, action, occurrence_id) VALUES (now(), 't', 'cli', 'x', 999999999)")
            }
        }
    }

    /// A database migrated to version 13 holding the demo county's directory.
    static func withVersion13(_ body: @escaping @Sendable (ScheduleFixture) async throws -> Void) async throws {
        let catalogue = try PluginRoles.catalogue()
        let demoDirectory = PluginRoles.repositoryRoot.appendingPathComponent("config/demo").path
        try await TestDatabase.withFreshDatabase { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                let old = Migrator(migrations: MigrationCatalog.all.filter { $0.version <= 13 })
                try await old.migrate(client: client, logger: TestDatabase.logger)
                try await DirectoryStore.importDemoIfEmpty(
                    client: client, demoDirectory: demoDirectory, knownRoles: catalogue, logger: TestDatabase.logger)
                try await body(ScheduleFixture(
                    client: client, demo: DemoCounty.generate(roles: catalogue),
                    store: ScheduleStore(client: client, logger: TestDatabase.logger),
                    outbox: OutboxStore(client: client, logger: TestDatabase.logger)))
            }
        }
    }

    /// Three months at four villages, and one occurrence of every other period form at the first village.
    func plan(_ fixture: ScheduleFixture, clockID: Int64) -> SchedulePlan {
        var plan = fixture.plan(months: [7, 8, 9], villageCount: 4)
        let unit = fixture.villages(1)[0].unit.code
        let due = CalendarDate(year: 2026, month: 12, day: 20)!
        for period in ["2026-Q2", "2026-H2", "2026-W31", "2026-W01", "2026", "2026-07-03", "E\(clockID)"] {
            plan.occurrences.append(PlannedOccurrence(
                dutyID: "test.monthly", unitCode: unit, officialID: nil, periodKey: PeriodKey(rawValue: period),
                periodLabel: period, nominalDueDate: due, dueDate: due, dueAt: ScheduleFixture.instant(due, hour: 18),
                opensAt: ScheduleFixture.instant(due, hour: 0), isUnassigned: false))
        }
        return plan
    }

    func insertEventClock(_ fixture: ScheduleFixture) async throws -> Int64 {
        let unit = fixture.villages(1)[0].unit.code.description
        let rows = try await fixture.client.query(
            """
            INSERT INTO event_clocks (event, unit_code, case_number, event_at)
            VALUES ('household_included', \(unit), 'JC-1', '2026-05-31 20:00+08') RETURNING id
            """)
        for try await id in rows.decode(Int64.self) { return id }
        throw StoreError(.scheduleFailed, "no clock")
    }

    /// Writes `plan` as version 13's planner did, then gives the rows a history: sent, dead and done rows, a notice
    /// without an occurrence, audit entries and a used link.
    func writeAtVersion13(_ plan: SchedulePlan, clockID: Int64, _ client: PostgresClient) async throws {
        let occurrences = plan.occurrences
        try await client.query(
            """
            INSERT INTO occurrences (key, duty_id, unit_code, period_key, period_label, nominal_due_date, due_date, due_at,
                                     opens_at, event_clock_id)
            SELECT k, 'test.monthly', u, p, p, n::date, n::date, da, oa, CASE WHEN left(p, 1) = 'E' THEN \(clockID)::int8 END
              FROM unnest(\(occurrences.map(\.key))::text[], \(occurrences.map(\.unitCode.description))::text[],
                          \(occurrences.map(\.periodKey.rawValue))::text[], \(occurrences.map(\.nominalDueDate.description))::text[],
                          \(occurrences.map(\.dueAt))::timestamptz[], \(occurrences.map(\.opensAt))::timestamptz[])
                   AS t(k, u, p, n, da, oa)
            """)
        let messages = plan.notifications
        try await client.query(
            """
            INSERT INTO outbox (key, occurrence_id, kind, step, recipient_id, role_id, channel, send_at)
            SELECT t.k, o.id, 'reminder', t.s, t.r, 'village_cadre', 'email', t.at
              FROM unnest(\(messages.map(\.key))::text[], \(messages.map(\.occurrenceKey))::text[], \(messages.map(\.step))::text[],
                          \(messages.map(\.recipientID))::text[], \(messages.map(\.sendAt))::timestamptz[]) AS t(k, ok, s, r, at)
              JOIN occurrences o ON o.key = t.ok
            """)
        try await client.query(
            """
            UPDATE outbox SET status = CASE WHEN id % 3 = 0 THEN 'sent' ELSE 'dead' END, sent_at = send_at,
                              payload = jsonb_build_object('n', id), attempts = 2
             WHERE id % 2 = 0
            """)
        try await client.query(
            """
            INSERT INTO outbox (key, kind, step, channel, send_at, status, payload)
            VALUES ('notice/test/1', 'notice', 'dead', 'email', '2026-03-31 23:30+00', 'sent', '{"a": "b"}')
            """)
        try await client.query(
            """
            UPDATE occurrences SET status = 'done', completed_at = due_at, completed_by = 'tester', note = '已核实'
             WHERE id % 5 = 0
            """)
        try await client.query(
            """
            INSERT INTO audit_log (at, actor, channel, action, occurrence_id)
            SELECT completed_at, 'tester', 'cli', 'done', id FROM occurrences WHERE status = 'done'
            """)
        try await client.query(
            """
            INSERT INTO used_action_links (nonce, occurrence_id, used_at, expires_at)
            SELECT 'nonce-' || id, id, now(), now() + interval '1 day' FROM occurrences WHERE status = 'done'
            """)
    }

    /// An MD5 over every column of every row in id order, the month column left out, and the row counts.
    func digests(_ client: PostgresClient) async throws -> (occurrences: Digest, outbox: Digest, audit: Digest) {
        func digest(_ table: String) async throws -> Digest {
            let rows = try await client.query(
                """
                SELECT count(*)::int8, coalesce(md5(string_agg((to_jsonb(r) - 'partition_month')::text, ',' ORDER BY r.id)), '')
                  FROM \(unescaped: table) r
                """)
            for try await (count, hash) in rows.decode((Int64, String).self) { return Digest(count: Int(count), hash: hash) }
            return Digest(count: 0, hash: "")
        }
        return (try await digest("occurrences"), try await digest("outbox"), try await digest("audit_log"))
    }

    /// The month of each extra occurrence, by `t/<period>` (`t/E` for the event clock's).
    func months(_ client: PostgresClient) async throws -> [String: String] {
        let rows = try await client.query(
            """
            SELECT 't/' || CASE WHEN left(period_key, 1) = 'E' THEN 'E' ELSE period_key END, partition_month::text
              FROM occurrences WHERE period_label = period_key
            """)
        var months: [String: String] = [:]
        for try await (key, month) in rows.decode((String, String).self) { months[key] = month }
        return months
    }

    func count(_ sql: String, _ client: PostgresClient) async throws -> Int {
        let rows = try await client.query(PostgresQuery(unsafeSQL: sql))
        for try await value in rows.decode(Int64?.self) { return Int(value ?? 0) }
        return 0
    }

    struct Digest: Equatable {
        var count: Int
        var hash: String
    }
}
