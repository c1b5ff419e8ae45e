import DixianConsole
import DixianDirectory
import DixianScheduling
import Foundation
import PostgresNIO

extension ConsoleStore {
    /// A monitored household a helper follows (我帮扶的监测户), without personal data: the case number stands in.
    public struct HelpedCase: Sendable, Hashable {
        public var id: Int64
        public var caseNumber: String
        public var unitName: String
        /// `inclusion_proposed`, `monitored`, `elimination_proposed` or `eliminated`.
        public var stage: String
        public var openedOn: String
    }

    /// The open occurrences that are the person's (我的待办), opened by `now`, earliest due first; overdue ones are
    /// marked so by `now`. An occurrence of a `per: unit` duty has no official of its own: it is the person's when
    /// its reminders go to them (its owners and the roles it copies; escalations to their superiors do not count).
    public func openOccurrences(of scope: AccessScope, now: Date, limit: Int = 200) async throws -> [OccurrenceRecord] {
        try await client.withStoreConnection(failing: Self.failed, "工作台查询失败 (console query failed)") { connection in
            let rows = try await connection.query(
                """
                SELECT \(unescaped: ScheduleStore.occurrenceColumns)
                  FROM occurrences o JOIN org_units u ON u.code = o.unit_code
                 WHERE o.status = 'open' AND o.opens_at <= \(now)
                   AND (o.official_id = ANY(\(scope.officialIDs)::text[])
                        OR (o.official_id IS NULL
                            AND o.id IN (SELECT m.occurrence_id FROM outbox m
                                          WHERE m.recipient_id = ANY(\(scope.officialIDs)::text[]) AND m.kind = 'reminder')))
                 ORDER BY o.due_at, o.key
                 LIMIT \(limit)
                """,
                logger: logger)
            return try await ScheduleStore.decodeOccurrences(rows, now: now)
        }
    }

    /// One occurrence if the scope sees it: assigned to the person, in a unit subtree seen in every sector, or
    /// of a seen sector under its subtree. Nil otherwise, the same as for an id that does not exist.
    public func occurrence(id: Int64, in scope: AccessScope, now: Date) async throws -> OccurrenceRecord? {
        let filter = ScopeFilter(scope: scope)
        var binds = PostgresBindings()
        filter.append(to: &binds, official: true)
        binds.append(id)
        return try await client.withStoreConnection(failing: Self.failed, "工作台查询失败 (console query failed)") { connection in
            let rows = try await connection.query(PostgresQuery(unsafeSQL: """
                SELECT \(ScheduleStore.occurrenceColumns)
                  FROM occurrences o JOIN org_units u ON u.code = o.unit_code
                 WHERE o.id = $5
                   AND \(filter.condition(unit: "o.unit_code", sector: ScopeFilter.dutySector, official: "o.official_id", first: 1))
                """, binds: binds), logger: logger)
            return try await ScheduleStore.decodeOccurrences(rows, now: now).first
        }
    }

    /// The cases whose current helper is one of the person's rows, still open, by case number.
    public func helpedCases(of scope: AccessScope) async throws -> [HelpedCase] {
        try await client.withStoreConnection(failing: Self.failed, "工作台查询失败 (console query failed)") { connection in
            let rows = try await connection.query(
                """
                SELECT c.id, c.case_number, u.name, c.stage, c.opened_on::text
                  FROM helper_assignments a
                  JOIN monitoring_cases c ON c.id = a.case_id
                  JOIN org_units u ON u.code = c.unit_code
                 WHERE a.official_id = ANY(\(scope.helperIDs)::text[]) AND a.ends_on IS NULL AND c.stage <> 'eliminated'
                 ORDER BY c.case_number
                """,
                logger: logger)
            var cases: [HelpedCase] = []
            for try await (id, number, unit, stage, opened) in rows.decode((Int64, String, String, String, String).self) {
                cases.append(HelpedCase(id: id, caseNumber: number, unitName: unit, stage: stage, openedOn: opened))
            }
            return cases
        }
    }
}

extension ConsoleStore {
    /// The occurrences of one unit that `scope` sees, opened by `now` and due from `from` on: the overview's last
    /// level of drill-down (county → town → village → occurrence). Open ones first, the latest due first.
    public func occurrences(at unit: DivisionCode, in scope: AccessScope, from: Date, now: Date, limit: Int = 200) async throws -> [OccurrenceRecord] {
        let filter = ScopeFilter(scope: scope)
        var binds = PostgresBindings()
        filter.append(to: &binds, official: true)
        binds.append(unit.rawValue)
        binds.append(from)
        binds.append(now)
        binds.append(limit)
        return try await client.withStoreConnection(failing: Self.failed, "工作台查询失败 (console query failed)") { connection in
            let rows = try await connection.query(PostgresQuery(unsafeSQL: """
                SELECT \(ScheduleStore.occurrenceColumns)
                  FROM occurrences o JOIN org_units u ON u.code = o.unit_code
                 WHERE o.unit_code = $5 AND o.due_at >= $6 AND o.opens_at <= $7
                   AND \(filter.condition(unit: "o.unit_code", sector: ScopeFilter.dutySector, official: "o.official_id", first: 1))
                 ORDER BY (o.status = 'open') DESC, o.due_at DESC, o.key
                 LIMIT $8
                """, binds: binds), logger: logger)
            return try await ScheduleStore.decodeOccurrences(rows, now: now)
        }
    }
}
