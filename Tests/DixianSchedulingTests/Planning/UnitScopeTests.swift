import DixianCore
import DixianDirectory
import DixianPlugins
import DixianScheduling
import Foundation
import Testing

@Suite("Rural-only and 脱贫村-only duties (units)")
struct UnitScopeTests {
    static let from = Fixtures.at("2026-07-01", 0)
    static let through = Fixtures.day("2026-09-30")

    static func code(_ text: String) -> DivisionCode {
        try! DivisionCode(validating: text)
    }

    /// A small town: a 主城区 社区, a 220 village, a village without a code (an older directory), and a
    /// 脱贫村; a secretary everywhere and a county leader paired with the 社区 as well as with the 脱贫村.
    static let county = code("149721000000")
    static let town = code("149721101000")
    static let community = code("149721101001")
    static let village = code("149721101201")
    static let uncoded = code("149721101202")
    static let poor = code("149721101203")

    static let units = [
        OrgUnit(code: county, name: "岚川县", parentCode: nil),
        OrgUnit(code: town, name: "东关镇", parentCode: county),
        OrgUnit(code: community, name: "东关社区", parentCode: town, urbanRural: .mainUrbanArea),
        OrgUnit(code: village, name: "李家沟村", parentCode: town, urbanRural: .village),
        OrgUnit(code: uncoded, name: "王家庄村", parentCode: town),
        OrgUnit(code: poor, name: "枣口村", parentCode: town, urbanRural: .village, isPovertyExited: true),
    ]

    static let officials: [Official] = {
        var officials: [Official] = []
        for (index, unit) in [community, village, uncoded, poor].enumerated() {
            officials.append(Official(
                id: "S\(index)", name: "书记\(index)", roles: ["village_secretary", "village_cadre"], orgUnitCode: unit,
                email: "s\(index)@example.invalid"))
        }
        officials.append(Official(id: "L1", name: "领导甲", roles: ["county_leader"], orgUnitCode: community, email: "l1@example.invalid"))
        officials.append(Official(id: "L2", name: "领导乙", roles: ["county_leader"], orgUnitCode: poor, email: "l2@example.invalid"))
        officials.append(Official(id: "T1", name: "镇长", roles: ["town_head", "town_office"], orgUnitCode: town, email: "t1@example.invalid"))
        return officials
    }()

    static let directory = DirectoryIndex(units: units, officials: officials)
    static let plan = SchedulePlanner(plugins: Fixtures.plugins, directory: directory, context: Fixtures.context)
        .plan(from: from, through: through)

    static func units(of dutyID: String, in plan: SchedulePlan = plan) -> Set<DivisionCode> {
        Set(plan.occurrences.filter { $0.dutyID == dutyID }.map(\.unitCode))
    }

    @Test("the shipped rural-only duties skip the urban 社区; a village without a code counts as rural")
    func ruralSkipsUrbanCommunity() {
        for duty in ["governance.village_secretary_visits", "water.door_to_door_screening", "employment.employment_data_update",
                     "housing.patrol_ledger_update"] {
            #expect(Fixtures.plugins.duty(qualifiedID: duty)?.units == .rural, "\(duty)")
        }
        #expect(Self.units(of: "governance.village_secretary_visits") == [Self.village, Self.uncoded, Self.poor])
        #expect(Self.units(of: "employment.employment_data_update") == [Self.village, Self.uncoded, Self.poor])
        let atCommunity = Set(Self.plan.occurrences.filter { $0.unitCode == Self.community }.map(\.dutyID))
        #expect(atCommunity.allSatisfy { Fixtures.plugins.duty(qualifiedID: $0)?.units == .all }, "\(atCommunity.sorted())")
    }

    @Test("county-leader pairing is planned only at 脱贫村: the leader paired with a 社区 gets nothing")
    func pairingOnlyAtPovertyExitedVillages() {
        #expect(Fixtures.plugins.duty(qualifiedID: "governance.county_leader_pairing_visit")?.units == .povertyExited)
        let pairing = Self.plan.occurrences.filter { $0.dutyID == "governance.county_leader_pairing_visit" }
        #expect(Set(pairing.map(\.unitCode)) == [Self.poor])
        #expect(Set(pairing.compactMap(\.officialID)) == ["L2"])
        #expect(!Self.plan.notifications.contains { $0.recipientID == "L1" })
    }

