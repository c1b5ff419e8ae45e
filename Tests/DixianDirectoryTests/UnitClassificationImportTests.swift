import DixianDirectory
import Testing

@Suite("城乡分类代码 and 脱贫村 in the units file")
struct UnitClassificationImportTests {
    let importer = DirectoryImporter(roles: TestRoles.catalogue)

    static let tree = "149721000000,岚川县,县\n149721101000,东关镇,镇\n"

    func plan(_ text: String) -> ImportPlan {
        importer.plan(bytes: Array(text.utf8))
    }

    func unit(_ plan: ImportPlan, _ code: String) -> OrgUnit? {
        plan.units.first { $0.code.rawValue == code }
    }

    @Test("Chinese headers: a code as a number, a name, or both; 是/否; empty cells")
    func chineseColumns() throws {
        let text = "单位代码,名称,层级,城乡分类代码,脱贫村\n"
            + "149721000000,岚川县,县,,\n149721101000,东关镇,镇,,\n"
            + "149721101001,东关社区,社区,121,否\n"
            + "149721101201,李家沟村,村,220,是\n"
            + "149721101202,枣口村,村,乡中心区,\n"
            + "149721101203,王家庄村,村,220 村庄,否\n"
            + "149721101204,石门村,村,,是\n"
        let plan = plan(text)
        #expect(plan.issues.isEmpty, "\(plan.issues)")
        #expect(plan.hasUrbanRuralColumn && plan.hasPovertyExitedColumn)
        let community = try #require(unit(plan, "149721101001"))
        #expect(community.urbanRural == .townCentre && !community.isRural && !community.isPovertyExited)
        let poor = try #require(unit(plan, "149721101201"))
        #expect(poor.urbanRural == .village && poor.isRural && poor.isPovertyExited)
        #expect(unit(plan, "149721101202")?.urbanRural == .townshipCentre)
        #expect(unit(plan, "149721101203")?.urbanRural == .village)
        let uncoded = try #require(unit(plan, "149721101204"))
        #expect(uncoded.urbanRural == nil && uncoded.isRural && uncoded.isPovertyExited)
        #expect(unit(plan, "149721101000")?.urbanRural == nil)
    }

    @Test("English aliases, and 城乡分类 as another Chinese header")
    func aliases() {
        let english = plan("code,name,urban_rural_code,poverty_exited\n149721101201,李家沟村,112,yes\n")
        #expect(english.issues.isEmpty)
        #expect(english.units.first?.urbanRural == .urbanRuralFringe && english.units.first?.isPovertyExited == true)
        let chinese = plan("单位代码,名称,城乡分类,是否脱贫村\n149721101201,李家沟村,村庄,否\n")
        #expect(chinese.issues.isEmpty)
        #expect(chinese.units.first?.urbanRural == .village && chinese.units.first?.isPovertyExited == false)
    }

    @Test("an older file without the columns imports: every unit rural, none a 脱贫村, stored values left alone")
    func olderFile() {
        let plan = plan("单位代码,名称,层级\n" + Self.tree + "149721101001,东关社区,社区\n149721101201,李家沟村,村\n")
        #expect(plan.issues.isEmpty && plan.fileIssues.isEmpty)
        #expect(plan.refusal(skipInvalid: false) == nil)
        #expect(plan.units.count == 4)
        #expect(plan.units.allSatisfy { $0.urbanRural == nil && $0.isRural && !$0.isPovertyExited })
        #expect(!plan.hasUrbanRuralColumn && !plan.hasPovertyExitedColumn)
    }

    @Test("bad codes and flags: a Chinese message naming row and column, the row and its children skipped, the import refused")
    func badValues() throws {
        let text = "单位代码,名称,城乡分类代码,脱贫村\n"
            + "149721000000,岚川县,,\n149721101000,东关镇,,\n"
            + "149721101201,李家沟村,230,是\n"       // 4 no such code
            + "149721101202,枣口村,城区,否\n"        // 5 not a name of the table
            + "149721101203,石门村,220,可能\n"       // 6 not yes/no
            + "149721102000,清泉镇,99,\n"            // 7 bad code on a town row
            + "149721102201,柳沟村,220,是\n"         // 8 consequence of 7
            + "149721101204,王家庄村,220,否\n"       // 9 fine
        let plan = plan(text)
        #expect(plan.invalidLines == [4, 5, 6, 7])
        #expect(plan.skippedLines == [4, 5, 6, 7, 8])
        let first = try #require(plan.issues.first { $0.line == 4 })
        #expect(first.column == "城乡分类代码" && first.columnNumber == 3 && first.code == .invalidValue)
        #expect(first.message.contains("城乡分类代码 '230' 无效") && first.message.contains("220 村庄"))
        #expect(first.description.hasPrefix("第 4 行 [城乡分类代码]"))
        let flag = try #require(plan.issues.first { $0.line == 6 })
        #expect(flag.column == "脱贫村" && flag.columnNumber == 4 && flag.message.contains("脱贫村 '可能' 无效"))
        #expect(plan.issues.first { $0.line == 8 }?.code == .dependsOnInvalidRow)
        let refusal = try #require(plan.refusal(skipInvalid: false))
        #expect(refusal.code == .invalidRows && refusal.message.contains("未导入任何数据"))
        #expect(plan.units.map(\.name) == ["岚川县", "东关镇", "王家庄村"])
    }

    @Test("the code table: 1xx urban, 2xx rural, names and descriptions")
    func codes() {
        #expect(UrbanRuralCode.allCases.map(\.rawValue) == ["111", "112", "121", "122", "123", "210", "220"])
        #expect(UrbanRuralCode.allCases.filter(\.isRural) == [.townshipCentre, .village])
        #expect(UrbanRuralCode.village.description == "220 村庄")
        #expect(UrbanRuralCode(parsing: " 111 ") == .mainUrbanArea)
        #expect(UrbanRuralCode(parsing: "123特殊区域") == .specialArea)
        #expect(UrbanRuralCode(parsing: "220 主城区") == nil, "a code and another code's name")
        #expect(UrbanRuralCode(parsing: "2200") == nil)
        #expect(UrbanRuralCode(parsing: "") == nil)
    }

    @Test("the units CSV the demo writes reads back with the same classification")
    func roundTrip() {
        let units = [
            OrgUnit(code: try! DivisionCode(validating: "149721000000"), name: "岚川县", parentCode: nil),
            OrgUnit(code: try! DivisionCode(validating: "149721101000"), name: "东关镇", parentCode: try! DivisionCode(validating: "149721000000")),
            OrgUnit(
                code: try! DivisionCode(validating: "149721101001"), name: "东关社区", parentCode: try! DivisionCode(validating: "149721101000"),
                urbanRural: .townCentre),
            OrgUnit(
                code: try! DivisionCode(validating: "149721101201"), name: "李家沟村", parentCode: try! DivisionCode(validating: "149721101000"),
                urbanRural: .village, isPovertyExited: true),
        ]
        let plan = importer.plan(bytes: Array(DirectoryCSV.units(units).utf8))
        #expect(plan.issues.isEmpty)
        #expect(plan.units == units)
    }
}
