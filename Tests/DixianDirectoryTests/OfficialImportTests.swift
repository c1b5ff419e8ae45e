import DixianDirectory
import Testing

@Suite("Importing officials (干部文件)")
struct OfficialImportTests {
    let importer = DirectoryImporter(roles: TestRoles.catalogue, snapshot: TestRoles.snapshot)

    static let header = "工号,姓名,角色,单位代码,行业部门,行业,邮箱,手机,企业微信,钉钉,飞书\r\n"

    @Test("acceptance: a GB18030 CSV of officials with Chinese names imports correctly")
    func gb18030File() throws {
        let text = Self.header
            + "LC001,张三,村党组织书记;帮扶责任人,149721101201,,,zhangsan@lanchuan.gov.invalid,10000000001,zhangsan,,\r\n"
            + "LC002,李秀英,town_working_group,149721101000,,教育,,138 0013 8000,,dt-lxy,\r\n"
            + "LC003,欧阳建国,bureau_contact、bureau_head,149721000000,岚川县教育和体育局,education,,,,,ou_1\r\n"
        let bytes = try #require(TextEncoding.gb18030.encode(text))
        #expect(!bytes.starts(with: Array("工号".utf8)), "the fixture must really be GB18030")

        let plan = importer.plan(bytes: bytes)
        #expect(plan.encoding == .gb18030)
        #expect(plan.kind == .officials)
        #expect(plan.fileIssues.isEmpty && plan.issues.isEmpty, "\(plan.fileIssues + plan.issues)")
        #expect(plan.refusal(skipInvalid: false) == nil)
        #expect(plan.officials.map(\.name) == ["张三", "李秀英", "欧阳建国"])
        let zhang = plan.officials[0]
        #expect(zhang.roles == ["helper", "village_secretary"])
        #expect(zhang.orgUnitCode.rawValue == "149721101201")
        #expect(zhang.email == "zhangsan@lanchuan.gov.invalid")
        #expect(zhang.chatIDs == ChatIDs(wecom: "zhangsan"))
        #expect(plan.officials[1].sector == "education")
        #expect(plan.officials[1].mobile == "13800138000")
        #expect(plan.officials[2].roles == ["bureau_contact", "bureau_head"])
        #expect(plan.officials[2].bureauID == "149721000000/岚川县教育和体育局")
        #expect(plan.bureaus.map(\.id) == ["149721000000/岚川县教育和体育局"])
        #expect(plan.bureaus.first?.sector == "education")
    }

    @Test("acceptance: three bad rows are reported with exactly their lines, and nothing is planned without --skip-invalid")
    func threeBadRows() throws {
        let text = Self.header
            + "LC001,张三,village_secretary,149721101201,,,,,,,\r\n"
            + "LC002,李四,village_secretary,149721101202,,,lisi@,,,,\r\n"          // line 3: e-mail
            + "\"LC003\",\"王五\",\"village_cadre\",149721102201,,,,,,,\r\n"
            + "LC004,赵六,\"village_cadre\r\nhelper\",149721102201,,,,2380013800,,,\r\n"  // lines 5-6: mobile
            + "LC005,钱七,party_boss,149721101201,,,,,,,\r\n"                     // line 7: role
            + ",,,,,,,,,,\r\n"
            + "LC006,孙八,helper,149721101202,,,,,,,\r\n"
        let plan = importer.plan(bytes: Array(text.utf8))
        #expect(plan.fileIssues.isEmpty)
        #expect(plan.invalidLines == [3, 5, 7])
        #expect(plan.issues.map(\.column) == ["邮箱", "手机", "角色"])
        #expect(plan.issues.map(\.code) == [.invalidEmail, .invalidMobile, .unknownRole])
        #expect(plan.rowCount == 6)
        let refusal = try #require(plan.refusal(skipInvalid: false))
        #expect(refusal.code == .invalidRows)
        #expect(refusal.context["lines"] == "3,5,7")
        // With --skip-invalid the good rows go ahead.
        #expect(plan.refusal(skipInvalid: true) == nil)
        #expect(plan.officials.map(\.id) == ["LC001", "LC003", "LC006"])
        #expect(plan.skippedLines == [3, 5, 7])
        #expect(plan.issues[0].diagnostic(file: "o.csv").description.hasPrefix("o.csv:3:7: error: [邮箱] "))
    }

    @Test("roles must be known, held at their level, and per-sector roles need a sector")
    func roleRules() {
        let text = Self.header
            + "A1,甲,village_secretary,149721101000,,,,,,,\r\n"      // village role at a town
            + "A2,乙,town_working_group,149721101000,,,,,,,\r\n"     // no sector
            + "A3,丙,town_working_group,149721101000,,farming,,,,,\r\n"  // unknown sector
            + "A4,丁,village_secretry,149721101201,,,,,,,\r\n"       // typo
            + "A5,戊,,149721101201,,,,,,,\r\n"                       // no role
            + "A6,己,村医,149721101201,,,,,,,\r\n"                    // Chinese name: fine
        let plan = importer.plan(bytes: Array(text.utf8))
        #expect(plan.issues.map(\.code) == [.roleLevel, .sectorRequired, .unknownSector, .unknownRole, .missingValue])
        #expect(plan.issues[3].message.contains("village_secretary"), "suggests the near miss")
        #expect(plan.officials.map(\.roles) == [["health_village_doctor"]])
    }

    @Test("units must exist, ids be unique, and a bureau keep one sector")
    func references() {
        let text = Self.header
            + "B1,甲,village_secretary,149721101299,,,,,,,\r\n"
            + "B2,乙,bureau_head,149721000000,县教体局,education,,,,,\r\n"
            + "B2,丙,village_cadre,149721101201,,,,,,,\r\n"
            + "B3,丁,bureau_contact,149721000000,县教体局,health,,,,,\r\n"
        let plan = importer.plan(bytes: Array(text.utf8))
        #expect(plan.issues.map(\.code) == [.unknownUnit, .duplicate, .conflict])
        #expect(plan.issues.map(\.line) == [2, 4, 5])
    }

    @Test("English headers, ignored columns, an optional 在岗 column")
    func englishHeaders() {
        let text = "id,name,roles,org_code,email,mobile,active,序号\n"
            + "E1,Wang Wu,helper,149721101201,w@x.invalid,10000000009,否,1\n"
        let plan = importer.plan(bytes: Array(text.utf8))
        #expect(plan.issues.isEmpty && plan.fileIssues.isEmpty)
        #expect(plan.officials.first?.active == false)
    }

    @Test("header problems stop the whole file, also with --skip-invalid")
    func headerProblems() {
        let text = "工号,姓名,角色,手机号码,邮件地址\nX,甲,helper,10000000001,a@b.cn\n"
        let plan = importer.plan(bytes: Array(text.utf8), kind: .officials)
        #expect(plan.fileIssues.map(\.code) == [.header, .header])
        #expect(plan.fileIssues.map(\.column) == ["邮件地址", "单位代码"])
        #expect(plan.refusal(skipInvalid: true) != nil)
        #expect(plan.officials.isEmpty)
    }
}