    @Test("without the classification every village gets every duty, as before")
    func unclassifiedDirectoryKeepsEveryDuty() {
        let plain = Self.units.map { OrgUnit(code: $0.code, name: $0.name, parentCode: $0.parentCode) }
        let plan = SchedulePlanner(
            plugins: Fixtures.plugins, directory: DirectoryIndex(units: plain, officials: Self.officials), context: Fixtures.context
        ).plan(from: Self.from, through: Self.through)
        #expect(Self.units(of: "governance.village_secretary_visits", in: plan) == [Self.community, Self.village, Self.uncoded, Self.poor])
        // No unit is a 脱贫村 then, so nobody is paired: the planner does not guess.
        #expect(Self.units(of: "governance.county_leader_pairing_visit", in: plan).isEmpty)
    }

    @Test("admits: all, rural (2xx or none), 脱贫村")
    func admits() {
        let directory = Self.directory
        #expect([Self.community, Self.village, Self.uncoded, Self.poor].allSatisfy { directory.admits($0, .all) })
        #expect(!directory.admits(Self.community, .rural))
        #expect(directory.admits(Self.village, .rural) && directory.admits(Self.uncoded, .rural) && directory.admits(Self.poor, .rural))
        #expect(directory.admits(Self.poor, .povertyExited))
        #expect(!directory.admits(Self.village, .povertyExited) && !directory.admits(Self.community, .povertyExited))
        let fringe = DirectoryIndex(
            units: UrbanRuralCode.allCases.enumerated().map { index, code in
                OrgUnit(code: Self.code("149721101" + String(301 + index)), name: "单位\(index)", parentCode: Self.town, urbanRural: code)
            }, officials: [])
        for (index, code) in UrbanRuralCode.allCases.enumerated() {
            #expect(fringe.admits(Self.code("149721101" + String(301 + index)), .rural) == code.rawValue.hasPrefix("2"), "\(code)")
        }
    }

    @Test("an event duty narrowed to rural villages plans nothing for an event at an urban 社区")
    func eventDutyRespectsScope() throws {
        var plugins = Fixtures.plugins
        let index = try #require(plugins.plugins.firstIndex { $0.id == "governance" })
        let dutyIndex = try #require(plugins.plugins[index].duties.firstIndex { $0.id == "alert_verification" })
        plugins.plugins[index].duties[dutyIndex].units = .rural
        let planner = SchedulePlanner(plugins: plugins, directory: Self.directory, context: Fixtures.context)
        func event(at unit: DivisionCode) -> ScheduleEvent {
            ScheduleEvent(event: .alertRaised, unitCode: unit, occurredAt: Fixtures.at("2026-07-03", 10), clockID: "7")
        }
        #expect(planner.plan(event: event(at: Self.community)).occurrences.isEmpty)
        #expect(planner.plan(event: event(at: Self.village)).occurrences.map(\.dutyID) == ["governance.alert_verification"])
        // The shipped duty is for every unit: a resettled household in a 社区 is verified too.
        let shipped = SchedulePlanner(plugins: Fixtures.plugins, directory: Self.directory, context: Fixtures.context)
        #expect(shipped.plan(event: event(at: Self.community)).occurrences.map(\.dutyID) == ["governance.alert_verification"])
    }

    @Test("the demo county: no rural-only occurrence at its 11 urban 社区, pairings only at 脱贫村, every rural village served")
    func demoCounty() {
        let plan = SchedulePlannerTests.plan
        let byCode = Dictionary(uniqueKeysWithValues: Fixtures.county.units.map { ($0.code, $0) })
        let urban = Set(Fixtures.county.units.filter { $0.level == .village && !$0.isRural }.map(\.code))
        #expect(urban.count == 11)
        let rural = Set(Fixtures.directory.units(at: .village)).subtracting(urban)
        let ruralDuties = Fixtures.plugins.enabledDuties.filter { $0.units == .rural }.map(\.qualifiedID)
        #expect(ruralDuties.count >= 4)
        for duty in ruralDuties {
            let units = Set(plan.occurrences.filter { $0.dutyID == duty }.map(\.unitCode))
            #expect(units.isDisjoint(with: urban), "\(duty) at an urban 社区")
            if duty != "water.door_to_door_screening" {  // twice a year: June and November, outside Q3
                #expect(units == rural, "\(duty) misses rural villages")
            }
        }
        let pairing = plan.occurrences.filter { $0.dutyID == "governance.county_leader_pairing_visit" }
        #expect(pairing.count == Fixtures.county.officials.filter { $0.roles.contains("county_leader") }.count)
        #expect(pairing.allSatisfy { byCode[$0.unitCode]?.isPovertyExited == true && byCode[$0.unitCode]?.isRural == true })
    }
}
