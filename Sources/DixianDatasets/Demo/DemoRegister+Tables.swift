extension DemoRegister {
    /// The households table, columns as ``PopulationRegister/households`` declares them.
    public func householdsTable() -> DemoTable {
        let rows = households.map { household -> [String: DemoValue] in
            let head = persons[household.head]
            var row: [String: DemoValue] = [
                "household_id": .text(household.id),
                "village_code": .text(household.villageCode.rawValue),
                "household_type": .text(household.type),
                "head_resident_id": .text(head.residentID.value),
                "head_name": .text(head.name),
                "members": .integer(household.members.count),
                "income_per_capita": .money(fen: household.incomePerCapita),
                "income_year": .integer(Self.incomeYear),
                "is_dibao": .boolean(household.isDibao),
                "is_tekun": .boolean(household.isTekun),
                "no_labour": .boolean(household.noLabour),
            ]
            row["monitoring_group"] = household.monitoringGroup.map(DemoValue.text)
            row["previous_income_per_capita"] = household.previousIncomePerCapita.map { .money(fen: $0) }
            return row
        }
        return DemoTable(plugin: nil, dataset: PopulationRegister.households.id, rows: rows)
    }

    /// The persons table, columns as ``PopulationRegister/persons`` declares them.
    public func personsTable() -> DemoTable {
        let rows = persons.map { person -> [String: DemoValue] in
            var row: [String: DemoValue] = [
                "resident_id": .text(person.residentID.value),
                "household_id": .text(households[person.household].id),
                "name": .text(person.name),
                "relation": .text(person.relation),
                "birth_date": .date(person.birthDate),
                "is_disabled": .boolean(person.isDisabled),
                "labour_capacity": .text(person.labourCapacity),
            ]
            row["disability"] = person.disability.map(DemoValue.text)
            return row
        }
        return DemoTable(plugin: nil, dataset: PopulationRegister.persons.id, rows: rows)
    }
}
