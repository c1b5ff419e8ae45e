import DixianStore
import DixianTestSupport
import Foundation
import Testing

/// Two visit signals on the schedule fixture's demo county, one in the first cadre's village and one in
/// another town, and the officials of the first village's approval chain.
struct ConsoleCaseFixture {
    let endpoint: DatabaseEndpoint
    let signalID: Int64
    let otherSignalID: Int64
    /// A village cadre in the other town.
    let otherCadreID: String
    /// The first village's secretary (村级评议) and its town's office (乡镇审核).
    let secretaryID: String
    let townOfficeID: String
    /// An official of the first village who holds the helper role and no other (the demo county's helpers are
    /// cadres too, who may take every step).
    let helperID: String

    static func make(_ endpoint: DatabaseEndpoint, _ plan: ScheduleTestPlan) async throws -> ConsoleCaseFixture {
        let village = try #require(try await ConsoleSignInTests.value(endpoint, "SELECT org_unit_code FROM officials WHERE id = '\(plan.cadreID)'"))
        let otherVillage = try #require(try await ConsoleSignInTests.value(
            endpoint, "SELECT min(code) FROM org_units WHERE parent_code = '\(plan.otherTown)'"))
        func signal(_ unit: String, _ household: String) async throws -> Int64 {
            let id = try await ConsoleSignInTests.value(endpoint, """
                INSERT INTO monitoring_signals (source, household_id, unit_code, risk_types, raised_on, entered_at, entered_by, channel)
                VALUES ('visit', '\(household)', '\(unit)', ARRAY['illness'], current_date, now(), 'test', 'cli') RETURNING id::text
                """)
            return try #require(id.flatMap { Int64($0) })
        }
        func official(_ role: String, at unit: String) async throws -> String {
            try #require(try await ConsoleSignInTests.value(
                endpoint, "SELECT min(id) FROM officials WHERE active AND '\(role)' = ANY(roles) AND org_unit_code = '\(unit)'"),
                "no \(role) at \(unit)")
        }
        let helper = try #require(try await ConsoleSignInTests.value(endpoint, """
            UPDATE officials SET roles = ARRAY['helper'] WHERE id = (
              SELECT min(id) FROM officials WHERE active AND 'helper' = ANY(roles) AND org_unit_code = '\(village)'
                 AND NOT 'village_secretary' = ANY(roles) AND id <> '\(plan.cadreID)')
            RETURNING id
            """), "a second helper in the village")
        return ConsoleCaseFixture(
            endpoint: endpoint, signalID: try await signal(village, "H-CONSOLE-1"), otherSignalID: try await signal(otherVillage, "H-CONSOLE-2"),
            otherCadreID: try await official("village_cadre", at: otherVillage), secretaryID: try await official("village_secretary", at: village),
            townOfficeID: try await official("town_office", at: plan.firstTown.rawValue), helperID: helper)
    }

    /// Another visit signal in the first cadre's village.
    func anotherSignal(_ plan: ScheduleTestPlan) async throws -> Int64 {
        try #require(try await ConsoleSignInTests.value(endpoint, """
            INSERT INTO monitoring_signals (source, household_id, unit_code, risk_types, raised_on, entered_at, entered_by, channel)
            SELECT 'visit', 'H-CONSOLE-3', org_unit_code, ARRAY['disaster'], current_date, now(), 'test', 'cli'
              FROM officials WHERE id = '\(plan.cadreID)' RETURNING id::text
            """).flatMap { Int64($0) })
    }

    /// A sector signal in the first cadre's village: an open alert of the education plugin's first rule, as a
    /// screening run would raise it.
    func educationSignal(_ plan: ScheduleTestPlan) async throws -> Int64 {
        let run = try #require(try await ConsoleSignInTests.value(endpoint, """
            INSERT INTO screening_runs (plugin, rule_id, rule_hash, compiled_sql, trigger, as_of, dry_run, started_at, duration_ms,
                                        rows_screened, matched, new_alerts, still_open, no_longer_matching, data_missing)
            VALUES ('education', 'compulsory_age_not_enrolled', repeat('0', 64), 'SELECT 1', 'manual', current_date, false, now(), 1,
                    1, 1, 1, 0, 0, 0) RETURNING id::text
            """))
        return try #require(try await ConsoleSignInTests.value(endpoint, """
            WITH a AS (
              INSERT INTO alerts (plugin, rule_id, subject_key, household_id, unit_code, severity, raised_at, last_matched_at, raised_by_run)
              SELECT 'education', 'compulsory_age_not_enrolled', 'S-CONSOLE-1', 'H-CONSOLE-4', org_unit_code, 'high', now(), now(), \(run)
                FROM officials WHERE id = '\(plan.cadreID)' RETURNING id, unit_code)
            INSERT INTO monitoring_signals (source, alert_id, household_id, unit_code, risk_types, raised_on, entered_at, entered_by, channel)
            SELECT 'sector', a.id, 'H-CONSOLE-4', a.unit_code, ARRAY['schooling'], current_date, now(), 'education.compulsory_age_not_enrolled', 'screener'
              FROM a RETURNING id::text
            """).flatMap { Int64($0) })
    }

    /// The cadre verifies `signalID` as a risk in the console; returns the case it opened.
    func openCase(_ signalID: Int64, by cadre: ConsoleClient) async throws -> Int64 {
        let page = try cadre.get("/console/signals/\(signalID)")
        let answer = try cadre.post("/console/signals/\(signalID)/verify", form: [
            ("csrf", try #require(page.csrf)), ("outcome", "risk_confirmed"), ("category", "sudden_hardship"),
        ])
        #expect(answer.status == 200, "\(answer.body.prefix(600))")
        return try #require(try await ConsoleSignInTests.value(endpoint, "SELECT case_id::text FROM monitoring_signals WHERE id = \(signalID)")
            .flatMap { Int64($0) })
    }

    /// Each of `approvers` approves the case's awaiting step in the console, in turn.
    func approve(_ caseID: Int64, by approvers: [ConsoleClient]) throws {
        for browser in approvers {
            let page = try browser.get("/console/cases/\(caseID)")
            let answer = try browser.post("/console/cases/\(caseID)/decision", form: [("csrf", try #require(page.csrf)), ("decision", "approved")])
            #expect(answer.status == 200, "\(answer.body.prefix(600))")
        }
    }

    /// "outcome channel official" of the first signal once verified.
    func signalOutcome() async throws -> String? {
        try await ConsoleSignInTests.value(
            endpoint, "SELECT outcome || ' ' || verified_channel || ' ' || verified_by FROM monitoring_signals WHERE id = \(signalID)")
    }

    /// The case the first signal's verification opened.
    func caseID() async throws -> Int64? {
        try await ConsoleSignInTests.value(endpoint, "SELECT case_id::text FROM monitoring_signals WHERE id = \(signalID)").flatMap { Int64($0) }
    }

    /// An expression over the case `c`, as text.
    func caseValue(_ caseID: Int64, _ expression: String) async throws -> String? {
        try await ConsoleSignInTests.value(endpoint, "SELECT (\(expression))::text FROM monitoring_cases c WHERE c.id = \(caseID)")
    }
}
