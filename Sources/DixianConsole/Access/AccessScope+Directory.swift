import DixianDirectory

extension AccessScope {
    /// The role of the county office, which manages everything in the county.
    public static let countyOfficeRole = "county_office"
    /// The helper role: alone, it grants the helped households only.
    public static let helperRole = "helper"

    /// The scope of a person from their active directory rows.
    ///
    /// - Parameter sectorOfRole: the sector plugin that declares a role, nil for the core catalogue's roles
    ///   (declared by `governance`): a county-level row holding a sector plugin's own role (医保局's
    ///   `health_insurance_head`) is a bureau row of that sector.
    public init(officials: [Official], sectorOfRole: (String) -> String?) {
        var prefixes: [String] = [], grants: [SectorGrant] = [], helpers: [String] = []
        for official in officials where official.active {
            let unit = official.orgUnitCode
            let prefix = unit.significantPrefix
            if official.roles.contains(Self.helperRole) { helpers.append(official.id) }
            switch unit.level {
            case .province, .city, .county:
                let sectors = official.sector.map { [$0] } ?? Array(Set(official.roles.compactMap(sectorOfRole))).sorted()
                if sectors.isEmpty {
                    prefixes.append(prefix)
                } else {
                    grants += sectors.map { SectorGrant(sector: $0, unitPrefix: prefix) }
                }
            case .town, .village:
                if official.roles != [Self.helperRole] { prefixes.append(prefix) }
            }
        }
        self.init(
            officialIDs: officials.filter(\.active).map(\.id), unitPrefixes: prefixes, sectorGrants: grants, helperIDs: helpers,
            isCountyOffice: officials.contains { $0.active && $0.roles.contains(Self.countyOfficeRole) })
    }
}
