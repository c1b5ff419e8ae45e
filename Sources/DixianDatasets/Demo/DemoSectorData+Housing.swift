import DixianCore

extension DemoSectorData {
    /// `housing.housing_safety`: every household, by its head. 六类重点对象 are the 脱贫户, 监测户, 低保, 特困
    /// and families with a disabled member. About 18 % had their house rebuilt (危改), and 8 % of those still
    /// live in the old one; about 5 % of the others are rated C or D.
    func housingSafety() -> DemoTable {
        var random = stream("housing.housing_safety")
        let appraisals = CalendarDate(year: asOf.year - 1, month: 3, day: 1)!...asOf.adding(days: -10)
        var rows: [[String: DemoValue]] = []
        for household in register.households {
            let members = register.members(of: household)
            let keyGroup = household.isPovertyOrMonitored || household.isDibao || household.isTekun
                || members.contains { $0.isDisabled }
            let rebuilt = random.chance(18, in: 100)
            let rating = rebuilt ? (random.chance(7, in: 10) ? "A" : "B") : ["A", "B", "C", "D"][random.weighted([55, 40, 4, 1])]
            var row = householdRow(household)
            row["key_group"] = .boolean(keyGroup)
            row["safety_rating"] = .text(rating)
            row["appraised_on"] = .date(random.date(in: appraisals))
            row["rebuilt"] = .boolean(rebuilt)
            row["lives_in_old_house"] = rebuilt ? Self.maybe(random.chance(8, in: 100), blank: random.chance(1, in: 100)) : .boolean(false)
            rows.append(row)
        }
        return DemoTable(plugin: "housing", dataset: "housing_safety", rows: rows)
    }
}
