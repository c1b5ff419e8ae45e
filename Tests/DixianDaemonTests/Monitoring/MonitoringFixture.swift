import DixianCore
import DixianDaemon
import DixianDirectory
import DixianMonitoring
import DixianScheduling
import DixianStore
import DixianTestSupport
import Foundation
import PostgresNIO
import Testing

/// A migrated database with the demo county's directory, a handful of registered households in one village, and
/// the desk to drive them through the procedure with back-dated steps.
struct MonitoringFixture {
    let client: PostgresClient
    let desk: MonitoringDesk
    let village: String

    /// Runs `body` on a fresh database prepared so.
    static func with(_ body: @escaping @Sendable (MonitoringFixture) async throws -> Void) async throws {
        let running = try DaemonOptions().loadRunningConfiguration()
        try await TestDatabase.withFreshDatabase { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                try await Migrator().migrate(client: client, logger: TestDatabase.logger)
                try await DirectoryStore.importDemoIfEmpty(
                    client: client, demoDirectory: "config/demo", knownRoles: running.roleCatalogue, logger: TestDatabase.logger)
                let units = try await DirectoryStore(client: client, logger: TestDatabase.logger).units()
                let village = try #require(units.first { $0.level == .village }).code.rawValue
                let desk = try MonitoringDesk(client: client, running: running, logger: TestDatabase.logger)
                try await body(MonitoringFixture(client: client, desk: desk, village: village))
            }
        }
    }

    /// Registers a household (head born 1980, able to work) with the given flags and income.
    func register(_ household: String, headID: String, tekun: Bool = false, income: String = "12000") async throws {
        try await client.query("""
            INSERT INTO data_imports (target, file_name, sha256, row_count, actor, channel, imported_at)
            VALUES ('register.households', 'fixture', repeat('0', 64), 1, 'test', 'cli', now())
            """)
        try await client.query("""
            INSERT INTO reg_households (import_id, household_id, village_code, household_type, head_resident_id, head_name,
                                        members, income_per_capita, income_year, is_dibao, is_tekun, no_labour)
            VALUES ((SELECT max(id) FROM data_imports), \(household), \(village), '脱贫户', \(headID), '测试户主', 1,
                    \(income)::numeric, 2024, false, \(tekun), false)
            """)
        try await client.query("""
            INSERT INTO reg_persons (import_id, resident_id, household_id, name, relation, birth_date, labour_capacity)
            VALUES ((SELECT max(id) FROM data_imports), \(headID), \(household), '测试户主', '户主', date '1980-01-01', '普通劳动力')
            """)
    }

    /// An entry `daysAgo` days before today, through the CLI, by the operator.
    func entry(_ daysAgo: Int) throws -> CaseEntry {
        try desk.entry(actor: "cli:test", channel: .cli, on: desk.today.adding(days: -daysAgo))
    }

    /// A cadre's signal `daysAgo` days ago; returns its id.
    func signal(_ household: String, daysAgo: Int) async throws -> Int64 {
        let signal = NewSignal(source: .visit, householdID: household, riskTypes: [.illness], note: "入户走访发现")
        return try await desk.store.addSignal(signal, entry: try entry(daysAgo), plan: try await desk.planning()).id
    }

    /// Verifies the signal as a confirmed risk; returns the case id.
    func confirm(_ signalID: Int64, daysAgo: Int) async throws -> Int64 {
        let result = try await desk.store.verify(
            signalID: signalID, .riskConfirmed(category: .suddenHardship, riskTypes: [.illness], householdID: nil), entry: try entry(daysAgo))
        let number = try #require(result.caseNumber)
        return try #require(try await desk.store.caseID(number))
    }

    /// Approves every step of the pending chain on the same day.
    func approveAll(_ caseID: Int64, daysAgo: Int) async throws {
        for _ in 0..<3 {
            _ = try await desk.store.decide(
                caseID: caseID, .approved, comment: "", actorIsOfficial: false, entry: try entry(daysAgo), plan: try await desk.planning())
        }
    }

    /// Signal, verification and inclusion: a monitored case.
    func monitoredCase(_ household: String, signalDaysAgo: Int, includedDaysAgo: Int) async throws -> Int64 {
        let caseID = try await confirm(try await signal(household, daysAgo: signalDaysAgo), daysAgo: signalDaysAgo)
        try await approveAll(caseID, daysAgo: includedDaysAgo)
        return caseID
    }

    /// A measure answering 因病, put in place `daysAgo` days ago.
    func measureInPlace(_ caseID: Int64, daysAgo: Int) async throws {
        let (_, id) = try await desk.store.addMeasure(
            caseID: caseID, type: .health, answers: .illness, description: "医疗救助", plannedOn: desk.today.adding(days: -daysAgo),
            entry: try entry(daysAgo))
        _ = try await desk.store.putInPlace(caseID: caseID, measureID: id, evidence: "救助发放记录", entry: try entry(daysAgo))
    }

    /// Active officials, for helpers.
    func officials(_ count: Int) async throws -> [String] {
        var ids: [String] = []
        for try await id in try await client.query("SELECT id FROM officials WHERE active ORDER BY id LIMIT \(count)").decode(String.self) {
            ids.append(id)
        }
        return ids
    }

    func value(_ sql: String) async throws -> String? {
        for try await value in try await client.query(PostgresQuery(unsafeSQL: sql)).decode(String?.self) { return value }
        return nil
    }
}
