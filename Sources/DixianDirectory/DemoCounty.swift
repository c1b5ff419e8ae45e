import DixianCore
/// A synthetic demo county (演示县), so a fresh install shows real work at once.
///
/// 岚川县 of 云岚市, 山西省 is **fictional**: province 14 is Shanxi, but city 97 and county
/// 149721 do not exist in the statistical division codes, so the demo can never be mistaken for,
/// or collide with, a real county. It has 12 towns (1 街道, 7 镇, 4 乡) and well over 150
/// villages, and an official for every role the plugins declare, at that role's level. Its 11 社区 are
/// urban (城乡分类代码 111/112 in the 街道, 121 at a 镇's seat), its villages rural (220, 210 at a 乡's
/// seat), and about two villages in five are 脱贫村, more of them in the 乡 than in the 镇. E-mail
/// addresses use the reserved `.invalid` top-level domain (RFC 2606) and mobile numbers the
/// unallocated `100` prefix, so nothing can ever reach a real person.
///
/// `config/demo/*.csv` is this generator's output (`dixian directory demo --output config/demo`),
/// and the daemon imports it into an empty embedded database.
public struct DemoCounty: Sendable {
    /// The seed of the committed demo files.
    public static let defaultSeed: UInt64 = 20_260_101
    /// File names under the demo directory.
    public static let unitsFileName = "org_units.csv"
    public static let officialsFileName = "officials.csv"
    /// The mail domain of every demo address.
    public static let mailDomain = "lanchuan.gov.invalid"

    /// 山西省 (real), 云岚市 (fictional), 岚川县 (fictional).
    public static let provinceCode = try! DivisionCode(validating: "140000000000")
    public static let cityCode = try! DivisionCode(validating: "149700000000")
    public static let countyCode = try! DivisionCode(validating: "149721000000")
    /// The first county office official (县乡村振兴局) of the default seed: whom the README and the daemon's start-up
    /// line suggest a newcomer signs in as (`dixian console link LC00005`).
    public static let countyOfficeID = "LC00005"

    /// Every unit, parents before children.
    public var units: [OrgUnit]
    /// Every official.
    public var officials: [Official]

    /// Generates the county. The same seed and roles always give the same county.
    ///
    /// - Parameter roles: the roles to staff. Known roles get realistic holders (a secretary in every
    ///   village, a working group per sector in every town …); any other role gets one holder at
    ///   the first unit of its level, so a newly declared plugin role is never left empty.
    public static func generate(seed: UInt64 = defaultSeed, roles: RoleCatalogue) -> DemoCounty {
        var random = SeededRandom(seed: seed)
        var units = Self.geography(&random)
        // A stream of its own, so the 脱贫村 draw leaves names and contacts as they were before it existed.
        var povertyRandom = SeededRandom(seed: seed ^ Self.povertyStream)
        Self.markPovertyExited(&units, &povertyRandom)
        var staffing = Staffing(units: units, roles: roles, random: random)
        staffing.staffAll()
        return DemoCounty(units: units, officials: staffing.officials)
    }

    /// The units file, UTF-8 with BOM (so Excel opens it with the right encoding), CRLF.
    public func unitsCSV() -> String {
        DirectoryCSV.units(self.units)
    }

    /// The officials file, UTF-8 with BOM, CRLF.
    public func officialsCSV() -> String {
        DirectoryCSV.officials(self.officials, units: self.units)
    }

    /// Mixed into the seed for the 脱贫村 draw ("poverty" in ASCII).
    private static let povertyStream: UInt64 = 0x0070_6F76_6572_7479

    static func code(_ digits: String) -> DivisionCode {
        try! DivisionCode(validating: digits)
    }

    /// Province, city, county, towns, and 13–17 villages per town (社区 under 街道 and 镇 seats).
    private static func geography(_ random: inout SeededRandom) -> [OrgUnit] {
        var units = [
            OrgUnit(code: provinceCode, name: "山西省", parentCode: nil),
            OrgUnit(code: cityCode, name: "云岚市", parentCode: provinceCode),
            OrgUnit(code: countyCode, name: "岚川县", parentCode: cityCode),
        ]
        var usedNames: Set<String> = []
        for town in towns {
            let townCode = code(countyCode.significantPrefix + Self.digits(town.code, 3) + "000")
            units.append(OrgUnit(code: townCode, name: town.name, parentCode: countyCode))
            let stem = String(town.name.dropLast(town.name.hasSuffix("街道") ? 2 : 1))
            // The county seat's old quarters are 主城区, its gate quarters 城乡结合区; a 镇's 社区 is its seat.
            var communities: [(name: String, urbanRural: UrbanRuralCode)] = []
            if town.code < 100 {
                communities = [
                    (stem + "东街社区", .mainUrbanArea), (stem + "西街社区", .mainUrbanArea),
                    (stem + "南关社区", .urbanRuralFringe), (stem + "北关社区", .urbanRuralFringe),
                ]
            } else if town.code < 200 {
                communities = [(stem + "社区", .townCentre)]
            }
            for (index, community) in communities.enumerated() {
                units.append(OrgUnit(
                    code: code(townCode.significantPrefix + Self.digits(index + 1, 3)), name: community.name, parentCode: townCode,
                    urbanRural: community.urbanRural))
            }
            let villageCount = 13 + random.below(5) - (town.code < 100 ? 4 : 0)
            for index in 0..<villageCount {
                var name: String
                repeat {
                    name = random.pick(villagePrefixes) + random.pick(villageSuffixes) + "村"
                } while usedNames.contains(name)
                usedNames.insert(name)
                // A 乡 has no 社区: its first village is the seat.
                let seat = town.code >= 200 && index == 0
                units.append(OrgUnit(
                    code: code(townCode.significantPrefix + Self.digits(201 + index, 3)), name: name, parentCode: townCode,
                    urbanRural: seat ? .townshipCentre : .village))
            }
        }
        return units
    }

    /// Marks 脱贫村 among the rural villages: one in two in a 乡, one in three elsewhere, as in a hilly
    /// county where the former 贫困村 lay away from the seat.
    private static func markPovertyExited(_ units: inout [OrgUnit], _ random: inout SeededRandom) {
        for index in units.indices where units[index].level == .village && units[index].isRural {
            let inTownship = units[index].code.rawValue.dropFirst(6).hasPrefix("2")
            units[index].isPovertyExited = random.below(6) < (inTownship ? 3 : 2)
        }
    }

    static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
