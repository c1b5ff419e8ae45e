/// A sector bureau (行业部门), e.g. 县教育和体育局, as the officials file names it.
///
/// A bureau belongs to the unit of the officials it employs: their county, or the official's own
/// unit when that is a county or above. Its id is `<unit code>/<name>`, so the same name in two
/// counties of one database never collides and re-importing a file finds the same bureau again.
public struct Bureau: Sendable, Hashable, Codable {
    /// `<unit code>/<name>`, see ``identifier(name:unit:)``.
    public var id: String
    /// The bureau's Chinese name.
    public var name: String
    /// The sector (a plugin id such as `education`) when the file says it.
    public var sector: String?
    /// The unit the bureau belongs to.
    public var orgUnitCode: DivisionCode

    public init(name: String, sector: String?, officialUnit: DivisionCode) {
        let unit = Self.home(of: officialUnit)
        self.id = Self.identifier(name: name, unit: unit)
        self.name = name
        self.sector = sector
        self.orgUnitCode = unit
    }

    /// The unit a bureau named on an official's row belongs to.
    public static func home(of officialUnit: DivisionCode) -> DivisionCode {
        officialUnit.ancestor(at: .county) ?? officialUnit
    }

    /// The bureau id for a name at a unit.
    public static func identifier(name: String, unit: DivisionCode) -> String {
        "\(unit.rawValue)/\(name)"
    }
}
