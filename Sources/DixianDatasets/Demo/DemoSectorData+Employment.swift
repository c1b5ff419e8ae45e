import DixianCore

extension DemoSectorData {
    /// `employment.household_labour`: the reference month before it (data collected by the 3rd), every
    /// 脱贫户 and 监测户 by its head. About 3.5 % of households with labour have nobody employed, 1.5 % lost a
    /// public-welfare job this month, and 3 % earn far less than a year before (wages are January to date).
    func householdLabour() -> DemoTable {
        var random = stream("employment.household_labour")
        let month = CalendarDate(year: asOf.year, month: asOf.month, day: 1)!.adding(days: -1).firstOfMonth
        var rows: [[String: DemoValue]] = []
        for household in register.households where household.isPovertyOrMonitored {
            let labour = register.members(of: household).filter { $0.hasLabour && $0.age(at: asOf) < 65 }.count
            var employed = 0
            if labour > 0, !random.chance(35, in: 1000) {
                employed = max(1, labour - random.weighted([70, 25, 5]))
            }
            var wage = 0
            var lastYear = 0
            if employed > 0 {
                lastYear = employed * random.between(6_000...30_000)
                wage = random.chance(3, in: 100) ? lastYear * random.between(20...65) / 100 : lastYear * random.between(90...125) / 100
            } else if labour > 0, random.chance(4, in: 10) {
                lastYear = random.between(3_000...15_000)
            }
            var row = householdRow(household)
            row["month"] = .date(month)
            row["labour_count"] = .integer(labour)
            row["employed_count"] = .integer(employed)
            let lost = random.below(1000)
            row["welfare_job_lost"] = lost < 3 ? nil : .boolean(lost < 18)
            row["wage_income"] = random.chance(5, in: 1000) ? nil : .money(fen: wage * 100)
            row["wage_income_last_year"] = .money(fen: lastYear * 100)
            rows.append(row)
        }
        return DemoTable(plugin: "employment", dataset: "household_labour", rows: rows)
    }
}
