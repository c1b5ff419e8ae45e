import DixianCore

extension DemoSectorData {
    /// Whether a household borrowed (脱贫人口小额信贷): about a quarter of the 脱贫户 and 监测户 with labour,
    /// drawn from its own stream so that the loan roll and the demand survey agree.
    func borrowers() -> Set<Int> {
        var random = stream("credit.borrowers")
        var result: Set<Int> = []
        for (index, household) in register.households.enumerated() where household.isPovertyOrMonitored && !household.noLabour {
            if random.chance(25, in: 100) { result.insert(index) }
        }
        return result
    }

    /// `credit.microcredit_loans`: one loan per borrowing household, to its head, issued in the last three
    /// years. About 1.5 % are overdue and 3 % not used for production (0.5 % unknown).
    func microcreditLoans() -> DemoTable {
        var random = stream("credit.microcredit_loans")
        let issued = asOf.adding(days: -1_090)...asOf.adding(days: -15)
        var rows: [[String: DemoValue]] = []
        for index in borrowers().sorted() {
            let household = register.households[index]
            let date = random.date(in: issued)
            var row = householdRow(household)
            row["loan_id"] = .text("LCXD\(date.year)" + DemoData.digits(rows.count + 1, 5))
            row["amount"] = .money(fen: random.between(10...50) * 1_000 * 100)
            row["issued_on"] = .date(date)
            row["days_overdue"] = .integer(random.chance(15, in: 1000) ? random.between(1...180) : 0)
            let use = random.below(1000)
            row["productive_use"] = use < 5 ? nil : .boolean(use >= 35)
            rows.append(row)
        }
        return DemoTable(plugin: "credit", dataset: "microcredit_loans", rows: rows)
    }

    /// `credit.credit_demand`: the survey of every 脱贫户 and 监测户. Households with labour and a head under 65
    /// are mostly eligible; about one in four who want a loan and have none is still waiting (应贷未贷).
    func creditDemand() -> DemoTable {
        var random = stream("credit.credit_demand")
        let lent = borrowers()
        var rows: [[String: DemoValue]] = []
        for (index, household) in register.households.enumerated() where household.isPovertyOrMonitored {
            let youngHead = register.persons[household.head].age(at: asOf) < 65
            let eligible = !household.noLabour && youngHead && random.chance(8, in: 10)
            let borrowed = lent.contains(index)
            let wants = borrowed || random.chance(eligible ? 20 : 5, in: 100)
            var row = householdRow(household)
            row["eligible"] = .boolean(eligible || borrowed)
            row["wants_loan"] = .boolean(wants)
            row["lent"] = .boolean(borrowed || (wants && !random.chance(25, in: 100)))
            rows.append(row)
        }
        return DemoTable(plugin: "credit", dataset: "credit_demand", rows: rows)
    }
}
