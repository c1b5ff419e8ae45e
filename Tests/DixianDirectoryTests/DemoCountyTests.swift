import DixianDirectory
import Foundation
import Testing

@Suite("The demo county (config/demo)")
struct DemoCountyTests {
    static let county = DemoCounty.generate(roles: TestRoles.catalogue)

    static var demoDirectory: URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("config/demo")
    }

    @Test("deterministic: the same seed gives the same county, another seed another")
    func deterministic() {
        let again = DemoCounty.generate(roles: TestRoles.catalogue)
        #expect(again.unitsCSV() == Self.county.unitsCSV())
        #expect(again.officialsCSV() == Self.county.officialsCSV())
        #expect(DemoCounty.generate(seed: 1, roles: TestRoles.catalogue).unitsCSV() != Self.county.unitsCSV())
    }

    @Test("one county, at least 10 towns and 150 villages, fictional codes, unique names")
    func shape() {
        let units = Self.county.units
        #expect(units.filter { $0.level == .county }.count == 1)
        #expect(units.filter { $0.level == .town }.count >= 10)
        #expect(units.filter { $0.level == .village }.count >= 150)
        #expect(units.allSatisfy { $0.level <= .city || DemoCounty.countyCode.contains($0.code) })
        #expect(Set(units.map(\.code)).count == units.count)
        let villages = units.filter { $0.level == .village }.map(\.name)
        #expect(Set(villages).count == villages.count)
    }

    @Test("every role is held at its level; per-sector roles in every sector; contacts are fake")
    func staffing() {
        let officials = Self.county.officials
        let levels = Dictionary(uniqueKeysWithValues: Self.county.units.map { ($0.code, $0.level) })
        for role in TestRoles.catalogue.roles.values {
            let holders = officials.filter { $0.roles.contains(role.id) }
            #expect(!holders.isEmpty, "nobody holds \(role.id)")
            #expect(holders.allSatisfy { levels[$0.orgUnitCode] == role.level }, "\(role.id) at the wrong level")
            if role.perSector { #expect(holders.allSatisfy { $0.sector != nil }) }
        }
        for town in Self.county.units where town.level == .town {
            let groups = officials.filter { $0.orgUnitCode == town.code && $0.roles.contains("town_working_group") }
            #expect(Set(groups.compactMap(\.sector)) == ["education", "health", "housing", "water", "employment", "credit"])
        }
        for village in Self.county.units where village.level == .village {
            #expect(officials.contains { $0.orgUnitCode == village.code && $0.roles.contains("village_secretary") })
        }
        #expect(officials.compactMap(\.email).allSatisfy { $0.hasSuffix(".invalid") })
        #expect(officials.compactMap(\.mobile).allSatisfy { $0.hasPrefix("100") && $0.count == 11 })
        #expect(Set(officials.map(\.id)).count == officials.count)
    }

    @Test("the generated files import without a single issue")
    func importsCleanly() throws {
        let units = DirectoryImporter(roles: TestRoles.catalogue).plan(bytes: Array(Self.county.unitsCSV().utf8))
        #expect(units.issues.isEmpty && units.fileIssues.isEmpty)
        #expect(units.units.count == Self.county.units.count)
        #expect(units.encoding == .utf8BOM)
        let snapshot = DirectorySnapshot(unitCodes: Set(units.units.map(\.code)))
        let officials = DirectoryImporter(roles: TestRoles.catalogue, snapshot: snapshot)
            .plan(bytes: Array(Self.county.officialsCSV().utf8))
        #expect(officials.issues.isEmpty && officials.fileIssues.isEmpty, "\(officials.issues.prefix(3))")
        #expect(officials.officials == Self.county.officials)
    }

    /// `DIXIAN_WRITE_DEMO=1 swift test --filter DemoCountyTests` rewrites the committed files.
    @Test("config/demo holds exactly the generator's output")
    func committedFilesAreCurrent() throws {
        let files = [
            (DemoCounty.unitsFileName, Self.county.unitsCSV()),
            (DemoCounty.officialsFileName, Self.county.officialsCSV()),
        ]
        for (name, content) in files {
            let url = Self.demoDirectory.appendingPathComponent(name)
            if ProcessInfo.processInfo.environment["DIXIAN_WRITE_DEMO"] == "1" {
                try Data(content.utf8).write(to: url)
            }
            let committed = try Data(contentsOf: url)
            #expect(committed == Data(content.utf8), "\(name) is stale: run DIXIAN_WRITE_DEMO=1 swift test --filter DemoCountyTests")
        }
    }
}
