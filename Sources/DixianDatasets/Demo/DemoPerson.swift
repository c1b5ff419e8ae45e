import DixianCore

/// A generated member of a demo household (演示人口). Fictional: the ID is checksum-valid but registered
/// under 岚川县's code 149721, which no real county has.
public struct DemoPerson: Sendable, Hashable {
    public var residentID: ResidentID
    /// Index of the household in ``DemoRegister/households``.
    public var household: Int
    public var name: String
    /// 与户主关系 (``PopulationRegister/relations``).
    public var relation: String
    /// Equal to the date inside ``residentID``.
    public var birthDate: CalendarDate
    public var isMale: Bool
    /// 残疾类别 with its grade (`肢体残疾三级`), nil when not disabled.
    public var disability: String?
    /// 劳动技能 (``PopulationRegister/labourCapacities``).
    public var labourCapacity: String
    /// Not a register field: the health data (family doctor, expenses) draws on it.
    public var hasChronicDisease: Bool

    public var isDisabled: Bool { disability != nil }

    /// Severe disability (一级 or 二级): the person cannot attend school or fetch water alone.
    public var isSeverelyDisabled: Bool {
        disability.map { $0.hasSuffix("一级") || $0.hasSuffix("二级") } ?? false
    }

    /// Counted as labour by 人社 (技能, 普通, 弱或半劳动力).
    public var hasLabour: Bool {
        labourCapacity == "技能劳动力" || labourCapacity == "普通劳动力" || labourCapacity == "弱劳动力或半劳动力"
    }

    /// Whole years at `date`, as the rule language's `age()` counts them.
    public func age(at date: CalendarDate) -> Int {
        let years = date.year - birthDate.year
        return (date.month, date.day) < (birthDate.month, birthDate.day) ? years - 1 : years
    }
}
