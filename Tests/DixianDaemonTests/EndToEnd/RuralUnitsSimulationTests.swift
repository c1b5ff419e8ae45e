import DixianTestSupport
import Foundation
import Testing

/// Issue 16's acceptance line: `dixian simulate --from 2026-07-01 --to 2026-09-30` on the demo county sends no
/// rural-only duty to an urban 社区 and pairs no county leader with one.
///
/// The expectations are read from the committed files as text (config/demo/org_units.csv, the `units:` lines of
/// plugins/*/plugin.yaml), not through dixian's own loaders, so a loader that dropped the classification could
/// not hide it.
@Suite("Rural and urban units: dixian simulate on the demo county")
struct RuralUnitsSimulationTests {
    static let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The demo county's village-level units (12-digit codes ending in a non-zero village part), as written.
    struct DemoUnits {
        var urban: Set<String> = []
        var rural: Set<String> = []
        var povertyExited: Set<String> = []

        init() throws {
            let text = try String(contentsOf: root.appendingPathComponent("config/demo/org_units.csv"), encoding: .utf8)
            let lines = text.split(whereSeparator: \.isNewline).map(String.init)
            #expect(lines.first?.hasSuffix("单位代码,名称,层级,城乡分类代码,脱贫村") == true, "\(lines.first ?? "")")
            for line in lines.dropFirst() {
                let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                guard cells.count == 5, !cells[0].hasSuffix("000") else { continue }
                if cells[3].hasPrefix("1") { urban.insert(cells[0]) } else { rural.insert(cells[0]) }
                if cells[4] == "是" { povertyExited.insert(cells[0]) }
            }
        }
    }

    /// `<plugin>.<duty>` of every duty whose block in a shipped plugin.yaml has the line `    units: <scope>`.
    static func duties(scoped scope: String) throws -> Set<String> {
        var found: Set<String> = []
        let plugins = root.appendingPathComponent("plugins")
        for folder in try FileManager.default.contentsOfDirectory(atPath: plugins.path).sorted() {
            let file = plugins.appendingPathComponent(folder).appendingPathComponent("plugin.yaml")
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            var duty: String?
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("  - id: ") { duty = String(line.dropFirst(8)) }
                if line == "    units: \(scope)", let duty { found.insert("\(folder).\(duty)") }
            }
        }
        return found
    }

    /// The simulation's messages as (duty, unit, role, recipient).
    struct Message: Hashable {
        var duty: String
        var unit: String
        var role: String
        var recipient: String
    }

    static func simulate(_ extra: [String], environment: [String: String] = [:]) async throws -> [Message] {
        let result = try await CommandResult.run(
            ["simulate", "--from", "2026-07-01", "--to", "2026-09-30", "--format", "json"] + extra,
            environment: environment, workingDirectory: root.path)
        #expect(result.status == 0, "\(result.errorOutput)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let messages = try #require(report["messages"] as? [[String: Any]])
        return messages.compactMap { message in
            guard let duty = message["duty_id"] as? String, let unit = message["unit_code"] as? String,
                let role = message["role"] as? String, let recipient = message["recipient_id"] as? String
            else { return nil }
            return Message(duty: duty, unit: unit, role: role, recipient: recipient)
        }
    }

    static func check(_ messages: [Message], units: DemoUnits) throws {
        #expect(units.urban.count == 11 && units.rural.count == 173 && !units.povertyExited.isEmpty)
        #expect(units.povertyExited.isSubset(of: units.rural))
        let rural = try duties(scoped: "rural")
        #expect(rural.isSuperset(of: [
            "governance.village_secretary_visits", "water.door_to_door_screening", "employment.employment_data_update",
            "housing.patrol_ledger_update",
        ]))
        let ruralMessages = messages.filter { rural.contains($0.duty) }
        let atUrban = ruralMessages.filter { units.urban.contains($0.unit) }
        #expect(atUrban.isEmpty, "rural-only duties at urban 社区: \(atUrban.prefix(5))")
        // Not vacuous: the monthly rural duties do reach every rural village.
        for duty in ["governance.village_secretary_visits", "employment.employment_data_update"] {
            #expect(Set(messages.filter { $0.duty == duty }.map(\.unit)) == units.rural, "\(duty)")
        }

        #expect(try duties(scoped: "poverty_exited") == ["governance.county_leader_pairing_visit"])
        let pairing = messages.filter { $0.duty == "governance.county_leader_pairing_visit" }
        #expect(Set(pairing.filter { $0.role == "county_leader" }.map(\.recipient)).count >= 20, "every paired leader is reminded")
        #expect(pairing.allSatisfy { units.povertyExited.contains($0.unit) }, "\(pairing.filter { !units.povertyExited.contains($0.unit) }.prefix(5))")
        let leaders = messages.filter { $0.role == "county_leader" }
        #expect(!leaders.isEmpty && leaders.allSatisfy { !units.urban.contains($0.unit) && units.povertyExited.contains($0.unit) })
    }

    @Test("acceptance: the demo county in memory (--demo)")
    func demoInMemory() async throws {
        try await Self.check(try Self.simulate(["--demo"]), units: try DemoUnits())
    }

    @Test("acceptance: the demo county imported from config/demo into PostgreSQL, then simulated from the database")
    func demoFromDatabase() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let environment = ["DIXIAN_DATABASE_URL": endpoint.description]
            for file in ["org_units.csv", "officials.csv"] {
                let result = try await CommandResult.run(
                    ["directory", "import", "config/demo/" + file], environment: environment, workingDirectory: Self.root.path)
                #expect(result.status == 0, "\(file): \(result.errorOutput)")
            }
            try await Self.check(try Self.simulate([], environment: environment), units: try DemoUnits())
        }
    }
}
