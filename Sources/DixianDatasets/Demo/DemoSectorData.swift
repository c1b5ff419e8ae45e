import DixianCore
import DixianDirectory

/// The sector bureaus' demo data (行业演示数据) for 岚川县: one table per dataset of every shipped plugin,
/// each row referring to a register person (or a household, by its head) and to their village.
///
/// Conditions are drawn so that every shipped rule fires on a plausible few percent of its dataset's
/// rows (0.5–10 %) and leaves under 2 % missing; `DixianDatasetsTests` measures both. Each table draws
/// from a stream of its own, so that changing one leaves the others' files as they were.
public struct DemoSectorData: Sendable {
    public let register: DemoRegister
    /// Town names by code, for school and works names.
    let townNames: [DivisionCode: String]
    let villageNames: [DivisionCode: String]
    let seed: UInt64
    let asOf: CalendarDate

    public init(register: DemoRegister, units: [OrgUnit], seed: UInt64, asOf: CalendarDate = DemoData.referenceDate) {
        self.register = register
        self.townNames = Dictionary(units.filter { $0.level == .town }.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        self.villageNames = Dictionary(units.filter { $0.level == .village }.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        self.seed = seed
        self.asOf = asOf
    }

    /// Every table, in plugin order.
    public func tables() -> [DemoTable] {
        [
            studentRoll(), sendTeachingRoster(),
            insuranceEnrollment(), familyDoctorContracts(), medicalExpense(),
            housingSafety(),
            waterWorks(), householdWater(),
            householdLabour(),
            microcreditLoans(), creditDemand(),
            householdIncome(),
        ]
    }

    /// The random stream of one table: the seed mixed with the table's name (FNV-1a), so that tables never
    /// share draws.
    func stream(_ table: String) -> SeededRandom {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in table.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return SeededRandom(seed: seed ^ hash)
    }

    /// A person-level row's identity: the person's resident ID and their household's village.
    func personRow(_ index: Int) -> [String: DemoValue] {
        let person = register.persons[index]
        return [
            "resident_id": .text(person.residentID.value),
            "village_code": .text(register.households[person.household].villageCode.rawValue),
        ]
    }

    /// A household-level row's identity: the head's resident ID and the village.
    func householdRow(_ household: DemoHousehold) -> [String: DemoValue] {
        personRow(household.head)
    }

    /// The name of the town a village belongs to, without its 镇/乡/街道.
    func townStem(of village: DivisionCode) -> String {
        let name = village.parent.flatMap { townNames[$0] } ?? "岚城街道"
        return String(name.dropLast(name.hasSuffix("街道") ? 2 : 1))
    }

    /// A boolean that is sometimes left empty (a cell the bureau did not fill).
    static func maybe(_ value: Bool, blank: Bool) -> DemoValue? {
        blank ? nil : .boolean(value)
    }
}
