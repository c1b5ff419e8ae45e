import DixianCore
import DixianDirectory

/// The demo county's population register (人口台账): about 10,000 households and 30,000 persons of 岚川县,
/// generated deterministically from a seed (``SeededRandom``, never the system's generator).
///
/// Households sit in the county's rural villages, three times as many in a 脱贫村. About seven in ten are
/// 脱贫户, one in six 监测户 (with their 三类群体), the rest 一般户. Incomes are of ``incomeYear`` (2024),
/// the year whose monitoring line the seeds give (seed 003: 7,800 yuan), so that the governance rules
/// fire on their default parameters. Ages and dates count from ``DemoData/referenceDate``.
public struct DemoRegister: Sendable {
    /// The income year of every household.
    public static let incomeYear = 2024
    /// How many households the default register has.
    public static let defaultHouseholdCount = 10_000

    public var households: [DemoHousehold]
    public var persons: [DemoPerson]

    /// Generates `count` households in the rural villages of `units`.
    public static func generate(units: [OrgUnit], seed: UInt64, count: Int = defaultHouseholdCount) -> DemoRegister {
        var builder = Builder(random: SeededRandom(seed: seed), asOf: DemoData.referenceDate)
        let villages = units.filter { $0.level == .village && $0.isRural }
        precondition(!villages.isEmpty, "the demo register needs rural villages")
        let weights = villages.map { $0.isPovertyExited ? 3 : 1 }
        var sequence: [DivisionCode: Int] = [:]
        for _ in 0..<count {
            let village = villages[builder.random.weighted(weights)]
            sequence[village.code, default: 0] += 1
            builder.addHousehold(in: village.code, number: sequence[village.code]!)
        }
        return DemoRegister(households: builder.households, persons: builder.persons)
    }

    /// The members of `household`, the head first.
    public func members(of household: DemoHousehold) -> ArraySlice<DemoPerson> {
        persons[household.members]
    }

    /// Each person's index in ``persons``, by resident ID (the join of `person.` and `household.` fields).
    public func personIndex() -> [String: Int] {
        Dictionary(uniqueKeysWithValues: persons.enumerated().map { ($1.residentID.value, $0) })
    }
}
