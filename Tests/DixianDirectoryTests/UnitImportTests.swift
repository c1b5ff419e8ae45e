import DixianDirectory
import Testing

@Suite("Importing org units (单位文件)")
struct UnitImportTests {
    let importer = DirectoryImporter(roles: TestRoles.catalogue)

    @Test("a county with towns and villages in any order; parents first in the plan")
    func tree() {
        let text = "单位代码,名称,层级\n"
            + "149721101201,李家沟村,村\n149721101000,东关镇,镇\n149721000000,岚川县,县\n149721001001,东街社区,社区\n149721001000,岚城街道,街道\n"
        let plan = importer.plan(bytes: Array(text.utf8))
        #expect(plan.kind == .units)
        #expect(plan.issues.isEmpty)
        #expect(plan.units.map(\.code.rawValue) == ["149721000000", "149721101000", "149721001000", "149721101201", "149721001001"])
        #expect(plan.units[0].parentCode == nil, "the county's city is not in the directory: it is a root")
        #expect(plan.units[3].parentCode?.rawValue == "149721101000")
    }

    @Test("bad codes, level mismatches, duplicates, missing parents, and rows under bad rows")
    func problems() {
        let text = "code,name,level\n"
            + "149721000000,岚川县,county\n"        // 2
            + "14972110100,东关镇,town\n"           // 3 bad code
            + "149721102000,清泉镇,village\n"       // 4 level mismatch
            + "149721102201,石门村,\n"              // 5 consequence of 4
            + "149721103201,柳树湾村,\n"            // 6 town 103 missing
            + "149721000000,岚川县,\n"              // 7 duplicate
            + "149721104000,,\n"                    // 8 no name
        let plan = importer.plan(bytes: Array(text.utf8))
        #expect(plan.invalidLines == [3, 4, 6, 7, 8])
        #expect(plan.skippedLines == [3, 4, 5, 6, 7, 8])
        #expect(plan.issues.first { $0.line == 5 }?.code == .dependsOnInvalidRow)
        #expect(plan.issues.first { $0.line == 6 }?.code == .hierarchy)
        #expect(plan.units.map(\.name) == ["岚川县"])
    }

    @Test("parents already in the directory count")
    func parentsInDirectory() {
        let importer = DirectoryImporter(roles: TestRoles.catalogue, snapshot: TestRoles.snapshot)
        let plan = importer.plan(bytes: Array("单位代码,名称\n149721102202,新村\n".utf8))
        #expect(plan.issues.isEmpty)
        #expect(plan.units.first?.parentCode?.rawValue == "149721102000")
    }

    @Test("the kind is detected from the header")
    func detection() {
        #expect(DirectoryFileKind.detect(header: ["单位代码", "名称"]) == .units)
        #expect(DirectoryFileKind.detect(header: ["code", "name"]) == .units)
        #expect(DirectoryFileKind.detect(header: ["工号", "姓名", "角色", "单位代码"]) == .officials)
        #expect(DirectoryFileKind.detect(header: ["id", "name", "roles", "org_code"]) == .officials)
    }
}
