import DixianCore
import DixianDirectory

extension DemoRegister {
    /// Draws households one at a time: members and their IDs, labour, then the household's income and flags.
    struct Builder {
        var random: SeededRandom
        let asOf: CalendarDate
        var households: [DemoHousehold] = []
        var persons: [DemoPerson] = []
        /// The first 17 characters of every ID drawn, so that no two persons share one.
        private var usedIDs: Set<String> = []

        init(random: SeededRandom, asOf: CalendarDate) {
            self.random = random
            self.asOf = asOf
        }

        /// One member as drawn, before its ID and labour.
        private struct Draft {
            var relation: String
            var age: Int
            var isMale: Bool
            var surname: String
        }

        mutating func addHousehold(in village: DivisionCode, number: Int) {
            let index = households.count
            let drafts = drawMembers()
            let first = persons.count
            for draft in drafts {
                persons.append(person(draft, household: index))
            }
            let members = first..<persons.count
            var household = DemoHousehold(
                id: village.rawValue + DemoData.digits(number, 4), villageCode: village, type: "一般户",
                monitoringGroup: nil, members: members, incomePerCapita: 0, previousIncomePerCapita: nil,
                isDibao: false, isTekun: false, noLabour: persons[members].allSatisfy { !$0.hasLabour })
            drawTypeAndIncome(&household)
            households.append(household)
        }

        // MARK: Members

        /// Sizes 1–6 in the shares of a loess-plateau county: many old couples and people alone.
        private static let sizeWeights = [12, 25, 24, 20, 12, 7]

        private mutating func drawMembers() -> [Draft] {
            let size = random.weighted(Self.sizeWeights) + 1
            let headAge = size == 1 ? random.between(55...88) : random.between(28...80)
            let headMale = random.chance(size == 1 ? 55 : 85, in: 100)
            let surname = random.pick(DemoCounty.surnames)
            var drafts = [Draft(relation: "户主", age: headAge, isMale: headMale, surname: surname)]
            if size >= 2, random.chance(headAge < 75 ? 90 : 70, in: 100) {
                let age = max(20, headAge + random.between(-6...6))
                drafts.append(Draft(relation: "配偶", age: age, isMale: !headMale, surname: random.pick(DemoCounty.surnames)))
            }
            if headAge <= 52 {
                addChildrenAndParents(&drafts, size: size, headAge: headAge, surname: surname)
            } else {
                addAdultChildAndGrandchildren(&drafts, size: size, headAge: headAge, surname: surname)
            }
            return drafts
        }

        /// A younger head: children up to three, then the head's parents.
        private mutating func addChildrenAndParents(_ drafts: inout [Draft], size: Int, headAge: Int, surname: String) {
            var children = 0
            while drafts.count < size {
                if children < 3 {
                    let male = random.chance(52, in: 100)
                    let age = random.between(max(0, headAge - 42)...max(0, headAge - 20))
                    drafts.append(Draft(relation: male ? "之子" : "之女", age: age, isMale: male, surname: surname))
                    children += 1
                } else {
                    let male = !drafts.contains { $0.relation == "之父" }
                    let age = min(95, headAge + random.between(22...32))
                    drafts.append(Draft(
                        relation: male ? "之父" : "之母", age: age, isMale: male,
                        surname: male ? surname : random.pick(DemoCounty.surnames)))
                }
            }
        }

        /// An older head: a grown child (and their spouse), then grandchildren.
        private mutating func addAdultChildAndGrandchildren(_ drafts: inout [Draft], size: Int, headAge: Int, surname: String) {
            guard drafts.count < size else { return }
            let son = random.chance(70, in: 100)
            let childAge = max(18, headAge - random.between(22...35))
            drafts.append(Draft(relation: son ? "之子" : "之女", age: childAge, isMale: son, surname: surname))
            if drafts.count < size, random.chance(80, in: 100) {
                let age = max(18, childAge + random.between(-4...4))
                drafts.append(Draft(
                    relation: son ? "之儿媳" : "之女婿", age: age, isMale: !son, surname: random.pick(DemoCounty.surnames)))
            }
            while drafts.count < size {
                let male = random.chance(52, in: 100)
                let age = random.between(0...max(0, min(17, childAge - 19)))
                drafts.append(Draft(
                    relation: male ? "之孙子" : "之孙女", age: age, isMale: male, surname: son ? surname : random.pick(DemoCounty.surnames)))
            }
        }

        private mutating func person(_ draft: Draft, household: Int) -> DemoPerson {
            let birth = asOf.adding(days: -(draft.age * 365 + draft.age / 4) - random.below(365))
            let id = residentID(born: birth, male: draft.isMale)
            let given = random.chance(7, in: 10)
                ? random.pick(DemoCounty.givenCharacters) + random.pick(DemoCounty.givenCharacters)
                : random.pick(DemoCounty.givenCharacters)
            let age = draft.age
            let disabled = random.chance(age < 16 ? 15 : age < 60 ? 50 : 120, in: 1000)
            let disability = disabled ? drawDisability() : nil
            let chronic = random.chance(age < 40 ? 10 : age < 60 ? 100 : 250, in: 1000)
            var person = DemoPerson(
                residentID: id, household: household, name: draft.surname + given, relation: draft.relation,
                birthDate: birth, isMale: draft.isMale, disability: disability, labourCapacity: "",
                hasChronicDisease: chronic)
            person.labourCapacity = labourCapacity(of: person, age: person.age(at: asOf))
            return person
        }

        /// 6 digits of 岚川县, the birth date, a sequence odd for men, and the check character.
        private mutating func residentID(born date: CalendarDate, male: Bool) -> ResidentID {
            let stem = DemoCounty.countyCode.significantPrefix + date.description.replacingOccurrences(of: "-", with: "")
            while true {
                let sequence = random.below(500) * 2 + (male ? 1 : 0)
                let prefix = stem + DemoData.digits(sequence, 3)
                if usedIDs.insert(prefix).inserted, let id = ResidentID.completing(prefix) { return id }
            }
        }

        /// The categories of the 残疾人证, in their rough shares, with a grade 一级 (most severe) to 四级.
        private static let disabilityKinds = ["肢体残疾", "视力残疾", "听力残疾", "言语残疾", "智力残疾", "精神残疾", "多重残疾"]
        private static let disabilityWeights = [40, 12, 12, 3, 12, 10, 11]
        private static let grades = ["一级", "二级", "三级", "四级"]

        private mutating func drawDisability() -> String {
            Self.disabilityKinds[random.weighted(Self.disabilityWeights)] + random.pick(Self.grades)
        }

        /// 劳动技能 by age and disability, as village cadres record it.
        private mutating func labourCapacity(of person: DemoPerson, age: Int) -> String {
            switch age {
            case ..<16:
                return "无劳动力"
            case 16..<18:
                return random.chance(20, in: 100) ? "普通劳动力" : "无劳动力"
            case 18..<60:
                if person.isSeverelyDisabled { return "丧失劳动力" }
                if person.isDisabled { return "弱劳动力或半劳动力" }
                return ["技能劳动力", "普通劳动力", "弱劳动力或半劳动力", "丧失劳动力"][random.weighted([18, 70, 9, 3])]
            case 60..<70:
                if person.isSeverelyDisabled { return "丧失劳动力" }
                return ["普通劳动力", "弱劳动力或半劳动力", "丧失劳动力", "无劳动力"][random.weighted([20, 55, 15, 10])]
            default:
                return random.chance(60, in: 100) ? "无劳动力" : "丧失劳动力"
            }
        }
    }
}
