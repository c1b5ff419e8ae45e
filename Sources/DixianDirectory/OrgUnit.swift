/// An org unit (行政区划/单位): a province, city, county, town (乡镇/街道) or village (村/社区).
public struct OrgUnit: Sendable, Hashable, Codable {
    /// The 12-digit division code, the unit's key.
    public var code: DivisionCode
    /// The Chinese name, e.g. `岚川县` or `李家沟村`.
    public var name: String
    /// The unit above, when it is in the directory; nil for the top unit of a stored tree.
    public var parentCode: DivisionCode?
    /// The urban-rural classification code (城乡分类代码), when the directory has one.
    public var urbanRural: UrbanRuralCode?
    /// Whether the unit is a poverty-exited village (脱贫村, a former 贫困村).
    public var isPovertyExited: Bool

    /// The level, from the code.
    public var level: OrgLevel { self.code.level }

    /// Whether the unit counts as rural (乡村): a 2xx code, or no code at all, so that a directory imported
    /// before the codes were kept loses no duty.
    public var isRural: Bool {
        self.urbanRural?.isRural ?? true
    }

    public init(
        code: DivisionCode, name: String, parentCode: DivisionCode?, urbanRural: UrbanRuralCode? = nil,
        isPovertyExited: Bool = false
    ) {
        self.code = code
        self.name = name
        self.parentCode = parentCode
        self.urbanRural = urbanRural
        self.isPovertyExited = isPovertyExited
    }
}
