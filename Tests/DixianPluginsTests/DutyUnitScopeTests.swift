import DixianCore
import DixianTestSupport
import Foundation
import Testing

@testable import DixianPlugins

/// `units: all | rural | poverty_exited` on a duty and in a bureau override, checked by the loader and, on
/// the same trees, by the independent Python reference (scripts/plugin-reference-check.py): both must
/// accept and reject alike.
@Suite struct DutyUnitScopeTests {
    /// Runs the Python reference on the fixture; true when it accepts.
    static func referenceAccepts(_ fixture: PluginFixture, override plugin: String? = nil) async throws -> Bool {
        let result = try await PluginReference.check(fixture.plugins, override: plugin.map { "\(fixture.overrides)/\($0).yaml" })
        // 0 accepted, 1 rejected; anything else (a missing module, a crash) is no answer.
        #expect([0, 1].contains(result.status), "the reference did not run: \(result.output)")
        return result.status == 0
    }

    @Test func shippedScopesAreLoaded() throws {
        let set = try PluginLoader.load(pluginsDirectory: shippedPlugins, overridesDirectory: nil)
        let scoped = set.plugins.flatMap(\.duties).filter { $0.units != .all }
        #expect(Dictionary(uniqueKeysWithValues: scoped.map { ($0.qualifiedID, $0.units) }) == [
            "employment.employment_data_update": .rural,
            "governance.county_leader_pairing_visit": .povertyExited,
            "governance.village_secretary_visits": .rural,
            "housing.patrol_ledger_update": .rural,
            "water.door_to_door_screening": .rural,
        ])
        #expect(set.duty(qualifiedID: "governance.town_secretary_visits")?.units == .all)
    }

    @Test func overrideMayWidenOrNarrowAVillageDuty() async throws {
        let fixture = try PluginFixture()
        try fixture.writeOverride(
            "governance",
            "format_version: 1\nduties:\n  village_secretary_visits:\n    units: all\n  campaign_mobilise:\n    units: poverty_exited\n")
        let result = fixture.validate()
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.set?.duty(qualifiedID: "governance.village_secretary_visits")?.units == .all)
        #expect(result.set?.duty(qualifiedID: "governance.campaign_mobilise")?.units == .povertyExited)
        #expect(try await Self.referenceAccepts(fixture, override: "governance"))
    }

    @Test func scopeOnATownDutyIsReportedAtTheValue() async throws {
        let fixture = try PluginFixture()
        let line = try fixture.replace(
            "  - id: housing_safety_screening\n", with: "  - id: housing_safety_screening\n    units: rural\n", in: "housing")
        let result = fixture.validate()
        #expect(result.errorPositions(relativeTo: fixture.root) == ["plugins/housing/plugin.yaml:\(line + 1):12"])
        #expect(result.errors.first?.message.contains("只适用于村级责任人的任务") == true)
        #expect(result.errors.first?.message.contains("乡镇级") == true)
        #expect(try await Self.referenceAccepts(fixture) == false)
    }

    @Test func scopeOnATownDutyInAnOverrideIsReportedInTheOverride() async throws {
        let fixture = try PluginFixture()
        try fixture.writeOverride("credit", "format_version: 1\nduties:\n  credit_demand_survey:\n    units: poverty_exited\n")
        let result = fixture.validate()
        #expect(result.errorPositions(relativeTo: fixture.root) == ["overrides/credit.yaml:4:12"])
        #expect(try await Self.referenceAccepts(fixture, override: "credit") == false)
    }

    @Test func unknownScopeIsAnError() async throws {
        let fixture = try PluginFixture()
        let line = try fixture.replace("    units: rural\n", with: "    units: urban\n", in: "water")
        let result = fixture.validate()
        #expect(result.errorPositions(relativeTo: fixture.root) == ["plugins/water/plugin.yaml:\(line):12"])
        #expect(try await Self.referenceAccepts(fixture) == false)
    }

    @Test func scopeIsNotADefault() async throws {
        let fixture = try PluginFixture()
        let line = try fixture.replace("defaults:\n", with: "defaults:\n  units: rural\n", in: "water")
        let result = fixture.validate()
        #expect(result.errorPositions(relativeTo: fixture.root).first?.hasPrefix("plugins/water/plugin.yaml:\(line + 1):") == true)
        #expect(try await Self.referenceAccepts(fixture) == false)
    }
}
