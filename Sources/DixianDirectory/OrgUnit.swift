/// An org unit (行政区划/单位): a province, city, county, town (乡镇/街道) or village (村/社区).
public struct OrgUnit: Sendable, Hashable, Codable {
    /// The 12-digit division code, the unit's key.
    public var code: DivisionCode
    /// The Chinese name, e.g. `岚川县` or `李家沟村`.
    public var name: String
    /// The unit above, when it is in the directory; nil for the top unit of a stored tree.
    public var parentCode: DivisionCode?

    /// The level, from the code.
    public var level: OrgLevel { self.code.level }

    public init(code: DivisionCode, name: String, parentCode: DivisionCode?) {
        self.code = code
        self.name = name
        self.parentCode = parentCode
    }
}
