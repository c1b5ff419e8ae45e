import DixianScheduling
import Foundation
import Logging
import PostgresNIO

/// Withdrawing (撤回) the open calendar occurrences a plan no longer has, with their pending messages.
///
/// Found by a plain SELECT first and updated by id only when there is something to withdraw: an UPDATE of the
/// month-partitioned `occurrences` is planned for every partition and every index (17 ms at 21 partitions), and a
/// tick asks once per duty, almost always to find nothing. The keys to keep are joined once (an anti-join), not
/// hashed again in each partition as `NOT IN` would be.
extension ScheduleStore {
    /// Withdraws open calendar occurrences in scope that the plan no longer has (per planned or
    /// enabled duty, then every other duty), and cancels their pending messages. Returns how many.
    public func withdraw(outside plannedKeys: [String: [String]], scope: PlanScope) async throws -> Int {
        var withdrawn = 0
        for dutyID in Set(plannedKeys.keys).union(scope.dutyIDs).sorted() {
            withdrawn += try await self.transaction { connection in
                try await Self.withdraw(dutyID: dutyID, keeping: plannedKeys[dutyID] ?? [], scope: scope, connection, logger: self.logger)
            }
        }
        withdrawn += try await self.transaction { connection in
            try await Self.withdraw(dutyID: nil, keeping: [], scope: scope, connection, logger: self.logger)
        }
        return withdrawn
    }

    /// With a `dutyID`: that duty's occurrences not in `keys`. Without: every duty not enabled.
    static func withdraw(
        dutyID: String?, keeping keys: [String], scope: PlanScope, _ connection: PostgresConnection, logger: Logger
    ) async throws -> Int {
        let ids = try await Self.withdrawalCandidates(dutyID: dutyID, keeping: keys, scope: scope, connection, logger: logger)
        guard !ids.isEmpty else { return 0 }
        let rows = try await connection.query(
            """
            WITH gone AS (
                UPDATE occurrences SET status = 'withdrawn', updated_at = now()
                 WHERE id = ANY(\(ids)::int8[]) AND status = 'open'
                RETURNING id
            ), cancelled AS (
                UPDATE outbox SET status = 'cancelled', last_error = 'withdrawn', updated_at = now()
                 WHERE status = 'pending' AND occurrence_id IN (SELECT id FROM gone)
                   AND kind = ANY(\(Self.plannedKinds)::text[])
            ), audited AS (
                INSERT INTO audit_log (at, actor, channel, action, occurrence_id)
                SELECT now(), 'scheduler', 'scheduler', 'withdrawn', id FROM gone
            )
            SELECT count(*)::int8 FROM gone
            """,
            logger: logger
        )
        var count = 0
        for try await value in rows.decode(Int64.self) { count = Int(value) }
        return count
    }

    /// The ids of the open calendar occurrences in `scope` that `withdraw` would take, locked against a concurrent
    /// completion until the transaction ends.
    private static func withdrawalCandidates(
        dutyID: String?, keeping keys: [String], scope: PlanScope, _ connection: PostgresConnection, logger: Logger
    ) async throws -> [Int64] {
        let enabled = Array(scope.dutyIDs)
        let query: PostgresQuery
        if let dutyID {
            query = """
                SELECT o.id FROM occurrences o
                  LEFT JOIN unnest(\(keys)::text[]) AS kept(key) ON kept.key = o.key
                 WHERE o.duty_id = \(dutyID) AND kept.key IS NULL
                   AND o.status = 'open' AND o.event_clock_id IS NULL
                   AND o.due_at > \(scope.after) AND o.nominal_due_date <= \(scope.through.description)::date
                FOR UPDATE OF o
                """
        } else {
            query = """
                SELECT id FROM occurrences
                 WHERE duty_id <> ALL(\(enabled)::text[])
                   AND status = 'open' AND event_clock_id IS NULL
                   AND due_at > \(scope.after) AND nominal_due_date <= \(scope.through.description)::date
                FOR UPDATE
                """
        }
        let rows = try await connection.query(query, logger: logger)
        var ids: [Int64] = []
        for try await id in rows.decode(Int64.self) { ids.append(id) }
        return ids
    }
}
