import DixianCore

extension DemoRegister.Builder {
    /// 户类型 and 三类群体, 人均纯收入 of this and the previous year, and the 低保 / 特困 flags.
    ///
    /// Incomes grow with the share of members who can work. About 4 % of households draw an income below
    /// the 2024 line (7,800 yuan) and 3 % a fall of more than 30 % on the year before, so that the
    /// governance rules fire on a few percent; households without labour live on transfers and sit near the line.
    mutating func drawTypeAndIncome(_ household: inout DemoHousehold) {
        let members = persons[household.members]
        let typeDraw = random.below(100)
        if typeDraw < 72 {
            household.type = "脱贫户"
        } else if typeDraw < 88 {
            household.type = "监测户"
            household.monitoringGroup = ["脱贫不稳定户", "边缘易致贫户", "突发严重困难户"][random.weighted([40, 45, 15])]
        }
        let labour = members.reduce(0) { total, person in
            switch person.labourCapacity {
            case "技能劳动力", "普通劳动力": total + 2
            case "弱劳动力或半劳动力": total + 1
            default: total
            }
        }
        // Yuan per head: 7,000 from transfers and land, up to 16,000 more with every member working.
        var income = 7_000 + 16_000 * labour / (2 * members.count) + random.below(6_000)
        if household.noLabour {
            income = 7_000 + random.below(6_000)
        }
        if random.chance(40, in: 1000) {
            income = random.between(4_500...7_799)
        }
        household.incomePerCapita = income * 100 + random.below(100)
        if random.chance(5, in: 1000) {
            household.previousIncomePerCapita = nil
        } else if random.chance(30, in: 1000) {
            // A fall: this year is 40–68 % of the last.
            household.previousIncomePerCapita = household.incomePerCapita * 100 / random.between(40...68)
        } else {
            household.previousIncomePerCapita = household.incomePerCapita * 100 / random.between(103...115)
        }
        let low = household.incomePerCapita < 900_000
        household.isDibao = random.chance(household.noLabour ? 60 : low ? 40 : 3, in: 100)
        let alone = members.count == 1 && members.first.map { $0.age(at: asOf) >= 60 } == true
        household.isTekun = household.noLabour && alone && random.chance(1, in: 2)
        if household.isTekun { household.isDibao = false }
    }
}
