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
        let office = officials.first { $0.roles.contains("county_office") }
        #expect(office?.id == DemoCounty.countyOfficeID && office?.orgUnitCode == DemoCounty.countyCode, "the README's demo sign-in")
    }

    @Test("the 11 社区 are urban, villages rural (210 at a 乡's seat), about two in five 脱贫村, none urban")
    func classification() {
        let villageLevel = Self.county.units.filter { $0.level == .village }
        let communities = villageLevel.filter { $0.name.hasSuffix("社区") }
        #expect(communities.count == 11)
        #expect(communities.allSatisfy { $0.urbanRural.map { !$0.isRural } == true && !$0.isPovertyExited })
        #expect(Set(communities.compactMap(\.urbanRural)) == [.mainUrbanArea, .urbanRuralFringe, .townCentre])
        let villages = villageLevel.filter { $0.name.hasSuffix("村") }
        #expect(villages.count + communities.count == villageLevel.count)
        #expect(villages.allSatisfy { $0.urbanRural == .village || $0.urbanRural == .townshipCentre })
        // One seat village per 乡 (towns 2xx), and only there.
        let seats = villages.filter { $0.urbanRural == .townshipCentre }
        #expect(seats.count == 4 && seats.allSatisfy { $0.code.rawValue.hasSuffix("201") && $0.code.rawValue.dropFirst(6).hasPrefix("2") })
        let poor = villages.filter(\.isPovertyExited)
        #expect(poor.count * 10 >= villages.count * 3 && poor.count * 10 <= villages.count * 5, "\(poor.count) of \(villages.count)")
        #expect(Self.county.units.filter { $0.level < .village }.allSatisfy { $0.urbanRural == nil && !$0.isPovertyExited })
    }

    @Test("every county-level leader is paired with a 脱贫村 (包联), one per seven villages, no two with the same one")
    func pairings() {
        let byCode = Dictionary(uniqueKeysWithValues: Self.county.units.map { ($0.code, $0) })
        let leaders = Self.county.officials.filter { $0.roles.contains("county_leader") }
        let villageCount = Self.county.units.filter { $0.level == .village }.count
        #expect(leaders.count == (villageCount + 3) / 7)
        #expect(leaders.allSatisfy { byCode[$0.orgUnitCode]?.isPovertyExited == true && byCode[$0.orgUnitCode]?.isRural == true })
        #expect(Set(leaders.map(\.orgUnitCode)).count == leaders.count)
        // Spread over the county, not bunched in the first towns.
        let towns = Set(leaders.compactMap { $0.orgUnitCode.parent })
        #expect(towns.count >= 10)
    }

    @Test("the generated files import without a single issue")
    func importsCleanly() throws {
        let units = DirectoryImporter(roles: TestRoles.catalogue).plan(bytes: Array(Self.county.unitsCSV().utf8))
        #expect(units.issues.isEmpty && units.fileIssues.isEmpty)
        #expect(units.units.count == Self.county.units.count)
        #expect(Set(units.units) == Set(Self.county.units), "classification survives the CSV")
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
