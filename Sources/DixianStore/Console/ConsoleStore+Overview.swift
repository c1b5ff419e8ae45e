import DixianConsole
import DixianDirectory
import Foundation
import PostgresNIO

extension ConsoleStore {
    /// One row of the overview (总览): a unit below the one shown, or that unit's own items.
    public struct UnitFigures: Sendable, Hashable {
        public var code: String
        public var name: String
        public var level: OrgLevel
        /// Duties of the year due by now that count: done, or still open.
        public var dutiesDue = 0
        public var dutiesDone = 0
        /// Open and past due.
        public var dutiesOverdue = 0
        /// Risk signals (预警与排查), all time.
        public var signals = 0
        public var verifiedOnTime = 0
        /// Not verified and past the verification clock's first due time.
        public var verificationsOverdue = 0
        /// Monitored households not yet eliminated (监测户).
        public var openCases = 0

        /// Done over due, nil when nothing was due.
        public var completionRate: Double? { dutiesDue == 0 ? nil : Double(dutiesDone) / Double(dutiesDue) }
    }

    /// The figures of each unit directly below `unit`, and of `unit` itself when items hang on it, counting only
    /// what `scope` sees (a bureau counts its own sector). Duties due from `yearStart` to `now`.
    public func overview(of unit: OrgUnit, in scope: AccessScope, yearStart: Date, now: Date) async throws -> [UnitFigures] {
        let childLength = OrgLevel.allCases.first { $0 > unit.level }?.prefixLength ?? 12
        let filter = ScopeFilter(scope: scope)
        return try await client.withStoreConnection(failing: Self.failed, "总览查询失败 (overview query failed)") { connection in
            var figures: [String: UnitFigures] = [:]
            let children = try await connection.query(
                "SELECT code, name, level FROM org_units WHERE code = \(unit.code.rawValue) OR parent_code = \(unit.code.rawValue) ORDER BY code",
                logger: logger)
            for try await (code, name, level) in children.decode((String, String, String).self) {
                figures[code] = UnitFigures(code: code, name: name, level: OrgLevel(rawValue: level) ?? .village)
            }
            let prefix = unit.code.significantPrefix + "%"
            let child = { (column: String) in "rpad(left(\(column), \(childLength)), 12, '0')" }

            var binds = PostgresBindings()
            filter.append(to: &binds)
            binds.append(prefix)
            binds.append(yearStart)
            binds.append(now)
            let duties = try await connection.query(PostgresQuery(unsafeSQL: """
                SELECT \(child("o.unit_code")),
                       (count(*) FILTER (WHERE o.status IN ('open', 'done')))::int8,
                       (count(*) FILTER (WHERE o.status = 'done'))::int8,
                       (count(*) FILTER (WHERE o.status = 'open'))::int8
                  FROM occurrences o
                 WHERE o.unit_code LIKE $4 AND o.due_at >= $5 AND o.due_at < $6
                   AND \(filter.condition(unit: "o.unit_code", sector: ScopeFilter.dutySector, first: 1))
                 GROUP BY 1
                """, binds: binds), logger: logger)
            for try await (code, due, done, overdue) in duties.decode((String, Int64, Int64, Int64).self) {
                figures[code]?.dutiesDue = Int(due)
                figures[code]?.dutiesDone = Int(done)
                figures[code]?.dutiesOverdue = Int(overdue)
            }

            binds = PostgresBindings()
            filter.append(to: &binds)
            binds.append(prefix)
            binds.append(now)
            let signals = try await connection.query(PostgresQuery(unsafeSQL: """
                SELECT \(child("s.unit_code")), count(*)::int8,
                       (count(*) FILTER (WHERE s.outcome IS NOT NULL AND s.verified_on <= coalesce(d.first_due_date, s.verified_on)))::int8,
                       (count(*) FILTER (WHERE s.outcome IS NULL AND d.first_due < $5))::int8
                  FROM monitoring_signals s
                  LEFT JOIN event_clocks c ON c.id = s.event_clock_id
                  \(SignalDeadline.join)
                 WHERE s.unit_code LIKE $4
                   AND \(filter.condition(unit: "s.unit_code", sector: "c.source_plugin", first: 1))
                 GROUP BY 1
                """, binds: binds), logger: logger)
            for try await (code, all, onTime, overdue) in signals.decode((String, Int64, Int64, Int64).self) {
                figures[code]?.signals = Int(all)
                figures[code]?.verifiedOnTime = Int(onTime)
                figures[code]?.verificationsOverdue = Int(overdue)
            }

            // Cases belong to no sector: a bureau sees none here.
            binds = PostgresBindings()
            filter.append(to: &binds)
            binds.append(prefix)
            let cases = try await connection.query(PostgresQuery(unsafeSQL: """
                SELECT \(child("m.unit_code")), count(*)::int8
                  FROM monitoring_cases m
                 WHERE m.unit_code LIKE $4 AND m.stage <> 'eliminated'
                   AND \(filter.condition(unit: "m.unit_code", sector: "NULL::text", first: 1))
                 GROUP BY 1
                """, binds: binds), logger: logger)
            for try await (code, count) in cases.decode((String, Int64).self) { figures[code]?.openCases = Int(count) }
            return figures.values.sorted { ($0.code == unit.code.rawValue ? 0 : 1, $0.code) < ($1.code == unit.code.rawValue ? 0 : 1, $1.code) }
        }
    }

    /// The unit, if the scope sees it at all (in every sector, or under a sector grant).
    public func unit(_ code: DivisionCode, in scope: AccessScope) async throws -> OrgUnit? {
        guard scope.seesAnything(at: code) else { return nil }
        return try await DirectoryStore(client: client, logger: logger).unit(code)
    }
}

extension ConsoleStore {
    /// The directory's top unit (the one without a parent; the smallest code if there are several).
    public func rootUnit() async throws -> DivisionCode? {
        try await client.withStoreConnection(failing: Self.failed, "工作台查询失败 (console query failed)") { connection in
            let rows = try await connection.query("SELECT code FROM org_units WHERE parent_code IS NULL ORDER BY code LIMIT 1", logger: logger)
            for try await code in rows.decode(String.self) { return try DivisionCode(validating: code) }
            return nil
        }
    }
}
