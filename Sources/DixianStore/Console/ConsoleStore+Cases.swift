import DixianConsole
import DixianCore
import DixianDirectory
import DixianMonitoring
import Foundation
import PostgresNIO

extension ConsoleStore {
    /// A monitored household's case as the console lists it (监测户): the head's name masked, no ID number.
    public struct CaseRow: Sendable, Hashable {
        public var id: Int64
        public var number: String
        public var unitName: String
        public var headMasked: String?
        /// `inclusion_proposed`, `monitored`, `elimination_proposed` or `eliminated`.
        public var stage: String
        public var category: MonitoringCategory?
        public var riskTypes: [RiskType]
        public var helperName: String?
        public var openedOn: String
        /// The earliest open clock's due date (10- or 30-day), nil when none is open.
        public var nextDue: String?
        public var isOverdue: Bool
    }

    /// Something the console found in scope: its unit, for the page's facts and for who may act on it.
    public struct ScopedUnit: Sendable, Hashable {
        public var code: DivisionCode
        public var name: String
    }

    /// The cases `scope` sees, the most pressing clock first, then the newest: a unit seen in every sector, a
    /// bureau's sector among the case's alerts, or a household the person helps.
    public func cases(in scope: AccessScope, stage: String?, category: MonitoringCategory?, now: Date, limit: Int = 200) async throws -> [CaseRow] {
        let filter = ScopeFilter(scope: scope)
        var binds = PostgresBindings()
        filter.append(to: &binds, official: true)
        binds.append(stage)
        binds.append(category?.rawValue)
        binds.append(now)
        binds.append(limit)
        return try await client.withStoreConnection(failing: Self.failed, "监测户查询失败 (case query failed)") { connection in
            let rows = try await connection.query(PostgresQuery(unsafeSQL: """
                SELECT c.id, c.case_number, u.name, h.head_name, c.stage, c.category, c.risk_types, o.name, c.opened_on::text,
                       k.due_date::text, k.due_at < $7
                  FROM monitoring_cases c
                  JOIN org_units u ON u.code = c.unit_code
                  LEFT JOIN reg_households h ON h.household_id = c.household_id
                  LEFT JOIN helper_assignments ha ON ha.case_id = c.id AND ha.ends_on IS NULL
                  LEFT JOIN officials o ON o.id = ha.official_id
                  LEFT JOIN LATERAL (SELECT oc.due_date, oc.due_at FROM occurrences oc JOIN event_clocks e ON e.id = oc.event_clock_id
                                      WHERE e.case_number = c.case_number AND oc.status = 'open'
                                      ORDER BY oc.due_at LIMIT 1) k ON true
                 WHERE \(filter.condition(unit: "c.unit_code", sector: ScopeFilter.caseSectors, official: "ha.official_id", first: 1))
                   AND ($5::text IS NULL OR c.stage = $5) AND ($6::text IS NULL OR c.category = $6)
                 ORDER BY k.due_at NULLS LAST, c.id DESC
                 LIMIT $8
                """, binds: binds), logger: logger)
            var cases: [CaseRow] = []
            let columns = (Int64, String, String, String?, String, String, [String], String?, String, String?, Bool?).self
            for try await (id, number, unit, head, stage, category, risks, helper, opened, due, overdue) in rows.decode(columns) {
                cases.append(CaseRow(
                    id: id, number: number, unitName: unit, headMasked: head.map(PersonalDataMask.maskName), stage: stage,
                    category: MonitoringCategory(rawValue: category), riskTypes: risks.compactMap(RiskType.init(rawValue:)),
                    helperName: helper, openedOn: opened, nextDue: due, isOverdue: overdue ?? false))
            }
            return cases
        }
    }

    /// The unit of a case `scope` sees; nil when it does not see it or there is none (the same answer).
    public func caseUnit(id: Int64, in scope: AccessScope) async throws -> ScopedUnit? {
        try await scopedUnit(id: id, in: scope, """
            FROM monitoring_cases c JOIN org_units u ON u.code = c.unit_code
            LEFT JOIN helper_assignments ha ON ha.case_id = c.id AND ha.ends_on IS NULL
            """, unit: "c.unit_code", sector: ScopeFilter.caseSectors, official: "ha.official_id", idColumn: "c.id")
    }

    /// The unit of a risk signal `scope` sees; nil otherwise. A signal of a case the person helps is seen too.
    public func signalUnit(id: Int64, in scope: AccessScope) async throws -> ScopedUnit? {
        try await scopedUnit(id: id, in: scope, """
            FROM monitoring_signals s JOIN org_units u ON u.code = s.unit_code
            LEFT JOIN alerts a ON a.id = s.alert_id
            LEFT JOIN helper_assignments ha ON ha.case_id = s.case_id AND ha.ends_on IS NULL
            """, unit: "s.unit_code", sector: "a.plugin", official: "ha.official_id", idColumn: "s.id")
    }

    /// The unit of a sector alert `scope` sees: its unit in every sector, or its plugin's sector under a grant.
    public func alertUnit(id: Int64, in scope: AccessScope) async throws -> ScopedUnit? {
        try await scopedUnit(id: id, in: scope, """
            FROM alerts a JOIN org_units u ON u.code = a.unit_code
            """, unit: "a.unit_code", sector: "a.plugin", official: "NULL::text", idColumn: "a.id")
    }

    /// The unit of a ledger problem (`WT…`) `scope` sees in every sector; nil otherwise. A problem belongs to no
    /// sector: a bureau's sector grant does not reach it.
    public func ledgerProblemUnit(number: String, in scope: AccessScope) async throws -> ScopedUnit? {
        try await scopedUnit(id: number, in: scope, """
            FROM ledger_problems p JOIN org_units u ON u.code = p.unit_code
            """, unit: "p.unit_code", sector: "NULL::text", official: "NULL::text", idColumn: "p.problem_number")
    }

    private func scopedUnit(
        id: some PostgresNonThrowingEncodable & Sendable, in scope: AccessScope, _ from: String, unit: String, sector: String, official: String, idColumn: String
    ) async throws -> ScopedUnit? {
        let filter = ScopeFilter(scope: scope)
        var binds = PostgresBindings()
        filter.append(to: &binds, official: true)
        binds.append(id)
        return try await client.withStoreConnection(failing: Self.failed, "工作台查询失败 (console query failed)") { connection in
            let rows = try await connection.query(PostgresQuery(unsafeSQL: """
                SELECT u.code, u.name \(from)
                 WHERE \(idColumn) = $5 AND \(filter.condition(unit: unit, sector: sector, official: official, first: 1))
                 LIMIT 1
                """, binds: binds), logger: logger)
            for try await (code, name) in rows.decode((String, String).self) {
                return ScopedUnit(code: try DivisionCode(validating: code), name: name)
            }
            return nil
        }
    }
}
