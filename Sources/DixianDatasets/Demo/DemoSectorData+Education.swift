import DixianCore

extension DemoSectorData {
    /// `education.student_roll`: every register child of 6–17. About 2.5 % of those of compulsory age are
    /// out of school, and about 3.5 % of enrolled 脱贫户 / 监测户 students got no aid this term (0.5 % unknown).
    func studentRoll() -> DemoTable {
        var random = stream("education.student_roll")
        var rows: [[String: DemoValue]] = []
        for (index, person) in register.persons.enumerated() {
            let age = person.age(at: asOf)
            guard (6...17).contains(age) else { continue }
            let household = register.households[person.household]
            // Children taught at home (送教上门) keep their school place.
            let enrolled = person.isSeverelyDisabled || (age <= 15 ? !random.chance(25, in: 1000) : random.chance(85, in: 100))
            var row = personRow(index)
            row["name"] = .text(person.name)
            row["birth_date"] = .date(person.birthDate)
            row["household_type"] = .text(household.type)
            row["enrolled"] = .boolean(enrolled)
            if enrolled {
                let stem = townStem(of: household.villageCode)
                row["school"] = .text(age <= 11 ? stem + "中心小学" : age <= 14 ? stem + "初级中学" : "岚川县第一中学")
                if household.isPovertyOrMonitored {
                    let draw = random.below(1000)
                    row["aid_received"] = draw < 5 ? nil : .boolean(draw >= 40)
                } else {
                    row["aid_received"] = .boolean(random.chance(1, in: 10))
                }
            }
            rows.append(row)
        }
        return DemoTable(plugin: "education", dataset: "student_roll", rows: rows)
    }

    /// `education.send_teaching_roster`: severely disabled children of compulsory age, one row per month from
    /// January to June of the reference year; about 5 % of the months fall below 2 visits.
    func sendTeachingRoster() -> DemoTable {
        var random = stream("education.send_teaching_roster")
        var rows: [[String: DemoValue]] = []
        for (index, person) in register.persons.enumerated() {
            guard person.isSeverelyDisabled, (6...15).contains(person.age(at: asOf)) else { continue }
            for month in 1...6 {
                var row = personRow(index)
                row["month"] = .date(CalendarDate(year: asOf.year, month: month, day: 1)!)
                row["visits"] = .integer(random.chance(5, in: 100) ? random.below(2) : random.between(2...4))
                row["disability_category"] = person.disability.map(DemoValue.text)
                rows.append(row)
            }
        }
        return DemoTable(plugin: "education", dataset: "send_teaching_roster", rows: rows)
    }
}
