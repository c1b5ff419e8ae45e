import DixianCore
import DixianDirectory

extension DemoSectorData {
    /// `water.water_works`: one centralised works in each village with register households, serving it and
    /// sometimes its neighbours. About 3 % failed their last test and 3 % were last tested over a year ago.
    func waterWorks() -> DemoTable {
        var random = stream("water.water_works")
        let villages = Set(register.households.map(\.villageCode)).sorted { $0.rawValue < $1.rawValue }
        let recent = asOf.adding(days: -350)...asOf.adding(days: -10)
        let overdue = asOf.adding(days: -640)...asOf.adding(days: -400)
        var rows: [[String: DemoValue]] = []
        for (number, village) in villages.enumerated() {
            let name = villageNames[village] ?? village.rawValue
            rows.append([
                "works_code": .text("LCGS" + DemoData.digits(number + 1, 4)),
                "works_name": .text(String(name.dropLast(name.hasSuffix("村") ? 1 : 0)) + "集中供水工程"),
                "village_code": .text(village.rawValue),
                "villages_served": .integer(random.weighted([70, 22, 8]) + 1),
                "last_test_date": .date(random.date(in: random.chance(3, in: 100) ? overdue : recent)),
                "last_test_passed": .boolean(!random.chance(3, in: 100)),
            ])
        }
        return DemoTable(plugin: "water", dataset: "water_works", rows: rows)
    }

    /// `water.household_water`: this year's first door-to-door round, every household by its head. About
    /// 1.5 % have water of substandard quality, 3.5 % a seasonal shortage, and 12 % no tap in the house,
    /// which matters where a member is disabled and cannot fetch water.
    func householdWater() -> DemoTable {
        var random = stream("water.household_water")
        let round = CalendarDate(year: asOf.year, month: 4, day: 1)!...CalendarDate(year: asOf.year, month: 6, day: 20)!
        var rows: [[String: DemoValue]] = []
        for household in register.households {
            let members = register.members(of: household)
            let disabled = household.isTekun || members.contains {
                $0.isSeverelyDisabled || ($0.isDisabled && !$0.hasLabour && $0.age(at: asOf) >= 16)
            }
            var row = householdRow(household)
            row["screening_date"] = .date(random.date(in: round))
            row["water_quality_ok"] = .boolean(!random.chance(15, in: 1000))
            row["seasonal_shortage"] = Self.maybe(random.chance(35, in: 1000), blank: random.chance(5, in: 1000))
            row["piped_to_home"] = Self.maybe(!random.chance(12, in: 100), blank: random.chance(5, in: 1000))
            row["disabled_member"] = .boolean(disabled)
            rows.append(row)
        }
        return DemoTable(plugin: "water", dataset: "household_water", rows: rows)
    }
}
