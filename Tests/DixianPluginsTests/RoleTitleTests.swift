import DixianCore
import Foundation
import Testing

@testable import DixianPlugins

/// Post names as offices write them (职务称谓), and the loader's checks of `title` and `on_behalf_of`.
@Suite struct RoleTitleTests {
    @Test("a level word is said once, X长 keeps it, a bureau that starts with the unit is not prefixed", arguments: [
        ("岚川县东关镇枣口村", "村党组织书记", "岚川县东关镇枣口村党组织书记"),
        ("岚川县", "县巩固衔接领导小组办公室", "岚川县巩固衔接领导小组办公室"),
        ("岚川县", "县委书记", "岚川县委书记"),
        ("岚川县", "县长", "岚川县县长"),
        ("岚川县东关镇", "镇长", "岚川县东关镇镇长"),
        ("岚川县岚城街道岚城东街社区", "社区党组织书记", "岚川县岚城街道岚城东街社区党组织书记"),
        ("岚川县", "岚川县水利局联络员", "岚川县水利局联络员"),
        ("岚川县", "县教体局联络员", "岚川县教体局联络员"),
        ("岚川县东关镇", "党委书记", "岚川县东关镇党委书记"),
        ("", "县委书记", "县委书记"),
    ])
    func join(unit: String, title: String, expected: String) {
        #expect(RoleTitle.join(unitFullName: unit, title: title) == expected)
    }

    @Test("a title picks its form by the unit's name and fills its placeholders")
    func postName() throws {
        let set = try PluginLoader.load(pluginsDirectory: shippedPlugins, overridesDirectory: nil)
        let head = try #require(set.role(id: "town_head"))
        #expect(head.postName(unitFullName: "岚川县东关镇", unitName: "东关镇", bureau: nil, sector: nil) == "岚川县东关镇镇长")
        #expect(head.postName(unitFullName: "岚川县石门乡", unitName: "石门乡", bureau: nil, sector: nil) == "岚川县石门乡乡长")
        #expect(head.postName(unitFullName: "岚川县岚城街道", unitName: "岚城街道", bureau: nil, sector: nil) == "岚川县岚城街道办事处主任")
        let contact = try #require(set.role(id: "bureau_contact"))
        #expect(
            contact.postName(unitFullName: "岚川县", unitName: "岚川县", bureau: "岚川县水利局", sector: "饮水安全保障")
                == "岚川县水利局巩固衔接工作联络员")
        #expect(
            contact.postName(unitFullName: "岚川县", unitName: "岚川县", bureau: "县水务局（水利局）", sector: "饮水安全保障")
                == "岚川县水务局（水利局）巩固衔接工作联络员")
        let group = try #require(set.role(id: "town_working_group"))
        #expect(group.postName(unitFullName: "岚川县东关镇", unitName: "东关镇", bureau: nil, sector: "饮水安全保障") == "岚川县东关镇饮水安全保障工作专班")
        let leader = try #require(set.role(id: "county_leader"))
        #expect(leader.postName(unitFullName: "岚川县东关镇枣口村", unitName: "枣口村", bureau: nil, sector: nil) == "包联岚川县东关镇枣口村的县级领导")
    }

    @Test("a bad title or on_behalf_of is reported at its place", arguments: [
        ("    title: 党组织书记\n", "    title: {社区: 社区党组织书记}\n", "称谓须有 default (a title mapping needs a default)"),
        ("    title: 党组织书记\n", "    title: {default: 党组织书记, 组: 组长}\n", "未知的单位名称结尾 '组' (unknown unit-name ending)"),
        ("    title: 党组织书记\n", "    title: \"{bureau}书记\"\n", "只有按行业区分的角色能用 {bureau} ({bureau} needs a per-sector role)"),
        ("    title: 党组织书记\n", "    title: \"{village}书记\"\n", "称谓中有未知的占位符 (unknown placeholder in a title): {village}书记"),
        ("    on_behalf_of: county_party_secretary\n", "    on_behalf_of: county_party_secretry\n", "未知的角色 'county_party_secretry' (unknown role)"),
    ])
    func badDeclarations(old: String, new: String, message: String) throws {
        let fixture = try PluginFixture()
        let line = try fixture.replace(old, with: new, in: "governance")
        let result = fixture.validate()
        #expect(result.set == nil)
        #expect(result.errors.map(\.message) == [message])
        #expect(result.errors.first?.line == line, "\(result.errors)")
    }

    @Test("basis in an override: a duty's own wins over the plugin's")
    func basisPrecedence() throws {
        let fixture = try PluginFixture()
        try fixture.writeOverride("water", """
            format_version: 1
            basis: {title: 岚川县农村饮水安全保障实施方案, number: 岚水发〔2026〕8号}
            duties:
              door_to_door_screening:
                basis: {title: 关于开展敲门入户大排查的通知}
            """)
        let set = try PluginLoader.load(pluginsDirectory: fixture.plugins, overridesDirectory: fixture.overrides)
        #expect(set.duty(qualifiedID: "water.door_to_door_screening")?.basis?.citation == "《关于开展敲门入户大排查的通知》")
        #expect(set.duty(qualifiedID: "water.water_quality_test")?.basis?.citation == "《岚川县农村饮水安全保障实施方案》（岚水发〔2026〕8号）")
        #expect(set.duty(qualifiedID: "health.family_doctor_ledger")?.basis == nil, "another plugin keeps none")
    }
}

/// The one-pass filling of placeholders against Foundation's replacing, one placeholder after another.
/// No combining marks: Foundation does not match `{unit}` when one follows the brace (`}\u{301}` is one
/// character), the filling does; titles are written by plugin authors in plain text.
@Suite struct RoleTitleFillingTests {
    static let pieces = ["{unit}", "{bureau}", "{sector}", "{", "}", "{other}", "{uni", "书记", "局", "a", " ", "😀"]

    @Test("3,000 random titles fill as replacing each placeholder in turn does")
    func agreesWithReplacing() {
        var random = SeededRandom(seed: 0x717E)
        let values = ["{bureau}": "岚川县水利局", "{sector}": "饮水安全保障", "{unit}": "岚川县东关镇"]
        for _ in 0..<3_000 {
            let title = (0..<random.below(7)).map { _ in random.pick(Self.pieces) }.joined()
            let replaced = title.replacingOccurrences(of: "{bureau}", with: values["{bureau}"]!)
                .replacingOccurrences(of: "{sector}", with: values["{sector}"]!)
            let expected = (text: replaced.replacingOccurrences(of: "{unit}", with: values["{unit}"]!), usedUnit: replaced.contains("{unit}"))
            let filled = RoleTitle.filling(title, values)
            #expect(filled.text == expected.text && filled.usedUnit == expected.usedUnit, "\(title.unicodeScalars.map(\.value))")
        }
    }
}
