import DixianDaemon
import DixianStore
import DixianTestSupport
import Foundation
import PostgresNIO
import Testing

extension DemoScreeningTests {
    /// Issue 19: the running demo daemon's work figures agree with the database, counted here with plain SQL: the
    /// signals awaiting verification per town, the towns themselves, each rule's last screening, the register's import.
    static func checkWorkFigures(address: String, state: String) async throws {
        let endpoint = try DatabaseURL(parsing: try await CommandResult.run(["db", "url", "--state-dir", state]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)).endpoint(password: nil)
        let expected = try await Self.databaseCounts(endpoint)
        #expect(expected.pendingByTown.values.reduce(0, +) > 0, "the demo leaves signals to verify")

        // The figures are read once per planning tick: wait for a read after the demo cases were seeded.
        var figures = MetricSamples("")
        for _ in 0..<90 {
            figures = MetricSamples(try #require(await HTTPProbe.get(address, "/metrics")).body)
            if figures.sum("dixian_cases", ["stage": "eliminated"]) >= 1, Self.pendingByTown(figures) == expected.pendingByTown { break }
            try await Task.sleep(for: .seconds(2))
        }
        #expect(Self.pendingByTown(figures) == expected.pendingByTown, "dixian_verifications_pending by town")
        let labelled = Set(figures.named("dixian_cases").compactMap { sample in sample.labels["town_code"].map { "\($0) \(sample.labels["town"] ?? "")" } })
        #expect(labelled == expected.towns, "one label pair per town of the directory: \(labelled.sorted())")
        #expect(figures.sum("dixian_case_clocks_overdue", ["clock": "10_day"]) >= 1, "the demo's overdue 10-day clock")
        #expect(figures.sum("dixian_verifications_done", ["on_time": "true"]) >= 1)

        let matched = figures.named("dixian_screening_rule_matched")
        #expect(!matched.isEmpty && matched.contains { $0.value > 0 })
        for sample in matched {
            let rule = sample.labels["rule"] ?? ""
            #expect(expected.matchedByRule[rule].map(Double.init) ?? 0 == sample.value, "\(rule)")
        }
        #expect((figures.named("dixian_dataset_last_import_timestamp_seconds", ["dataset": "register.households"]).first?.value ?? 0) > 1.7e9)
    }

    private static func pendingByTown(_ figures: MetricSamples) -> [String: Int] {
        var result: [String: Int] = [:]
        for sample in figures.named("dixian_verifications_pending") where sample.value > 0 {
            result[sample.labels["town_code"] ?? "", default: 0] += Int(sample.value)
        }
        return result
    }

    private struct DatabaseCounts: Sendable {
        var pendingByTown: [String: Int] = [:]
        var towns: Set<String> = []
        var matchedByRule: [String: Int] = [:]
    }

    private static func databaseCounts(_ endpoint: DatabaseEndpoint) async throws -> DatabaseCounts {
        try await TestDatabase.withClient(endpoint, maxConnections: 1) { client in
            var counts = DatabaseCounts()
            let pending = try await client.query(
                "SELECT left(unit_code, 9) || '000', count(*)::int8 FROM monitoring_signals WHERE outcome IS NULL GROUP BY 1")
            for try await (town, count) in pending.decode((String, Int64).self) { counts.pendingByTown[town] = Int(count) }
            for try await (code, name) in try await client.query("SELECT code, name FROM org_units WHERE level = 'town'").decode((String, String).self) {
                counts.towns.insert("\(code) \(name)")
            }
            let runs = try await client.query(
                "SELECT plugin || '.' || rule_id, matched FROM screening_runs WHERE NOT dry_run ORDER BY id")
            for try await (rule, matched) in runs.decode((String, Int).self) { counts.matchedByRule[rule] = matched }
            return counts
        }
    }
}
