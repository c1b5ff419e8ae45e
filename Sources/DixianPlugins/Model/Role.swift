import DixianCore

/// A role (角色): a post held at units of one org level, e.g. 村党组织书记 at every village.
///
/// Role ids are global. The `governance` plugin declares the core catalogue; other plugins may add roles
/// whose ids start with `<plugin id>_`. The org directory (not a plugin) says who holds which role where.
public struct Role: Sendable, Hashable, Identifiable, Encodable {
    /// An administrative level (层级) of the org tree, from the top.
    public enum Level: String, Sendable, Hashable, CaseIterable, Comparable, Encodable {
        /// 省.
        case province
        /// 市.
        case city
        /// 县（区、市）.
        case county
        /// 乡镇（街道）.
        case town
        /// 村（社区）.
        case village

        /// 0 for province … 4 for village: a smaller rank is higher up.
        public var rank: Int {
            Self.allCases.firstIndex(of: self)!
        }

        /// The Chinese name, e.g. `乡镇`.
        public var chineseName: String {
            switch self {
            case .province: "省"
            case .city: "市"
            case .county: "县"
            case .town: "乡镇"
            case .village: "村"
            }
        }

        /// Orders from the top: `province < village`.
        public static func < (lhs: Self, rhs: Self) -> Bool {
            lhs.rank < rhs.rank
        }
    }

    /// How holders are found for an occurrence.
    public enum Binding: String, Sendable, Hashable, CaseIterable, Encodable {
        /// By walking up from the occurrence's unit (default).
        case unit
        /// The helper(s) assigned to the occurrence's monitored household (帮扶责任人).
        case household
    }

    /// Role id, e.g. `village_secretary`.
    public var id: String
    /// Chinese name, e.g. `村党组织书记`.
    public var name: String
    /// The level of the units at which the role is held.
    public var level: Level
    /// Description, if any.
    public var description: String?
    /// Whether holders are recorded per sector; a plugin resolves it with its own id as the sector.
    public var isPerSector: Bool
    /// Whether every unit of ``level`` is expected to have a holder.
    public var isEveryUnit: Bool
    /// How holders are found.
    public var binding: Binding
    /// The plugin that declares the role.
    public var pluginID: String
    /// Where the role is declared.
    public var location: Diagnostic.Location
    /// How messages name the post after its unit (职务称谓); nil: the unit's name and ``name``.
    public var title: RoleTitle? = nil
    /// The role whose overdue items this one receives to put before them (提请), e.g. 县委办 for the
    /// 县委书记: offices route escalations to top leaders through their offices.
    public var onBehalfOf: String? = nil
}

extension Role {
    private enum CodingKeys: String, CodingKey {
        case id, name, level, description, binding
        case isPerSector = "per_sector"
        case isEveryUnit = "every_unit"
        case pluginID = "plugin"
        case title
        case onBehalfOf = "on_behalf_of"
    }
}
