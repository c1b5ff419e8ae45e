import DixianCore

extension DemoSectorData {
    /// The year the medical-expense data covers: the last whole year before the reference date.
    var expenseYear: Int { asOf.year - 1 }

    /// `health.insurance_enrollment`: every member of a 脱贫户 or 监测户 for the reference year; 1.5 % uninsured.
    func insuranceEnrollment() -> DemoTable {
        var random = stream("health.insurance_enrollment")
        var rows: [[String: DemoValue]] = []
        for household in register.households where household.isPovertyOrMonitored {
            for index in household.members {
                var row = personRow(index)
                row["household_type"] = .text(household.type)
                row["year"] = .integer(asOf.year)
                row["insured"] = .boolean(!random.chance(15, in: 1000))
                rows.append(row)
            }
        }
        return DemoTable(plugin: "health", dataset: "insurance_enrollment", rows: rows)
    }

    /// `health.family_doctor_contracts`: the key populations (65 and over, disabled, chronically ill) of
    /// 脱贫户 and 监测户. About 2 % never signed and 2.5 % signed more than a year ago; 0.7 % lack the date.
    func familyDoctorContracts() -> DemoTable {
        var random = stream("health.family_doctor_contracts")
        let lastYear = asOf.adding(days: -364)...asOf.adding(days: -1)
        let expired = asOf.adding(days: -640)...asOf.adding(days: -367)
        var rows: [[String: DemoValue]] = []
        for household in register.households where household.isPovertyOrMonitored {
            for index in household.members {
                let person = register.persons[index]
                let group = person.age(at: asOf) >= 65 ? "65岁以上老年人"
                    : person.isDisabled ? "残疾人" : person.hasChronicDisease ? "慢性病患者" : nil
                guard let group else { continue }
                var row = personRow(index)
                row["key_population"] = .text(group)
                let draw = random.below(1000)
                row["signed"] = .boolean(draw >= 20)
                if draw >= 27 {
                    row["signed_on"] = .date(random.date(in: draw < 52 ? expired : lastYear))
                }
                rows.append(row)
            }
        }
        return DemoTable(plugin: "health", dataset: "family_doctor_contracts", rows: rows)
    }

    /// `health.medical_expense`: the year's compliant out-of-pocket cost of the 脱贫户 and 监测户 that had any
    /// (about two in three). Chronic illness adds to it; about 2 % had a serious illness costing 10,000 or more.
    func medicalExpense() -> DemoTable {
        var random = stream("health.medical_expense")
        var rows: [[String: DemoValue]] = []
        for household in register.households where household.isPovertyOrMonitored {
            let members = register.members(of: household)
            guard random.chance(65, in: 100) else { continue }
            let chronic = members.contains { $0.hasChronicDisease }
            var yuan = random.between(100...2_500)
            if chronic { yuan += random.between(300...2_500) }
            if random.chance(20, in: 1000) { yuan = random.between(10_000...60_000) }
            var row = householdRow(household)
            row["year"] = .integer(expenseYear)
            row["out_of_pocket"] = .money(fen: yuan * 100 + random.below(100))
            row["chronic_disease_certified"] = .boolean(chronic && random.chance(8, in: 10))
            rows.append(row)
        }
        return DemoTable(plugin: "health", dataset: "medical_expense", rows: rows)
    }
}
