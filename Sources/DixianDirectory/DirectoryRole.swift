/// A role as the directory needs to know it: what the plugins declare under `roles:`
/// (`plugins/README.md` §4).
public struct DirectoryRole: Sendable, Hashable {
    /// The role id, e.g. `village_secretary`.
    public var id: String
    /// The Chinese name, e.g. `村党组织书记`; a file may name the role by it.
    public var name: String?
    /// The level of the units the role is held at; nil when unknown (then not checked).
    public var level: OrgLevel?
    /// Whether each holder is recorded with a sector (`per_sector: true`).
    public var perSector: Bool

    public init(id: String, name: String? = nil, level: OrgLevel? = nil, perSector: Bool = false) {
        self.id = id
        self.name = name
        self.level = level
        self.perSector = perSector
    }
}
