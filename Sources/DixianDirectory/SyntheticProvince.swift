/// A province-sized synthetic org directory for benchmarks (`dixian bench schedule`): every unit of
/// every level staffed with one holder per role (and per sector for per-sector roles).
///
/// Codes are fictional (province 14, cities 1497…), names are `<level>-<n>`: this is load, not a demo. Each
/// town's first village-level unit is an urban 社区 (121) and one village in three a 脱贫村.
public struct SyntheticProvince: Sendable {
    public var units: [OrgUnit]
    public var officials: [Official]

    /// Villages per town and towns per county, as in a typical county of the seeds' provinces.
    public static let villagesPerTown = 20
    public static let townsPerCounty = 12
    public static let countiesPerCity = 10

    /// Builds at least `villages` villages (rounded up to whole towns) with their towns, counties and cities.
    public static func generate(villages: Int, roles: RoleCatalogue) -> SyntheticProvince {
        let towns = (villages + villagesPerTown - 1) / villagesPerTown
        let counties = (towns + townsPerCounty - 1) / townsPerCounty
        let cities = (counties + countiesPerCity - 1) / countiesPerCity
        precondition(cities <= 99, "at most 99 cities of 10 counties each")
        var province = SyntheticProvince(units: [], officials: [])
        let top = code("140000000000")
        province.add(OrgUnit(code: top, name: "省", parentCode: nil), roles: roles)
        var townCount = 0
        for city in 1...cities {
            let cityCode = code("14" + pad(city, 2) + "00000000")
            province.add(OrgUnit(code: cityCode, name: "市-\(city)", parentCode: top), roles: roles)
            for county in 1...countiesPerCity where (city - 1) * countiesPerCity + county <= counties {
                let countyPrefix = "14" + pad(city, 2) + pad(county, 2)
                let countyCode = code(countyPrefix + "000000")
                province.add(OrgUnit(code: countyCode, name: "县-\(city)-\(county)", parentCode: cityCode), roles: roles)
                for town in 1...townsPerCounty where townCount < towns {
                    townCount += 1
                    let townCode = code(countyPrefix + pad(town, 3) + "000")
                    province.add(OrgUnit(code: townCode, name: "乡镇-\(townCount)", parentCode: countyCode), roles: roles)
                    for village in 1...villagesPerTown {
                        let villageCode = code(countyPrefix + pad(town, 3) + pad(village, 3))
                        // The first unit of a town is its seat's 社区 (urban), one village in three a 脱贫村: so a
                        // benchmark plans rural-only and 脱贫村-only duties on the share a county has.
                        province.add(
                            OrgUnit(
                                code: villageCode, name: "村-\(townCount)-\(village)", parentCode: townCode,
                                urbanRural: village == 1 ? .townCentre : .village, isPovertyExited: village % 3 == 2),
                            roles: roles)
                    }
                }
            }
        }
        return province
    }

    /// Adds a unit and one holder of each role held at its level (per sector for per-sector roles).
    private mutating func add(_ unit: OrgUnit, roles: RoleCatalogue) {
        units.append(unit)
        for role in roles.roles.values.sorted(by: { $0.id < $1.id }) where role.level == unit.level {
            let sectors: [String?] = role.perSector ? (roles.sectors?.sorted() ?? []).map(Optional.some) : [nil]
            for sector in sectors {
                let id = "S\(officials.count + 1)"
                officials.append(Official(id: id, name: "干部\(officials.count + 1)", roles: [role.id], orgUnitCode: unit.code, sector: sector))
            }
        }
    }

    private static func code(_ text: String) -> DivisionCode {
        try! DivisionCode(validating: text)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
