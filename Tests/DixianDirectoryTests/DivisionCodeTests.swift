import DixianDirectory
import Testing

@Suite("Division codes (统计用区划代码)")
struct DivisionCodeTests {
    @Test("the level follows from the zero digit groups", arguments: [
        ("140000000000", OrgLevel.province), ("149700000000", .city), ("149721000000", .county),
        ("149721101000", .town), ("149721101201", .village), ("110101001001", .village), ("149721001000", .town),
    ])
    func level(_ text: String, _ level: OrgLevel) throws {
        #expect(try DivisionCode(validating: text).level == level)
    }

    @Test("parents and ancestors")
    func parents() throws {
        let village = try DivisionCode(validating: "149721101201")
        #expect(village.parent?.rawValue == "149721101000")
        #expect(village.ancestors.map(\.rawValue) == ["149721101000", "149721000000", "149700000000", "140000000000"])
        #expect(village.ancestor(at: .county)?.rawValue == "149721000000")
        #expect(village.parent?.ancestor(at: .village) == nil)
        #expect(try DivisionCode(validating: "140000000000").parent == nil)
        #expect(try DivisionCode(validating: "149721000000").significantPrefix == "149721")
    }

    @Test("a subtree contains its own units and no others")
    func contains() throws {
        let town = try DivisionCode(validating: "149721101000")
        #expect(town.contains(try DivisionCode(validating: "149721101201")))
        #expect(town.contains(town))
        #expect(!town.contains(try DivisionCode(validating: "149721102201")))
        #expect(!town.contains(try DivisionCode(validating: "149721000000")))
    }

    @Test("malformed codes are refused with a reason", arguments: [
        "", "14972110120", "1497211012011", "14972110120X", "001234567890", "140021000000", "149700101000",
        "149721000201", "1.49721E+11", "１４９７２１１０１２０１",
    ])
    func invalid(_ text: String) {
        #expect(throws: DirectoryError.self) { try DivisionCode(validating: text) }
    }

    @Test("Excel's scientific notation gets a hint")
    func scientific() {
        do {
            _ = try DivisionCode(validating: "1.49721E+11")
            Issue.record("accepted")
        } catch {
            #expect(error.code == .invalidDivisionCode)
            #expect(error.message.contains("科学计数法"))
        }
    }

    @Test("short prefixes name units for --org")
    func prefixes() {
        #expect(DivisionCode(prefix: "149721")?.rawValue == "149721000000")
        #expect(DivisionCode(prefix: "149721101")?.level == .town)
        #expect(DivisionCode(prefix: "14")?.level == .province)
        #expect(DivisionCode(prefix: "1497210") == nil)
        #expect(DivisionCode(prefix: "149700") == nil)
        #expect(DivisionCode(prefix: "149721101000")?.level == .town)
    }

    @Test("levels read from spreadsheets", arguments: [
        ("town", OrgLevel.town), ("乡镇", .town), ("镇", .town), ("街道", .town), ("村", .village), ("社区", .village),
        ("县", .county), ("区", .county), (" Village ", .village), ("省", .province), ("市", .city),
    ])
    func levelAliases(_ text: String, _ level: OrgLevel) {
        #expect(OrgLevel(parsing: text) == level)
    }
}
