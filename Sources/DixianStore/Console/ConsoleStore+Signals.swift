import DixianConsole
import DixianCore
import DixianMonitoring
import Foundation
import PostgresNIO

extension ConsoleStore {
    /// Which risk signals to list (预警).
    public enum SignalStatus: String, Sendable, CaseIterable {
        /// Not verified yet.
        case pending
        /// Not verified and past the verification deadline.
        case overdue
        /// Verified, with an outcome.
        case verified
    }

    /// A risk signal as the console lists it: where and why, and how its verification stands. No name and no ID
    /// number: a list travels further than a record.
    public struct SignalRow: Sendable, Hashable {
        public var id: Int64
        public var source: SignalSource
        public var unitName: String
        public var riskTypes: [RiskType]
        /// `plugin.rule` of a sector alert.
        public var rule: String?
        public var raisedOn: String
        /// The verification clock's first due date, nil before the clock starts.
        public var verifyBy: String?
        public var outcome: String?
        public var isOverdue: Bool
    }

    /// The signals `scope` sees with `status`, the earliest deadline first, at most `limit` after skipping
    /// `offset`. A bureau sees its own sector's alerts; cadres' visits and households' declarations belong to no
    /// sector.
    public func signals(in scope: AccessScope, status: SignalStatus, now: Date, limit: Int = 200, offset: Int = 0) async throws -> [SignalRow] {
        let filter = ScopeFilter(scope: scope)
        var binds = PostgresBindings()
        filter.append(to: &binds)
        binds.append(status.rawValue)
        binds.append(now)
        binds.append(limit)
        binds.append(offset)
        return try await client.withStoreConnection(failing: Self.failed, "预警查询失败 (signal query failed)") { connection in
            let rows = try await connection.query(PostgresQuery(unsafeSQL: """
                SELECT s.id, s.source, u.name, s.risk_types, a.plugin || '.' || a.rule_id, s.raised_on::text,
                       d.first_due_date::text, s.outcome, (s.outcome IS NULL AND d.first_due < $5)
                  FROM monitoring_signals s
                  JOIN org_units u ON u.code = s.unit_code
                  LEFT JOIN alerts a ON a.id = s.alert_id
                  \(SignalDeadline.join)
                 WHERE \(filter.condition(unit: "s.unit_code", sector: "a.plugin", first: 1))
                   AND CASE $4::text
                         WHEN 'pending' THEN s.outcome IS NULL
                         WHEN 'overdue' THEN s.outcome IS NULL AND d.first_due < $5
                         ELSE s.outcome IS NOT NULL
                       END
                 ORDER BY d.first_due NULLS LAST, s.raised_on, s.id
                 LIMIT $6 OFFSET $7
                """, binds: binds), logger: logger)
            var signals: [SignalRow] = []
            let columns = (Int64, String, String, [String], String?, String, String?, String?, Bool?).self
            for try await (id, source, unit, risks, rule, raised, due, outcome, overdue) in rows.decode(columns) {
                signals.append(SignalRow(
                    id: id, source: SignalSource(rawValue: source) ?? .visit, unitName: unit, riskTypes: risks.compactMap(RiskType.init(rawValue:)),
                    rule: rule, raisedOn: raised, verifyBy: due, outcome: outcome, isOverdue: overdue ?? false))
            }
            return signals
        }
    }
}
