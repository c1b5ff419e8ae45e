extension DemoSectorData {
    /// `governance.household_income`: the register's incomes as the monitoring system holds them, every
    /// household by its head, for ``DemoRegister/incomeYear``.
    func householdIncome() -> DemoTable {
        let rows = register.households.map { household -> [String: DemoValue] in
            var row = householdRow(household)
            row["year"] = .integer(DemoRegister.incomeYear)
            row["income_per_capita"] = .money(fen: household.incomePerCapita)
            row["previous_income_per_capita"] = household.previousIncomePerCapita.map { .money(fen: $0) }
            return row
        }
        return DemoTable(plugin: "governance", dataset: "household_income", rows: rows)
    }
}
