import DixianDirectory

/// A generated household of the demo register (演示户): its members are ``DemoRegister/persons`` in
/// ``members``, the head first.
public struct DemoHousehold: Sendable, Hashable {
    /// 户编号: the village code and a 4-digit sequence.
    public var id: String
    public var villageCode: DivisionCode
    /// 脱贫户 / 监测户 / 一般户.
    public var type: String
    /// The 三类群体 of a 监测户, nil otherwise.
    public var monitoringGroup: String?
    public var members: Range<Int>
    /// 人均纯收入 of ``DemoRegister/incomeYear``, in fen.
    public var incomePerCapita: Int
    /// The year before's, in fen; nil for a household the system has no earlier year of.
    public var previousIncomePerCapita: Int?
    public var isDibao: Bool
    public var isTekun: Bool
    public var noLabour: Bool

    /// The index of the head in ``DemoRegister/persons``.
    public var head: Int { members.lowerBound }

    /// 脱贫户 and 监测户, whom most sector rolls cover.
    public var isPovertyOrMonitored: Bool { type != "一般户" }
}
