import DixianCore
extension DemoCounty {
    /// Fills the county's posts with invented officials, role by role.
    struct Staffing {
        let units: [OrgUnit]
        let roles: RoleCatalogue
        var random: SeededRandom
        private(set) var officials: [Official] = []
        private var staffed: Set<String> = []

        init(units: [OrgUnit], roles: RoleCatalogue, random: SeededRandom) {
            self.units = units
            self.roles = roles
            self.random = random
        }

        private var towns: [OrgUnit] { self.units.filter { $0.level == .town } }
        private var villages: [OrgUnit] { self.units.filter { $0.level == .village } }

        /// The demo bureaus whose sector the plugins know.
        private var bureaus: [(sector: String, name: String)] {
            DemoCounty.sectorBureaus.filter { self.roles.sectors?.contains($0.sector) ?? true }
        }

        private var groupSectors: [String] {
            DemoCounty.workingGroupSectors.filter { self.roles.sectors?.contains($0) ?? true }
        }

        mutating func staffAll() {
            let county = DemoCounty.countyCode
            self.add(["city_office"], at: DemoCounty.cityCode, bureau: "云岚市农业农村局（乡村振兴局）")
            self.add(["county_party_secretary"], at: county)
            self.add(["county_magistrate"], at: county)
            self.add(["county_leader_in_charge"], at: county)
            let office = DemoCounty.sectorBureaus[0].name
            self.add(["county_office"], at: county, bureau: office)
            self.add(["county_office"], at: county, bureau: office)
            for bureau in self.bureaus {
                self.add(["bureau_head"], at: county, bureau: bureau.name, sector: bureau.sector)
                self.add(["bureau_contact"], at: county, bureau: bureau.name, sector: bureau.sector)
            }
            self.add(["health_insurance_head"], at: county, bureau: "岚川县医疗保障局")
            self.add(["health_insurance_contact"], at: county, bureau: "岚川县医疗保障局")
            // 包联: one county-level leader per seven villages, each paired with a 脱贫村, spread evenly
            // over the county's 脱贫村 (the count is what it was before 脱贫村 existed, so ids stay put).
            let poor = self.villages.filter(\.isPovertyExited)
            let leaders = min((self.villages.count + 3) / 7, poor.count)
            for number in 0..<leaders {
                self.add(["county_leader"], at: poor[number * poor.count / leaders].code)
            }
            for (index, town) in self.towns.enumerated() {
                self.staffTown(town, index: index)
            }
            for (index, village) in self.villages.enumerated() {
                self.staffVillage(village, index: index)
            }
            self.staffRemainingRoles()
        }

        private mutating func staffTown(_ town: OrgUnit, index: Int) {
            self.add(["town_party_secretary"], at: town.code)
            self.add(["town_head"], at: town.code)
            self.add(["town_office"], at: town.code)
            for sector in self.groupSectors {
                self.add(["town_working_group"], at: town.code, sector: sector)
            }
            self.add(["health_township_hospital"], at: town.code)
            if index % 2 == 0 { self.add(["education_send_teacher"], at: town.code) }
            if index % 3 != 2 { self.add(["credit_bank_branch"], at: town.code) }
        }

        private mutating func staffVillage(_ village: OrgUnit, index: Int) {
            self.add(["village_secretary"], at: village.code)
            // Every village cadre also helps monitored households (帮扶责任人).
            self.add(["village_cadre", "helper"], at: village.code)
            if index % 3 == 0 { self.add(["first_secretary", "helper"], at: village.code) }
            self.add(["health_village_doctor"], at: village.code)
        }

        /// One holder for every declared role the plan above does not know.
        private mutating func staffRemainingRoles() {
            for id in self.roles.ids where !self.staffed.contains(id) {
                let role = self.roles.roles[id]!
                let unit = self.units.first { $0.level == (role.level ?? .county) }?.code ?? DemoCounty.countyCode
                if role.perSector {
                    for sector in self.groupSectors { self.add([id], at: unit, sector: sector) }
                } else {
                    self.add([id], at: unit)
                }
            }
        }

        /// Adds one official holding those of `roles` the catalogue declares (none: nobody).
        private mutating func add(_ roles: [String], at unit: DivisionCode, bureau: String? = nil, sector: String? = nil) {
            let held = roles.filter { self.roles.roles[$0] != nil }
            guard !held.isEmpty else { return }
            self.staffed.formUnion(held)
            let number = self.officials.count + 1
            let id = "LC" + DemoCounty.digits(number, 5)
            let atVillage = unit.level == .village
            let hasEmail = !atVillage || held.contains("first_secretary") || self.random.below(10) < 3
            let chat = ChatIDs(
                wecom: self.random.below(10) < 8 ? id.lowercased() : nil,
                dingtalk: self.random.below(10) < 3 ? "dt-" + id.lowercased() : nil,
                feishu: self.random.below(10) < 1 ? "ou_demo_" + id.lowercased() : nil
            )
            self.officials.append(Official(
                id: id,
                name: self.personName(),
                roles: held,
                orgUnitCode: unit,
                bureau: bureau,
                sector: sector,
                email: hasEmail ? "\(id.lowercased())@\(DemoCounty.mailDomain)" : nil,
                // 100 is no mobile prefix in China: 100 0000 0001, 100 0000 0002, …
                mobile: "100" + DemoCounty.digits(number, 8),
                chatIDs: chat
            ))
        }

        private mutating func personName() -> String {
            let given = self.random.below(10) < 7
                ? self.random.pick(DemoCounty.givenCharacters) + self.random.pick(DemoCounty.givenCharacters)
                : self.random.pick(DemoCounty.givenCharacters)
            return self.random.pick(DemoCounty.surnames) + given
        }
    }
}
