import DixianConsole
import DixianDirectory
import Testing

@Suite("可见范围 AccessScope from directory rows")
struct AccessScopeTests {
    static let county = "149721000000", town = "149721101000", village = "149721101201", otherVillage = "149721102203"

    static func official(_ id: String, _ roles: [String], at unit: String, sector: String? = nil, active: Bool = true) -> Official {
        Official(id: id, name: "测试", roles: roles, orgUnitCode: try! DivisionCode(validating: unit), sector: sector, active: active)
    }

    /// Roles the health plugin declares itself; every other role is the core catalogue's.
    static func sectorOfRole(_ role: String) -> String? { role.hasPrefix("health_") ? "health" : nil }

    @Test("each kind of row grants what the issue's table says", arguments: [
        (["county_office"], county, nil, ["149721"], [], [], true),
        (["county_magistrate"], county, nil, ["149721"], [], [], false),
        (["bureau_contact"], county, "education", [], ["education:149721"], [], false),
        (["health_insurance_head"], county, nil, [], ["health:149721"], [], false),
        (["town_working_group"], town, "water", ["149721101"], [], [], false),
        (["village_secretary"], village, nil, [village], [], [], false),
        (["helper", "village_cadre"], village, nil, [village], [], ["A"], false),
        (["helper"], village, nil, [], [], ["A"], false),
    ] as [([String], String, String?, [String], [String], [String], Bool)])
    func grants(
        roles: [String], unit: String, sector: String?, prefixes: [String], sectorGrants: [String], helpers: [String], office: Bool
    ) {
        let scope = AccessScope(officials: [Self.official("A", roles, at: unit, sector: sector)], sectorOfRole: Self.sectorOfRole)
        #expect(scope.unitPrefixes == prefixes)
        #expect(scope.sectorGrants.map { "\($0.sector):\($0.unitPrefix)" } == sectorGrants)
        #expect(scope.helperIDs == helpers)
        #expect(scope.isCountyOffice == office)
    }

    @Test("several rows of one person: the union, a village inside the county dropped, inactive rows ignored")
    func union() {
        let scope = AccessScope(officials: [
            Self.official("A", ["county_leader"], at: Self.village),
            Self.official("B", ["county_magistrate"], at: Self.county),
            Self.official("C", ["village_secretary"], at: Self.otherVillage, active: false),
        ], sectorOfRole: Self.sectorOfRole)
        #expect(scope.officialIDs == ["A", "B"])
        #expect(scope.unitPrefixes == ["149721"])
        #expect(scope.unitPatterns == ["149721%"])
        let village = try! DivisionCode(validating: Self.otherVillage)
        #expect(scope.seesAllSectors(of: village))
    }

    @Test("a bureau sees its sector in its county and nothing else")
    func sector() throws {
        let scope = AccessScope(officials: [Self.official("E", ["bureau_head"], at: Self.county, sector: "education")], sectorOfRole: Self.sectorOfRole)
        let village = try DivisionCode(validating: Self.village)
        #expect(scope.sees(sector: "education", at: village))
        #expect(!scope.sees(sector: "health", at: village))
        #expect(!scope.sees(sector: "education", at: try DivisionCode(validating: "149722101201")))
        #expect(scope.sectorColumns.sectors == ["education"] && scope.sectorColumns.patterns == ["149721%"])
    }

    @Test("no active row: an empty scope")
    func empty() {
        let scope = AccessScope(officials: [Self.official("A", ["village_secretary"], at: Self.village, active: false)], sectorOfRole: Self.sectorOfRole)
        #expect(scope.isEmpty)
    }
}
